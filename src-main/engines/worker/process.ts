// Engine workers as child processes instead of threads, for an engine that can crash the process it
// runs in (Flite's WASI build): a thread that segfaults takes the whole app with it, a child process
// only itself. The child speaks the same protocol as a worker thread, over Node's IPC channel with
// structured-clone serialization so PCM arrives as Float32Array; it is the one place that touches
// child_process on the main side, and gives the channel the same WorkerPort a thread does.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromWorker } from './protocol';
import type { SpawnWorker } from './thread';

export interface ProcessSpawnerOptions {
  /** Node flags for the child (the test shim adds its TypeScript hooks here). */
  execArgv?: string[];
  /** Arguments after the script (the test shim reads the TypeScript entry from them). */
  args?: string[];
  /** Told each child's process id as it starts (logs; tests that kill a child on purpose). */
  onSpawn?: (pid: number) => void;
}

/** The last lines a child wrote to stderr, kept to explain a crash. */
const STDERR_KEEP = 2000;

export function processSpawner(script: URL | string, opts: ProcessSpawnerOptions = {}): SpawnWorker {
  const path = script instanceof URL ? fileURLToPath(script) : script;
  return () => {
    const child = fork(path, opts.args ?? [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // --expose-gc lets the engine collect between runs; the WASI warning is noise for users.
      execArgv: [...(opts.execArgv ?? []), '--expose-gc', '--no-warnings'],
      // In the desktop app process.execPath is Electron; this makes it run the child as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => (stderr = (stderr + s).slice(-STDERR_KEEP)));
    const errorHandlers: ((e: Error) => void)[] = [];
    const exitHandlers: ((code: number) => void)[] = [];
    child.on('error', (e) => errorHandlers.forEach((fn) => fn(e)));
    child.on('exit', (code, signal) => {
      // A segfault has no exception to report: the signal and the child's last words explain it.
      if (signal) {
        const last = stderr.trim().split('\n').pop();
        const e = new Error(`killed by ${signal}${last ? ` (${last})` : ''}`);
        errorHandlers.forEach((fn) => fn(e));
      }
      exitHandlers.forEach((fn) => fn(code ?? -1));
    });
    const setBusy = (busy: boolean): void => {
      // Both the process and its IPC pipe hold the parent's event loop open while referenced.
      const channel = (child as unknown as { channel?: { ref(): void; unref(): void } }).channel;
      if (busy) {
        child.ref();
        channel?.ref();
      } else {
        child.unref();
        channel?.unref();
      }
    };
    setBusy(false);
    return {
      postMessage: (msg) => {
        if (!child.connected) throw new Error('The engine process is not running.');
        child.send(msg);
      },
      onMessage: (fn) => void child.on('message', (msg) => fn(msg as FromWorker)),
      onError: (fn) => void errorHandlers.push(fn),
      onExit: (fn) => void exitHandlers.push(fn),
      terminate: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          // Referenced until it is gone: an idle child is unref'd, and a caller awaiting its end
          // (a CLI command closing its core) must not see the process exit under it first.
          setBusy(true);
          child.once('exit', () => resolve());
          child.kill();
        }),
      setBusy,
    };
  };
}
