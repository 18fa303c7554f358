import { describe, expect, it } from 'vitest';
import { blendGender, kokoroVoice } from './voice-catalog';

describe('voice catalog', () => {
  it('reads gender from the preset id', () => {
    expect(kokoroVoice('af_heart').gender).toBe('female');
    expect(kokoroVoice('bm_george').gender).toBe('male');
  });

  it('names a blend only by the gender all its presets share', () => {
    expect(blendGender(['af_heart', 'bf_emma'])).toBe('female');
    expect(blendGender(['am_adam', 'bm_lewis', 'em_alex'])).toBe('male');
    expect(blendGender(['af_heart', 'am_adam'])).toBe('unknown');
    // A saved blend inside a blend carries no gender we can trust.
    expect(blendGender(['af_heart', 'my_blend'])).toBe('unknown');
    expect(blendGender([])).toBe('unknown');
  });
});
