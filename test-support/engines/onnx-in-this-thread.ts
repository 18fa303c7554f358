// Whether ONNX Runtime has been loaded into the calling thread. Work that must stay off the main
// thread (Kokoro inference, the model check) is tested with this rather than with a stopwatch: a
// module that was never loaded here cannot block this thread's event loop, however busy the
// machine, while a timed gap would fail on a loaded CI box. The gap itself is a bench row.
// Vitest gives each test file its own process, so a test sees only what its own file loaded.
import { createRequire } from 'node:module';

/** The onnxruntime-node files in this thread's module cache (an ESM import of it lands there too). */
export function onnxRuntimeInThisThread(): string[] {
  return Object.keys(createRequire(import.meta.url).cache).filter((path) => /[\\/]onnxruntime-(node|common)[\\/]/.test(path));
}
