// Stand-in engines for the worker tests: predictable chunks, adjustable pace, and ways to fail,
// so the proxy can be tested for ordering, cancellation and crashes without real inference.
import { setTimeout as sleep } from 'node:timers/promises';
import { KoeError } from '../../src-main/contract/errors';
import type { Engine, SynthesisRequest } from '../../src-main/engines/types';
import { throwIfAborted } from '../../src-main/lib/abort';

/**
 * `text` is `<chunks>:<ms between chunks>`; chunk i holds 100 samples of value i. Voice `bad` is
 * unknown, voice `broken` fails after the first chunk, voice `exit` ends the thread mid-stream
 * (process.exit in a worker ends only the worker), voice `throw` raises an uncaught exception.
 */
export function toneEngine(log: string[] = []): Engine {
  return {
    id: 'tone',
    name: 'Test tones',
    capabilities: () => ({ streaming: true, speed: { min: 0.5, max: 2 }, pitch: false, cloning: false, blends: false, phonemeLexicon: false, languages: ['xx'] }),
    modelVersion: () => 'tone-1',
    load: async () => {
      log.push('load');
    },
    voices: async () => [{ id: 'a', name: 'Voice A', language: 'xx', languageName: 'Test', gender: 'female', tags: ['system'], grade: null }],
    async *synthesize(req: SynthesisRequest, signal?: AbortSignal) {
      if (req.voice === 'bad') throw new KoeError('not_found', `Unknown voice "${req.voice}"`, { voice: 'unknown' });
      const [count = 0, delay = 0] = req.text.split(':').map(Number);
      try {
        for (let i = 0; i < count; i++) {
          throwIfAborted(signal);
          if (delay > 0) await sleep(delay, undefined, signal ? { signal } : {}).catch(() => throwIfAborted(signal));
          throwIfAborted(signal);
          if (i === 1 && req.voice === 'broken') throw new Error('the model fell over');
          if (i === 1 && req.voice === 'exit') process.exit(3);
          if (i === 1 && req.voice === 'throw') setTimeout(() => { throw new Error('uncaught boom'); });
          // A view into a larger buffer, as real engines often yield: the host must copy it.
          yield new Float32Array(200).fill(i).subarray(50, 150);
        }
      } finally {
        log.push(signal?.aborted ? 'aborted' : 'finished');
      }
    },
    dispose: async () => {
      log.push('dispose');
    },
  };
}
