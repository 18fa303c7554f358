import { describe, expect, it } from 'vitest';
import type { Speaker } from '../contract/schemas';
import { mergeSpeakers, SPEAKER_PALETTE } from './speakers';

const sp = (name: string, voiceId: string | null, color: string, gain = 0, pan = 0): Speaker => ({ name, voiceId, color, gain, pan });

describe('mergeSpeakers', () => {
  it('gives new script speakers no voice and distinct palette colours', () => {
    const out = mergeSpeakers([], ['Ana', 'Ben', 'Cy']);
    expect(out.map((s) => [s.name, s.voiceId])).toEqual([['Ana', null], ['Ben', null], ['Cy', null]]);
    expect(new Set(out.map((s) => s.color)).size).toBe(3);
    for (const s of out) expect(SPEAKER_PALETTE).toContain(s.color);
  });

  it('skips colours already in use and cycles when the palette runs out', () => {
    const out = mergeSpeakers([sp('Ana', null, SPEAKER_PALETTE[0])], ['Ana', 'Ben']);
    expect(out[1]!.color).toBe(SPEAKER_PALETTE[1]);
    const many = mergeSpeakers([], Array.from({ length: SPEAKER_PALETTE.length + 3 }, (_, i) => `S${i}`));
    expect(many.every((s) => /^#[0-9a-f]{6}$/.test(s.color))).toBe(true);
  });

  it('replaces the cast with the passed speakers, in their order, filling omitted fields from storage', () => {
    const stored = [sp('Ana', 'v:a', '#111111', -3, 0.5), sp('Ben', 'v:b', '#222222'), sp('Gone', 'v:g', '#333333')];
    const out = mergeSpeakers(stored, ['Ana', 'Ben', 'New'], [{ name: 'Ben', voiceId: 'v:b2' }, { name: ' Ana ', voiceId: null, color: '#ABCDEF' }, { name: 'Extra', voiceId: 'v:x' }]);
    expect(out.map((s) => s.name)).toEqual(['Ben', 'Ana', 'Extra', 'New']);
    expect(out[0]).toEqual(sp('Ben', 'v:b2', '#222222'));
    expect(out[1]).toEqual(sp('Ana', null, '#abcdef', -3, 0.5));
    expect(out[3]!.voiceId).toBeNull();
  });

  it('keeps the stored voice of script speakers that were not passed', () => {
    const out = mergeSpeakers([sp('Ana', 'v:a', '#111111')], ['Ana', 'Ben'], [{ name: 'Ben', voiceId: 'v:b' }]);
    expect(out).toEqual([sp('Ben', 'v:b', expect.any(String) as unknown as string), sp('Ana', 'v:a', '#111111')]);
  });

  it('without passed speakers keeps chosen voices and drops voiceless leftovers', () => {
    const stored = [sp('Ana', 'v:a', '#111111'), sp('An', null, '#222222'), sp('Ben', null, '#333333')];
    expect(mergeSpeakers(stored, ['Ben', 'Cy']).map((s) => s.name)).toEqual(['Ana', 'Ben', 'Cy']);
  });

  it('refuses duplicate or invalid speakers', () => {
    expect(() => mergeSpeakers([], [], [{ name: 'A', voiceId: null }, { name: 'A ', voiceId: null }])).toThrow(/both named "A"/);
    expect(() => mergeSpeakers([], [], [{ name: '', voiceId: null }])).toThrow(/Invalid speaker/);
    expect(() => mergeSpeakers([], [], [{ name: 'A', voiceId: null, pan: 3 }])).toThrow(/Invalid speaker/);
  });
});
