// Who speaks in the script and with which voice. The script is the source of truth for *who*
// (parseScript finds the names); the saved project is the source of truth for *how* (voice, colour,
// gain). Merging the two here keeps a voice choice alive while its speaker's lines are briefly cut
// during an edit, and gives every new name a colour that does not change once saved.
import type { Speaker, SpeakerInput } from '../../../src-main/contract/schemas';

/** Distinct on the dark and the light theme, and apart from the red used for errors. */
export const SPEAKER_COLORS = [
  '#6aa8ff', '#f2a65a', '#7bd389', '#c99bff', '#ff8fb1', '#5fd0d6', '#e6d46a', '#a0b4c8', '#ff9f7a', '#8fd1a8',
] as const;

export interface RosterEntry {
  name: string;
  /** null: follow the default voice in Settings. */
  voiceId: string | null;
  color: string;
  gain: number;
  pan: number;
  /** False for a speaker kept only for their voice choice (no lines in the script right now). */
  inScript: boolean;
}

/** Speakers in script order, then remembered speakers that still carry a voice choice. */
export function buildRoster(scriptNames: readonly string[], stored: readonly Speaker[]): RosterEntry[] {
  const byName = new Map(stored.map((s) => [s.name, s]));
  const used = new Set(stored.map((s) => s.color.toLowerCase()));
  let next = 0;
  const freshColor = (): string => {
    for (let i = 0; i < SPEAKER_COLORS.length; i++) {
      const c = SPEAKER_COLORS[(next + i) % SPEAKER_COLORS.length]!;
      if (!used.has(c)) {
        used.add(c);
        next += i + 1;
        return c;
      }
    }
    // More speakers than colours: reuse in order rather than inventing muddy ones.
    return SPEAKER_COLORS[next++ % SPEAKER_COLORS.length]!;
  };
  const roster: RosterEntry[] = [];
  const seen = new Set<string>();
  for (const name of scriptNames) {
    if (seen.has(name)) continue;
    seen.add(name);
    const s = byName.get(name);
    roster.push(s ? { ...s, inScript: true } : { name, voiceId: null, color: freshColor(), gain: 0, pan: 0, inScript: true });
  }
  for (const s of stored) {
    if (!seen.has(s.name) && s.voiceId !== null) {
      seen.add(s.name);
      roster.push({ ...s, inScript: false });
    }
  }
  return roster;
}

/** The speakers list a save sends: the roster as stored data (the contract allows 200). */
export function rosterToSave(roster: readonly RosterEntry[]): SpeakerInput[] {
  return roster.slice(0, 200).map((r) => ({ name: r.name, voiceId: r.voiceId, color: r.color, gain: r.gain, pan: r.pan }));
}

/** Sets one speaker's voice, adding the speaker to the stored list if the script only just named them. */
export function assignVoice(stored: readonly Speaker[], roster: readonly RosterEntry[], name: string, voiceId: string | null): Speaker[] {
  const entry = roster.find((r) => r.name === name);
  if (stored.some((s) => s.name === name)) return stored.map((s) => (s.name === name ? { ...s, voiceId } : s));
  const color = entry?.color ?? SPEAKER_COLORS[stored.length % SPEAKER_COLORS.length]!;
  return [...stored, { name, voiceId, color, gain: entry?.gain ?? 0, pan: entry?.pan ?? 0 }];
}

/** A speaker's colour (script tags, timeline lane, waveform); adds the speaker to the stored cast if needed. */
export function assignColor(stored: readonly Speaker[], roster: readonly RosterEntry[], name: string, color: string): Speaker[] {
  if (stored.some((s) => s.name === name)) return stored.map((s) => (s.name === name ? { ...s, color } : s));
  const entry = roster.find((r) => r.name === name);
  return [...stored, { name, voiceId: entry?.voiceId ?? null, color, gain: entry?.gain ?? 0, pan: entry?.pan ?? 0 }];
}

/** The voice a speaker actually uses. */
export function effectiveVoice(entry: Pick<RosterEntry, 'voiceId'> | undefined, defaultVoiceId: string): string {
  return entry?.voiceId ?? defaultVoiceId;
}
