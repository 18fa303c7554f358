import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NPZ_VOICES } from '../../../scripts/fixtures/generate';
import { NpzArchive, parseNpyVoicePack } from './npz-reader';
import { kokoroFixtures } from '../../../test-support/engines/kokoro-fixtures';
import { parseVoicePackBytes } from './voice-pack';

let fx: ReturnType<typeof kokoroFixtures>;
let npz: Uint8Array;
beforeAll(() => {
  fx = kokoroFixtures();
  npz = readFileSync(fx.voicesNpz);
});

describe('voices-v1.0.bin (NumPy archive)', () => {
  it('lists its voices and reads each one identical to the separate .bin pack', () => {
    const archive = new NpzArchive(npz, 'voices-v1.0.bin');
    expect(archive.voices()).toEqual([...NPZ_VOICES]);
    for (const id of NPZ_VOICES) {
      const fromNpz = archive.voicePack(id);
      const fromBin = parseVoicePackBytes(readFileSync(fx.voice(id)), id);
      expect(Buffer.from(fromNpz.buffer).equals(Buffer.from(fromBin.buffer))).toBe(true);
    }
  });

  it('says which voice is missing', () => {
    expect(() => new NpzArchive(npz, 'voices-v1.0.bin').voicePack('zf_xiaobei')).toThrow(/voices-v1\.0\.bin has no voice "zf_xiaobei"/);
  });

  it('refuses a truncated archive clearly', () => {
    expect(() => new NpzArchive(npz.subarray(0, npz.length - 5000), 'voices-v1.0.bin')).toThrow(/not a readable NumPy archive.*truncated or not a zip/);
    expect(() => new NpzArchive(new TextEncoder().encode('<html>404</html>'), 'x.bin')).toThrow(/not a readable NumPy archive/);
  });

  it('notices a flipped byte inside a voice by its checksum', () => {
    const damaged = Uint8Array.from(npz);
    damaged[200_000] = damaged[200_000]! ^ 0x40;
    const archive = new NpzArchive(damaged, 'voices-v1.0.bin');
    expect(() => archive.voicePack('af_heart')).toThrow(/af_heart fails its checksum/);
    expect(() => archive.voicePack('af_bella')).not.toThrow();
  });

  it('refuses .npy arrays of another type or shape by name', () => {
    const header = (dict: string): Uint8Array => {
      const h = dict.padEnd(118, ' ') + '\n';
      const out = new Uint8Array(10 + h.length);
      out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, h.length, 0]);
      out.set(new TextEncoder().encode(h), 10);
      return out;
    };
    expect(() => parseNpyVoicePack(header("{'descr': '<f8', 'fortran_order': False, 'shape': (510, 1, 256), }"), 'v')).toThrow(/holds <f8 values/);
    expect(() => parseNpyVoicePack(header("{'descr': '<f4', 'fortran_order': False, 'shape': (511, 256), }"), 'v')).toThrow(/has shape \(511, 256\)/);
    expect(() => parseNpyVoicePack(header("{'descr': '<f4', 'fortran_order': False, 'shape': (510, 1, 256), }"), 'v')).toThrow(/truncated: 0 bytes/);
  });
});
