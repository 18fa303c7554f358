import { describe, expect, it } from 'vitest';
import { planMarkedText } from './markup-plan';

const opts = { maxChars: 320, firstMaxChars: 90, language: 'en-us' };

describe('planning a marked-up line', () => {
  it('keeps one-off pronunciations whole through normalization, in link form for Kokoro', () => {
    const { chunks } = planMarkedText('Version [Koe](/kˈOA/) 2 costs $5 and [record](+1) 3x.', { ...opts, inlinePhonemes: true });
    expect(chunks).toEqual([{ text: 'Version [Koe](/kˈOA/) two costs five dollars and [record](+1) three times.', rate: 1, emphasis: false }]);
  });

  it('gives other engines the plain word', () => {
    const { chunks } = planMarkedText('Say [Koe](/kˈOA/) now', { ...opts, inlinePhonemes: false });
    expect(chunks.map((c) => c.text)).toEqual(['Say Koe now']);
  });

  it('cuts chunks where the rate or emphasis changes and reports problems', () => {
    const { chunks, problems } = planMarkedText('I *really* mean it. [rate 0.8]Slowly now', { ...opts, inlinePhonemes: true });
    expect(chunks).toEqual([
      { text: 'I', rate: 1, emphasis: false },
      { text: 'really', rate: 0.9, emphasis: true },
      { text: 'mean it.', rate: 1, emphasis: false },
      { text: 'Slowly now', rate: 0.8, emphasis: false },
    ]);
    expect(problems).toHaveLength(1);
  });

  it('plain text is planned as before', () => {
    expect(planMarkedText('Hello 3 times.', { ...opts, inlinePhonemes: true }).chunks).toEqual([{ text: 'Hello three times.', rate: 1, emphasis: false }]);
  });
});
