// LAME instances are kept after a stream and configured again for the next (encode-mp3.ts): an
// encoder that takes a used one writes exactly the bytes a fresh one does, one stopped halfway
// leaves nothing behind in the next file, and a finished encoder cannot reach an instance that
// has moved on to another stream.
import { describe, expect, it } from 'vitest';
import { createMp3Encoder } from './encode-mp3';
import { MemorySink } from './memory-sink';

const OPTS = { sampleRate: 24000, channels: 1 as const, metadata: {} };
const tone = (n: number, f: number) => Float32Array.from({ length: n }, (_, i) => 0.4 * Math.sin((2 * Math.PI * f * i) / 24000));
/** Lets a returned instance be configured again (it happens on setImmediate). */
const settle = () => new Promise<void>((r) => setImmediate(r));

async function encode(pcm: Float32Array): Promise<Uint8Array> {
  const sink = new MemorySink();
  const enc = await createMp3Encoder(sink, OPTS);
  for (let at = 0; at < pcm.length; at += 6000) await enc.write([pcm.subarray(at, at + 6000)]);
  await enc.finish();
  enc.dispose();
  await settle();
  return sink.bytes();
}

describe('MP3 encoders reusing LAME instances', () => {
  it('writes the same bytes on a reused instance as on a fresh one', async () => {
    const pcm = tone(24000 * 2, 220);
    const first = await encode(pcm);
    const second = await encode(pcm);
    const third = await encode(pcm);
    expect(first.length).toBeGreaterThan(1000);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(third).equals(Buffer.from(first))).toBe(true);
  });

  it('leaves nothing of a stream stopped halfway in the next one', async () => {
    const pcm = tone(24000, 330);
    const clean = await encode(pcm);
    const stopped = await createMp3Encoder(new MemorySink(), OPTS);
    await stopped.write([tone(12000, 990)]);
    stopped.dispose();
    await settle();
    expect(Buffer.from(await encode(pcm)).equals(Buffer.from(clean))).toBe(true);
    await expect(stopped.write([pcm])).rejects.toThrow(/finished or was disposed/);
  });
});
