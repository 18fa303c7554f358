// The directions a script can give a line, e.g. `Ben: (whispering) No.`, and what each changes.
// Every engine can take these: a speed passed to synthesis, and after synthesis a pitch shift, a
// level change, a tilt of the spectrum (and a low cut) and a limiter. A fixed table every engine
// honours means a direction never sounds right on one voice and does nothing on another; a speaker
// may replace a direction's effect with their own (Anna's whisper at −9 dB), and only there may an
// effect lean a Kokoro voice toward another (`blend`), since no default could name a voice.
// Unknown directions ("(turning away)") stay silent stage notes. Pure: the editor uses it too.

import type { DeliveryEffect } from '../contract/delivery-effect';

export type { DeliveryEffect };

/** The vocabulary; the README's "Directions" table lists the same values. */
export const DIRECTIONS: Readonly<Record<string, DeliveryEffect>> = {
  whispering: { gainDb: -10, tiltDb: 6, lowCutHz: 300, speed: 0.95 },
  softly: { gainDb: -6, tiltDb: -3 },
  quietly: { gainDb: -6 },
  excited: { speed: 1.12, pitchSemitones: 2, gainDb: 2, tiltDb: 2 },
  happy: { pitchSemitones: 1, tiltDb: 1.5 },
  angry: { speed: 1.05, gainDb: 4, tiltDb: 4, limitDb: -1 },
  sad: { speed: 0.88, pitchSemitones: -1.5, gainDb: -3, tiltDb: -3 },
  tired: { speed: 0.9, pitchSemitones: -1, gainDb: -2 },
  fast: { speed: 1.25 },
  quickly: { speed: 1.25 },
  slowly: { speed: 0.8 },
  shouting: { gainDb: 8, tiltDb: 5, limitDb: -1, pitchSemitones: 1 },
  loudly: { gainDb: 5, limitDb: -1 },
  nervous: { speed: 1.1, pitchSemitones: 1 },
};

// Spoken forms of the same direction: "(whispers)", "(Whispered)", "(shouts)".
const ALIASES: Readonly<Record<string, string>> = {
  whisper: 'whispering', whispers: 'whispering', whispered: 'whispering',
  soft: 'softly', gently: 'softly', quiet: 'quietly',
  excitedly: 'excited', happily: 'happy', angrily: 'angry', sadly: 'sad',
  faster: 'fast', slow: 'slowly', slower: 'slowly',
  shout: 'shouting', shouts: 'shouting', shouted: 'shouting', yelling: 'shouting', yells: 'shouting',
  loud: 'loudly', nervously: 'nervous',
};

/** A vocabulary name and its spoken forms ("whispering", "whisper", "whispers", "whispered"). */
export function directionForms(name: string): string[] {
  return [name, ...Object.keys(ALIASES).filter((a) => ALIASES[a] === name)];
}

/** The vocabulary name a direction's text means, or null for a stage note. */
export function directionName(raw: string): string | null {
  const key = raw.replace(/\s+/g, ' ').trim().toLowerCase().replace(/[.!]+$/, '');
  if (Object.hasOwn(DIRECTIONS, key)) return key;
  return Object.hasOwn(ALIASES, key) ? ALIASES[key]! : null;
}

/** A speaker's own effects, by direction name; each replaces the default effect whole. */
export type DirectionOverrides = Readonly<Record<string, DeliveryEffect>>;

/**
 * One effect from a line's directions, in order: gains, tilts and pitches add up, speeds multiply,
 * the strongest low cut and the lowest ceiling win, the last blend wins. Null when nothing changes.
 */
export function deliveryOf(names: readonly string[], overrides: DirectionOverrides = {}): DeliveryEffect | null {
  const out: DeliveryEffect = {};
  let any = false;
  for (const name of names) {
    const e = Object.hasOwn(overrides, name) ? overrides[name]! : Object.hasOwn(DIRECTIONS, name) ? DIRECTIONS[name]! : null;
    if (!e) continue;
    any = true;
    if (e.speed !== undefined) out.speed = (out.speed ?? 1) * e.speed;
    if (e.pitchSemitones !== undefined) out.pitchSemitones = (out.pitchSemitones ?? 0) + e.pitchSemitones;
    if (e.gainDb !== undefined) out.gainDb = (out.gainDb ?? 0) + e.gainDb;
    if (e.tiltDb !== undefined) out.tiltDb = (out.tiltDb ?? 0) + e.tiltDb;
    if (e.lowCutHz !== undefined) out.lowCutHz = Math.max(out.lowCutHz ?? 0, e.lowCutHz);
    if (e.limitDb !== undefined) out.limitDb = Math.min(out.limitDb ?? 0, e.limitDb);
    if (e.blend !== undefined) out.blend = e.blend;
  }
  return any ? out : null;
}

/** An effect with its fields in one fixed order, so equal effects serialize to equal text. */
export function canonicalEffect(e: DeliveryEffect): DeliveryEffect {
  const out: DeliveryEffect = {};
  if (e.speed !== undefined) out.speed = e.speed;
  if (e.pitchSemitones !== undefined) out.pitchSemitones = e.pitchSemitones;
  if (e.gainDb !== undefined) out.gainDb = e.gainDb;
  if (e.tiltDb !== undefined) out.tiltDb = e.tiltDb;
  if (e.lowCutHz !== undefined) out.lowCutHz = e.lowCutHz;
  if (e.limitDb !== undefined) out.limitDb = e.limitDb;
  if (e.blend !== undefined) out.blend = { voiceId: e.blend.voiceId, amount: e.blend.amount };
  if (e.style !== undefined) out.style = e.style;
  return out;
}

/**
 * The speaker's own effects for a line's directions, as the text that goes into its render params
 * (and so its cache key and staleness): `{"whispering":{"gainDb":-9}}`, in the line's order.
 * Undefined when none of the line's directions is overridden, so such lines keep their old keys.
 */
export function directionEffectsText(names: readonly string[], overrides: DirectionOverrides): string | undefined {
  const picked: Record<string, DeliveryEffect> = {};
  for (const n of names) if (Object.hasOwn(overrides, n) && !Object.hasOwn(picked, n)) picked[n] = canonicalEffect(overrides[n]!);
  return Object.keys(picked).length ? JSON.stringify(picked) : undefined;
}
