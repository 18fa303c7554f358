// A read-only tally of audio that reached Web Audio, on `window.__koePlayback`. End-to-end tests
// cannot hear; they read this to know streamed chunks were actually scheduled on the page. Each read
// returns a frozen copy, so a test (or a curious user) cannot disturb the player's own numbers.
const tally = { chunks: 0, samples: 0, streams: 0, lastStreamSamples: 0 };

export function countStreamStarted(): void {
  tally.streams += 1;
  tally.lastStreamSamples = 0;
}

export function countChunkScheduled(samples: number): void {
  tally.chunks += 1;
  tally.samples += samples;
  tally.lastStreamSamples += samples;
}

export function exposePlaybackCounters(target: object = globalThis): void {
  if (Object.prototype.hasOwnProperty.call(target, '__koePlayback')) return;
  Object.defineProperty(target, '__koePlayback', {
    get: () => Object.freeze({ ...tally }),
    enumerable: false,
    configurable: false,
  });
}
