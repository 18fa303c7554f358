// Refuses text a voice cannot read instead of letting the engine spell it out or go silent: an
// English voice given Thai script would otherwise produce nonsense the user has to hear to notice.
import { KoeError } from '../contract/errors';

const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati',
  'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Tibetan', 'Myanmar',
  'Georgian', 'Armenian', 'Ethiopic', 'Khmer', 'Hangul', 'Hiragana', 'Katakana', 'Han',
] as const;
type ScriptName = (typeof SCRIPTS)[number];

const SCRIPT_RES: [ScriptName, RegExp][] = SCRIPTS.map((s) => [s, new RegExp(`\\p{Script=${s}}`, 'u')]);

/** Scripts a language (by primary subtag) reads natively; every voice also reads Latin letters. */
const NATIVE: Record<string, ScriptName[]> = {
  ru: ['Cyrillic'], uk: ['Cyrillic'], be: ['Cyrillic'], bg: ['Cyrillic'], mk: ['Cyrillic'], sr: ['Cyrillic'],
  kk: ['Cyrillic'], ky: ['Cyrillic'], tt: ['Cyrillic'], ba: ['Cyrillic'], cv: ['Cyrillic'], mn: ['Cyrillic'],
  el: ['Greek'], grc: ['Greek'],
  ar: ['Arabic'], fa: ['Arabic'], ur: ['Arabic'], ps: ['Arabic'], sd: ['Arabic'], ug: ['Arabic'],
  he: ['Hebrew'], yi: ['Hebrew'],
  hi: ['Devanagari'], mr: ['Devanagari'], ne: ['Devanagari'], sa: ['Devanagari'], kok: ['Devanagari'], bpy: ['Bengali'],
  bn: ['Bengali'], as: ['Bengali'], pa: ['Gurmukhi'], gu: ['Gujarati'], or: ['Oriya'], ta: ['Tamil'],
  te: ['Telugu'], kn: ['Kannada'], ml: ['Malayalam'], si: ['Sinhala'], th: ['Thai'], lo: ['Lao'],
  my: ['Myanmar'], ka: ['Georgian'], hy: ['Armenian'], am: ['Ethiopic'], km: ['Khmer'],
  ko: ['Hangul', 'Han'], ja: ['Hiragana', 'Katakana', 'Han'], cmn: ['Han'], yue: ['Han'], zh: ['Han'], hak: ['Han'],
};

function scriptOf(ch: string): ScriptName | null {
  for (const [name, re] of SCRIPT_RES) if (re.test(ch)) return name;
  return null;
}

/** Counts letters per script; cheap enough for a line (stops after a few thousand letters). */
export function dominantScripts(text: string, limit = 4000): Map<ScriptName, number> {
  const counts = new Map<ScriptName, number>();
  let seen = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    const s = scriptOf(ch);
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
    if (++seen >= limit) break;
  }
  return counts;
}

/** Throws `unsupported` when most letters are in a script the voice's language cannot read. */
export function assertReadable(text: string, language: string, voiceName: string): void {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? '';
  const readable = new Set<ScriptName>(['Latin', ...(NATIVE[primary] ?? [])]);
  const counts = dominantScripts(text);
  let total = 0;
  let readableCount = 0;
  let worst: ScriptName | null = null;
  let worstCount = 0;
  for (const [script, n] of counts) {
    total += n;
    if (readable.has(script)) readableCount += n;
    else if (n > worstCount) { worst = script; worstCount = n; }
  }
  if (total > 0 && worst && readableCount < total / 2) {
    throw new KoeError('unsupported', `${voiceName} cannot read ${worst} script. Choose a voice for that language.`);
  }
}
