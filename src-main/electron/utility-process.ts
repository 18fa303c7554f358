// Engine child processes in the packaged desktop app. The app's fuses turn off ELECTRON_RUN_AS_NODE,
// which child_process.fork relies on to start Electron's binary as plain Node, so here a child is an
// Electron utility process instead: a Node process of Electron's own, with the same structured-clone
// messages. It gives the engine host the WorkerPort that engines/worker/process.ts gives elsewhere;
// the child's side (engines/worker/process-host.ts) answers on process.parentPort.
import { utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import type { EngineChildMessage, SpawnWorker } from '../core/core';

export function utilityProcessSpawner(script: URL, serviceName: string): SpawnWorker {
  const path = fileURLToPath(script);
  return () => {
    const child = utilityProcess.fork(path, [], { serviceName, execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (s: Buffer) => (stderr = (stderr + s.toString('utf8')).slice(-2000)));
    let exited = false;
    const exitFns: ((code: number) => void)[] = [];
    const errorFns: ((e: Error) => void)[] = [];
    child.on('exit', (code) => {
      exited = true;
      // A crash (non-zero code) explains itself with the child's last words, as a killed fork does.
      if (code !== 0) {
        const last = stderr.trim().split('\n').pop();
        errorFns.forEach((fn) => fn(new Error(`exited with code ${code}${last ? ` (${last})` : ''}`)));
      }
      exitFns.forEach((fn) => fn(code));
    });
    return {
      postMessage: (msg) => {
        if (exited) throw new Error('The engine process is not running.');
        child.postMessage(msg);
      },
      onMessage: (fn) => void child.on('message', (msg) => fn(msg as EngineChildMessage)),
      onError: (fn) => void errorFns.push(fn),
      onExit: (fn) => void exitFns.push(fn),
      terminate: () =>
        new Promise<void>((resolve) => {
          if (exited) return resolve();
          child.once('exit', () => resolve());
          child.kill();
        }),
      // A utility process never holds the app open: the app quits through its own lifecycle.
      setBusy: () => {},
    };
  };
}
