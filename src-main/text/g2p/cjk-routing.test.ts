// Japanese and Mandarin through the G2P every engine uses (createG2P): the user's dictionaries
// apply, English words inside go to the English path (espeak here, with no lexicons), and text in a
// script neither can read is named in the warnings while the rest is read.
import { describe, expect, it } from 'vitest';
import { wasmEspeakIpa } from './espeak-ipa';
import { createG2P } from './index';

const g2p = createG2P({ lexicons: null, espeak: wasmEspeakIpa });

describe('Japanese and Mandarin in createG2P', { timeout: 120_000 }, () => {
  it('applies the project dictionary before the global one', async () => {
    const r = await g2p.phonemize('東京へ', 'j', { user: [[{ word: '東京', phonemes: 'toːkʲoː' }], [{ word: '東京', phonemes: 'tokʲo' }]] });
    expect(r.words[0]).toEqual({ text: '東京', phonemes: 'toːkʲoː', source: 'user' });
    // へ as a particle is said え (JMdict).
    expect(r.phonemes).toBe('toːkʲoː e');
  });

  it('reads English inside Mandarin with the English path', async () => {
    const r = await g2p.phonemize('我用Linux', 'z');
    expect(r.words.at(-1)).toMatchObject({ text: 'Linux', source: 'espeak', phonemes: expect.stringMatching(/l.*n/) });
    expect(r.words.slice(0, -1).every((w) => w.source === 'dictionary')).toBe(true);
  });

  it('names hangul in Japanese text and reads the rest', async () => {
    const r = await g2p.phonemize('안녕、東京', 'j');
    expect(r.warnings).toEqual([expect.stringMatching(/“안녕” in “안녕、東京”/)]);
    expect(r.phonemes).toBe('toːkʲoː');
  });
});
