// Entry of the Flite engine's child process (built as out/main/flite-child.js). Flite runs in a
// process of its own, not a worker thread, because its WASI build can crash the process it runs in
// (engines/flite/flite-engine.ts); the engine host restarts the child, and the studio stays up.
import { FliteEngine } from '../engines/flite/flite-engine';
import { compileFlite } from '../engines/flite/flite-wasm';
import { hostEnginesInProcess } from '../engines/worker/process-host';

hostEnginesInProcess({ flite: () => new FliteEngine() });
// A child started ahead of need (the host replaces one every few utterances) compiles the 21 MB
// module while it waits, so its first request is as quick as any other. A failure here is
// reported by the request that needs the module.
compileFlite().catch(() => {});
