// Voice blending: a new voice as the weighted average of existing packs, row by row. Kokoro's style
// space is smooth enough that averages sound like a mix of the speakers, which is what users mean
// by "a bit of Bella in Heart". A blend can be written as a voice id (`af_heart*0.7+af_bella*0.3`)
// so it can be previewed without saving anything, and saved as a custom pack that then behaves
// like any preset.
import { KoeError } from '../../contract/errors';
import { PACK_VALUES, assertVoicePack, type VoicePack } from './voice-pack';

export interface BlendPart {
  voice: VoicePack;
  weight: number;
}

/**
 * Weighted average normalized by the weight sum. Negative weights are refused: they extrapolate
 * past the recorded voices, and the model answers those styles with distorted speech.
 */
export function blendVoices(parts: readonly BlendPart[]): Float32Array {
  if (parts.length === 0) throw new KoeError('invalid_args', 'A voice blend needs at least one voice.');
  let sum = 0;
  for (const [i, p] of parts.entries()) {
    if (!Number.isFinite(p.weight)) throw new KoeError('invalid_args', `Blend weight ${i + 1} is not a number.`);
    if (p.weight < 0) throw new KoeError('invalid_args', `Blend weight ${i + 1} is ${p.weight}; weights must be zero or more.`);
    if (p.voice.length !== PACK_VALUES) throw new KoeError('invalid_args', `Voice ${i + 1} of the blend is not a Kokoro voice pack (${p.voice.length} values).`);
    sum += p.weight;
  }
  if (!(sum > 0)) throw new KoeError('invalid_args', 'The blend weights add up to zero; give at least one voice a weight above zero.');
  // Accumulate in float64 so many small weights do not lose precision against large ones.
  const acc = new Float64Array(PACK_VALUES);
  for (const p of parts) {
    if (p.weight === 0) continue;
    const w = p.weight / sum;
    for (let i = 0; i < PACK_VALUES; i++) acc[i]! += w * p.voice[i]!;
  }
  return assertVoicePack(Float32Array.from(acc), 'blend');
}

export interface BlendSpecPart {
  voice: string;
  weight: number;
}

const PART_RE = /^([a-z0-9][a-z0-9_-]{0,63})(?:\*(\d+(?:\.\d+)?|\.\d+))?$/;

/** Whether a voice id is a blend written inline (`a*0.6+b*0.4`) rather than one voice. */
export function isBlendSpec(id: string): boolean {
  return id.includes('+') || id.includes('*');
}

/** Parses `af_heart*0.6+bf_emma*0.4`; a part without `*w` weighs 1. */
export function parseBlendSpec(spec: string): BlendSpecPart[] {
  const parts = spec.split('+').map((p) => p.trim());
  return parts.map((p) => {
    const m = PART_RE.exec(p);
    if (!m) throw new KoeError('invalid_args', `"${p}" in the voice blend "${spec}" is not "<voice>" or "<voice>*<weight>".`);
    return { voice: m[1]!, weight: m[2] === undefined ? 1 : Number(m[2]) };
  });
}

/** The canonical id of a blend: same voices and ratios always give the same id (and cache key). */
export function formatBlendSpec(parts: readonly BlendSpecPart[]): string {
  const sum = parts.reduce((s, p) => s + p.weight, 0);
  if (!(sum > 0)) throw new KoeError('invalid_args', 'The blend weights add up to zero; give at least one voice a weight above zero.');
  const merged = new Map<string, number>();
  for (const p of parts) merged.set(p.voice, (merged.get(p.voice) ?? 0) + p.weight);
  return [...merged]
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([v, w]) => `${v}*${Number((w / sum).toFixed(4))}`)
    .join('+');
}

/**
 * `voice` leaned `amount` (0–1) of the way toward `toward`: a direction's blend (`sad` → 30% toward
 * a darker voice). `voice` may itself be a blend spec; its parts keep their ratios among themselves.
 */
export function blendTowardSpec(voice: string, toward: string, amount: number): string {
  if (!(amount >= 0 && amount <= 1)) throw new KoeError('invalid_args', `A direction's blend amount is ${amount}; it must be between 0 and 1.`);
  const own = isBlendSpec(voice) ? parseBlendSpec(voice) : [{ voice, weight: 1 }];
  const sum = own.reduce((s, p) => s + p.weight, 0);
  return formatBlendSpec([...own.map((p) => ({ voice: p.voice, weight: ((1 - amount) * p.weight) / sum })), { voice: toward, weight: amount }]);
}
