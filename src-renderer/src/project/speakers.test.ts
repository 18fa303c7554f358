// Merging who speaks (the script) with how they sound (saved speakers): order, colours, kept choices.
import { describe, expect, it } from 'vitest';
import { assignColor, assignVoice, buildRoster, effectiveVoice, rosterToSave, SPEAKER_COLORS } from './speakers';

const stored = (name: string, voiceId: string | null, color: string) => ({ name, voiceId, color, gain: 0, pan: 0 });

describe('speaker roster', () => {
  it('lists speakers in script order with stored voices and fresh, distinct colours', () => {
    const r = buildRoster(['Ana', 'Ben', 'Narrator'], [stored('Ben', 'espeak:en-gb', SPEAKER_COLORS[0])]);
    expect(r.map((x) => x.name)).toEqual(['Ana', 'Ben', 'Narrator']);
    expect(r[1]).toMatchObject({ voiceId: 'espeak:en-gb', color: SPEAKER_COLORS[0] });
    expect(r[0]!.voiceId).toBeNull();
    expect(new Set(r.map((x) => x.color)).size).toBe(3);
  });

  it('keeps a voice choice for a speaker whose lines were cut, but forgets unassigned ones', () => {
    const r = buildRoster(['Ana'], [stored('Ben', 'espeak:fr-fr', '#111111'), stored('Cy', null, '#222222')]);
    expect(r.map((x) => [x.name, x.inScript])).toEqual([['Ana', true], ['Ben', false]]);
  });

  it('assigning a voice adds a speaker the script only just named, with its roster colour', () => {
    const roster = buildRoster(['Ana'], []);
    const next = assignVoice([], roster, 'Ana', 'espeak:de');
    expect(next).toEqual([{ name: 'Ana', voiceId: 'espeak:de', color: roster[0]!.color, gain: 0, pan: 0 }]);
    expect(assignVoice(next, roster, 'Ana', null)[0]!.voiceId).toBeNull();
  });

  it('recolouring keeps the voice, and adds a speaker the script only just named', () => {
    const roster = buildRoster(['Ana', 'Ben'], [stored('Ben', 'espeak:fr-fr', '#111111')]);
    expect(assignColor([stored('Ben', 'espeak:fr-fr', '#111111')], roster, 'Ben', '#abcdef')).toEqual([{ name: 'Ben', voiceId: 'espeak:fr-fr', color: '#abcdef', gain: 0, pan: 0 }]);
    expect(assignColor([], roster, 'Ana', '#123456')).toEqual([{ name: 'Ana', voiceId: null, color: '#123456', gain: 0, pan: 0 }]);
  });

  it('saves at most 200 speakers and falls back to the default voice', () => {
    const names = Array.from({ length: 250 }, (_, i) => `S${i}`);
    expect(rosterToSave(buildRoster(names, []))).toHaveLength(200);
    expect(effectiveVoice({ voiceId: null }, 'espeak:en-us')).toBe('espeak:en-us');
    expect(effectiveVoice(undefined, 'espeak:en-us')).toBe('espeak:en-us');
    expect(effectiveVoice({ voiceId: 'x' }, 'espeak:en-us')).toBe('x');
  });
});
