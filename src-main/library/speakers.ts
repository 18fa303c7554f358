// Decides a project's cast on save: the speakers the editor sent, plus anyone the script names
// that it did not send. Kept pure (no SQL) because the rules are the subtle part of a save and are
// easiest to test on plain arrays.
import { KoeError } from '../contract/errors';
import { type Speaker, SpeakerInput } from '../contract/schemas';

/** Distinct, readable on both the dark and the light theme, and kind to common colour blindness. */
export const SPEAKER_PALETTE = [
  '#5b8def', '#e5735c', '#4fb286', '#c77ddb', '#e8b04b',
  '#4db6c9', '#e06c9f', '#9ccc65', '#f29e4c', '#7e8ce0',
] as const;

interface Draft {
  name: string;
  voiceId: string | null;
  color: string | null;
  gain: number;
  pan: number;
}

/**
 * `passed` given: exactly those speakers in that order (stored colour, gain and pan fill what they
 * omit), then script speakers they left out, keeping their stored settings. `passed` omitted: the
 * stored cast, minus voiceless speakers the script no longer names (left behind by renaming one
 * while typing), plus new script speakers. Nothing the user chose is ever dropped implicitly.
 */
export function mergeSpeakers(stored: readonly Speaker[], scriptSpeakers: readonly string[], passed?: readonly unknown[]): Speaker[] {
  const byName = new Map(stored.map((s) => [s.name, s] as const));
  const inScript = new Set(scriptSpeakers);
  const drafts: Draft[] = [];
  const taken = new Set<string>();
  const add = (d: Draft) => {
    drafts.push(d);
    taken.add(d.name);
  };

  if (passed) {
    for (const input of validate(passed)) {
      if (taken.has(input.name)) throw new KoeError('invalid_args', `Two speakers are both named "${input.name}"; give each a different name.`);
      const old = byName.get(input.name);
      add({
        name: input.name,
        voiceId: input.voiceId,
        color: input.color?.toLowerCase() ?? old?.color ?? null,
        gain: input.gain ?? old?.gain ?? 0,
        pan: input.pan ?? old?.pan ?? 0,
      });
    }
  } else {
    for (const s of stored) if (inScript.has(s.name) || s.voiceId !== null) add({ ...s });
  }
  for (const name of scriptSpeakers) {
    if (taken.has(name)) continue;
    const old = byName.get(name);
    add(old ? { ...old } : { name, voiceId: null, color: null, gain: 0, pan: 0 });
  }
  return assignColors(drafts);
}

function validate(passed: readonly unknown[]): SpeakerInput[] {
  const r = SpeakerInput.array().safeParse(passed);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new KoeError('invalid_args', `Invalid speaker: ${issue?.message ?? 'bad value'}.`, issue ? { [`speakers.${issue.path.join('.')}`]: issue.message } : undefined);
}

/** Gives colourless speakers the first palette colours nobody in the project uses yet. */
function assignColors(drafts: readonly Draft[]): Speaker[] {
  const used = new Set(drafts.map((d) => d.color).filter((c): c is string => c !== null));
  const free = SPEAKER_PALETTE.filter((c) => !used.has(c));
  let next = 0;
  return drafts.map((d, i) => ({
    name: d.name,
    voiceId: d.voiceId,
    color: d.color ?? free[next++] ?? SPEAKER_PALETTE[i % SPEAKER_PALETTE.length]!,
    gain: d.gain,
    pan: d.pan,
  }));
}
