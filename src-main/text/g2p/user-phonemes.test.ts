import { describe, expect, it } from 'vitest';
import { adaptToEnglish, validateUserPhonemes } from './user-phonemes';

function ok(p: string): string {
  const r = validateUserPhonemes(p);
  if (!r.ok) throw new Error(r.message);
  return r.normalized;
}

describe('validateUserPhonemes', () => {
  it('accepts misaki symbols as they are', () => {
    expect(ok('kˈOkəɹO')).toBe('kˈOkəɹO');
    expect(ok('ˈAˌI')).toBe('ˈAˌI');
  });

  it('maps IPA diphthongs and affricates, tied or not, to misaki symbols', () => {
    expect(ok('ˈkoʊ.eɪ')).toBe('ˈkOA');
    expect(ok('t͡ʃaɪ')).toBe('ʧI');
    expect(ok('tʃɔɪs')).toBe('ʧYs');
    expect(ok('d͡ʒaʊnt')).toBe('ʤWnt');
    expect(ok('ɡəʊ')).toBe('ɡQ');
    expect(ok('t͡sa')).toBe('ʦa');
  });

  it('fixes the usual typing substitutes: ASCII g, colon for length, apostrophe for stress, slashes', () => {
    expect(ok("/'gɑ:ɹdən/")).toBe('ˈɡɑːɹdən');
    expect(ok('[ˈhɛloʊ]')).toBe('ˈhɛlO');
    expect(ok('ɫɝn')).toBe('lɜɹn');
    expect(ok('bˈɑtl\u0329')).toBe('bˈɑtᵊl');
  });

  it('refuses symbols Kokoro lacks and names each one with its code point', () => {
    const r = validateUserPhonemes('ʍɪʧ ɵ');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('“ʍ” (U+028D)');
      expect(r.message).toContain('“ɵ” (U+0275)');
      expect(r.message).not.toContain('ɪ”');
    }
  });

  it('explains that only some capitals are symbols', () => {
    const r = validateUserPhonemes('hEl');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('“E” (U+0045)');
      expect(r.message).toContain('A I O Q S T W Y');
    }
  });

  it('refuses empty input and digits', () => {
    expect(validateUserPhonemes('  ').ok).toBe(false);
    const r = validateUserPhonemes('kO2');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('“2”');
  });
});

describe('adaptToEnglish', () => {
  it('moves IPA onto misaki’s English subset', () => {
    expect(adaptToEnglish('ˈrɛd', false)).toBe('ˈɹɛd');
    expect(adaptToEnglish('wˈɔːɾɚ', false)).toBe('wˈɔTəɹ');
    expect(adaptToEnglish('wˈɔːtə', true)).toBe('wˈɔːtə');
    expect(adaptToEnglish('bˈʌʔn', false)).toBe('bˈʌtn');
  });
});
