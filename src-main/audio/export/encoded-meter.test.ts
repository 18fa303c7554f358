// Measuring a lossy file while it is written (the export's check) gives what measuring the finished
// file gives: for an MP3 the stream has no gapless trim yet (its Info frame is filled in last), so
// the meter drops the encoder delay and the padding itself.
import { describe, expect, it } from 'vitest';
import { voice } from '../../../test-support/audio/signals';
import type { ByteSink } from './encoder';
import { createEncoder } from './encoders';
import { EncodedStreamMeter, measureEncoded } from './encoded-meter';
import { framesAt, ResamplingEncoder } from './resampling-encoder';

/** A sink that keeps both the chunks as written and the file as finished (with its patches). */
function recordingSink(): ByteSink & { chunks: Uint8Array[]; file(): Uint8Array } {
  const chunks: Uint8Array[] = [];
  let file = new Uint8Array(0);
  return {
    chunks,
    get bytesWritten() {
      return file.length;
    },
    write(chunk) {
      chunks.push(chunk.slice());
      const grown = new Uint8Array(file.length + chunk.length);
      grown.set(file);
      grown.set(chunk, file.length);
      file = grown;
      return Promise.resolve();
    },
    writeAt(chunk, position) {
      file.set(chunk, position);
      return Promise.resolve();
    },
    file: () => file,
  };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

describe('measuring an encoded file as it is written', () => {
  for (const [format, rate] of [['mp3', 24000], ['mp3', 44100], ['opus', 48000]] as const) {
    it(`${format} at ${rate} Hz: the same levels and length as the finished file`, async () => {
      const x = voice({ seconds: 12, sampleRate: 24000, level: 0.8, seed: 4 });
      const sink = recordingSink();
      const frames = framesAt(x.length, 24000, rate);
      const inner = await createEncoder(format, sink, { sampleRate: rate, channels: 1, metadata: {}, bitrateKbps: 64, totalFrames: frames });
      const enc = rate === 24000 ? inner : new ResamplingEncoder(inner, 24000, rate, 1);
      for (let at = 0; at < x.length; at += 20000) await enc.write([x.subarray(at, at + 20000)]);
      await enc.finish();
      const streamed = await EncodedStreamMeter.open(format, 1, { frames });
      for (const c of sink.chunks) await streamed.push(c);
      const live = streamed.finish();
      const done = await measureEncoded(once(sink.file()), format, 1);
      expect(live.frames).toBe(done.frames);
      expect(live.lufs).toBeCloseTo(done.lufs, 6);
      expect(live.rmsDb).toBeCloseTo(done.rmsDb, 6);
      expect(live.truePeakDbtp).toBeCloseTo(done.truePeakDbtp, 6);
    });
  }
});
