import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kokoroFixtures } from '../../../test-support/engines/kokoro-fixtures';
import { PACK_BYTES, STYLE_DIM, parseVoicePackBytes, styleRow, styleRowIndex, voicePackBytes } from './voice-pack';

let fx: ReturnType<typeof kokoroFixtures>;
beforeAll(() => {
  fx = kokoroFixtures();
});

describe('voice packs', () => {
  it('reads a real pack (af_heart from kokoro-js) as 510 × 256 finite values in the published range', () => {
    const pack = parseVoicePackBytes(readFileSync(fx.voice('af_heart')), 'af_heart');
    let min = Infinity;
    let max = -Infinity;
    for (const v of pack) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(pack.length).toBe(510 * 256);
    expect(min).toBeCloseTo(-1.5098, 3);
    expect(max).toBeCloseTo(1.7566, 3);
    expect(Buffer.from(voicePackBytes(pack)).equals(readFileSync(fx.voice('af_heart')))).toBe(true);
  });

  it('refuses a truncated pack, naming the size it expected', () => {
    const bytes = readFileSync(fx.voice('af_heart')).subarray(0, PACK_BYTES - 4096);
    expect(() => parseVoicePackBytes(bytes, 'af_heart.bin')).toThrow(/af_heart\.bin is 518144 bytes; a Kokoro voice pack is 522240 bytes.*truncated/);
  });

  it('refuses a pack holding NaN or absurd values, saying where', () => {
    const bytes = Uint8Array.from(readFileSync(fx.voice('bf_emma')));
    new DataView(bytes.buffer).setFloat32(4 * (3 * STYLE_DIM + 7), Number.NaN, true);
    expect(() => parseVoicePackBytes(bytes, 'bf_emma')).toThrow(/bf_emma is corrupt: value 775 \(row 3\) is NaN/);
    new DataView(bytes.buffer).setFloat32(4 * (3 * STYLE_DIM + 7), 1e30, true);
    expect(() => parseVoicePackBytes(bytes, 'bf_emma')).toThrow(/corrupt/);
  });

  it('picks style row n − 1 for n phonemes, clamped to the pack (reference pipeline)', () => {
    expect(styleRowIndex(1)).toBe(0);
    expect(styleRowIndex(37)).toBe(36);
    expect(styleRowIndex(510)).toBe(509);
    expect(styleRowIndex(600)).toBe(509);
    expect(styleRowIndex(0)).toBe(0);
    const pack = parseVoicePackBytes(readFileSync(fx.voice('af_heart')), 'af_heart');
    expect([...styleRow(pack, 37)]).toEqual([...pack.subarray(36 * 256, 37 * 256)]);
  });
});
