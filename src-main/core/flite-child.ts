// Entry of the Flite engine's child process (built as out/main/flite-child.js). Flite runs in a
// process of its own, not a worker thread, because its WASI build can crash the process it runs in
// (engines/flite/flite-engine.ts); the engine host restarts the child, and the studio stays up.
import { FliteEngine } from '../engines/flite/flite-engine';
import { hostEnginesInProcess } from '../engines/worker/process-host';

hostEnginesInProcess({ flite: () => new FliteEngine() });
