// The Flite engine as the rest of the app sees it: the same Engine interface, with the work done in
// child processes (core/flite-child.ts) that are replaced every few utterances and after a crash.
// A request a crash cut off runs once more on a fresh child (Flite is deterministic, so the retry
// makes the same audio and the samples already delivered are skipped); the crash is reported once.
import { processSpawner, type ProcessSpawnerOptions } from '../worker/process';
import type { SpawnWorker } from '../worker/thread';
import { WorkerEngine } from '../worker/worker-engine';
import type { EngineVoice } from '../types';
import { FLITE_MODEL_VERSION, FLITE_VOICES } from './voices';

/** The voices are a fixed table: listing them needs no child process (and no start-up wait). */
class ContainedFlite extends WorkerEngine {
  override async voices(): Promise<EngineVoice[]> {
    return FLITE_VOICES.map(({ f0: _f0, ...v }) => ({ ...v, tags: [...v.tags] }));
  }
}

/**
 * Utterances per child before a fresh one takes over. Without a forced collection the WASI build
 * crashed Node after 11 to 17 runs; with one it did not in 23 runs of 23. Eight stays under the
 * earliest crash seen even if the collection stops helping.
 */
export const FLITE_RECYCLE_AFTER = 8;

export interface ContainedFliteOptions extends ProcessSpawnerOptions {
  /** Child processes side by side (default min(2, cores), like the other engines' workers). */
  processes?: number;
  recycleAfter?: number;
  /** Told once per crash of a child, with the reason. */
  onCrash?: (error: Error) => void;
  /** Starts a child another way than child_process.fork (the desktop app's utility processes). */
  spawn?: SpawnWorker;
}

export function containedFliteEngine(childScript: URL | string, opts: ContainedFliteOptions = {}): WorkerEngine {
  return new ContainedFlite('flite', opts.spawn ?? processSpawner(childScript, opts), {
    name: 'Flite (embedded)',
    modelVersion: FLITE_MODEL_VERSION,
    ...(opts.processes ? { threads: opts.processes } : {}),
    channel: { recycleAfter: opts.recycleAfter ?? FLITE_RECYCLE_AFTER, retryOnCrash: true, ...(opts.onCrash ? { onCrash: opts.onCrash } : {}) },
  });
}
