// A take on its way out of the page: collected up to its cap, trimmed, outlined for the waveform,
// lowered in rate without aliasing when the microphone runs above 48 kHz, and packed as
// little-endian float32 base64 that decodes back to the same samples.
import { describe, expect, it } from 'vitest';
import { bytesToBase64, clampTrim, float32LeBytes, limitRate, MAX_SEND_RATE, pcmSource, TakeBuffer, trimmed, waveformPeaks } from './recorder-take';

function tone(hz: number, rate: number, sec: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(rate * sec) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
}

function rms(x: Float32Array, skip = 0): number {
  let s = 0;
  for (let i = skip; i < x.length - skip; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (x.length - 2 * skip));
}

/** Frequency by zero crossings: plenty for a clean sine. */
function frequency(x: Float32Array, rate: number): number {
  let crossings = 0;
  for (let i = 1; i < x.length; i++) if (x[i - 1]! < 0 && x[i]! >= 0) crossings++;
  return (crossings * rate) / x.length;
}

describe('TakeBuffer', () => {
  it('joins blocks in order and stops at its longest length', () => {
    const tb = new TakeBuffer(1000, 1); // 1000 frames at most
    const block = (v: number) => new Float32Array(300).fill(v);
    expect(tb.append(block(1))).toBe(true);
    expect(tb.append(block(2))).toBe(true);
    expect(tb.append(block(3))).toBe(true);
    expect(tb.append(block(4))).toBe(false); // only 100 of these fit
    expect(tb.append(block(5))).toBe(false);
    const t = tb.take();
    expect(t.pcm.length).toBe(1000);
    expect(t.sampleRate).toBe(1000);
    expect([t.pcm[0], t.pcm[299], t.pcm[300], t.pcm[899], t.pcm[900], t.pcm[999]]).toEqual([1, 1, 2, 3, 4, 4]);
    expect(tb.seconds).toBe(1);
  });

  it('copies blocks, so a capture reusing its buffer cannot change the take', () => {
    const tb = new TakeBuffer(10, 10);
    const reused = new Float32Array([0.5, 0.5]);
    tb.append(reused);
    reused.fill(0);
    expect(Array.from(tb.take().pcm)).toEqual([0.5, 0.5]);
  });
});

describe('trim', () => {
  it('keeps the trim inside the take and at least half a second long', () => {
    expect(clampTrim({ startSec: -1, endSec: 30 }, 10)).toEqual({ startSec: 0, endSec: 10 });
    expect(clampTrim({ startSec: 4, endSec: 4.1 }, 10)).toEqual({ startSec: 4, endSec: 4.5 });
    expect(clampTrim({ startSec: 9.9, endSec: 10 }, 10)).toEqual({ startSec: 9.5, endSec: 10 });
  });

  it('cuts exactly the selected samples', () => {
    const pcm = Float32Array.from({ length: 100 }, (_, i) => i);
    const t = trimmed({ pcm, sampleRate: 10 }, { startSec: 2, endSec: 5 });
    expect(t.pcm.length).toBe(30);
    expect(t.pcm[0]).toBe(20);
    expect(t.pcm[29]).toBe(49);
  });
});

describe('waveformPeaks', () => {
  it('gives each bucket its own min and max', () => {
    const pcm = new Float32Array([0, 0.5, -0.25, 0, 0, 0, 1, -1]);
    const { min, max } = waveformPeaks(pcm, 2);
    expect(Array.from(max)).toEqual([0.5, 1]);
    expect(Array.from(min)).toEqual([-0.25, -1]);
  });

  it('works with more buckets than samples and with nothing at all', () => {
    const { max } = waveformPeaks(new Float32Array([0.5, -0.5]), 4);
    expect(max.length).toBe(4);
    expect(waveformPeaks(new Float32Array(0), 3).max).toEqual(new Float32Array(3));
  });
});

describe('limitRate', () => {
  it('leaves a 48 kHz or 44.1 kHz take alone', () => {
    const t = { pcm: tone(440, 48_000, 0.1), sampleRate: 48_000 };
    expect(limitRate(t)).toBe(t);
    expect(limitRate({ pcm: t.pcm, sampleRate: 44_100 }).sampleRate).toBe(44_100);
  });

  it('halves a 96 kHz take keeping a voice-band tone’s frequency and level', () => {
    const out = limitRate({ pcm: tone(1000, 96_000, 0.5), sampleRate: 96_000 });
    expect(out.sampleRate).toBe(48_000);
    expect(out.pcm.length).toBe(24_000);
    expect(frequency(out.pcm, out.sampleRate)).toBeCloseTo(1000, -1);
    expect(rms(out.pcm, 200) / (0.5 / Math.SQRT2)).toBeCloseTo(1, 2);
  });

  it('removes what would fold back: a 40 kHz tone at 96 kHz does not become 8 kHz', () => {
    const out = limitRate({ pcm: tone(40_000, 96_000, 0.5), sampleRate: 96_000 });
    // Plain decimation would leave it at full level, aliased to 8 kHz.
    expect(rms(out.pcm, 200)).toBeLessThan(0.5 / Math.SQRT2 / 100);
  });

  it('brings 192 kHz down to 48 kHz', () => {
    expect(limitRate({ pcm: tone(440, 192_000, 0.05), sampleRate: 192_000 }).sampleRate).toBe(MAX_SEND_RATE);
  });
});

describe('packing', () => {
  it('writes float32 little-endian whatever the platform', () => {
    const bytes = float32LeBytes(new Float32Array([1, -2]));
    expect(Array.from(bytes)).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });

  it('base64 matches Node’s for sizes across the slicing boundary', () => {
    for (const n of [0, 1, 2, 3, 0x8000, 0x8000 * 3 + 7]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('makes a pcm source that decodes back to the samples, and fits the server’s message limit at 20 s', () => {
    const pcm = tone(220, 48_000, 20);
    const src = pcmSource({ pcm, sampleRate: 48_000 });
    expect(src).toMatchObject({ kind: 'pcm', sampleRate: 48_000, channels: 1 });
    const raw = Buffer.from(src.base64, 'base64');
    const back = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    expect(back.length).toBe(pcm.length);
    expect(back[1234]).toBe(pcm[1234]);
    expect(src.base64.length).toBeLessThan(8 * 1024 * 1024 - 4096);
  });
});
