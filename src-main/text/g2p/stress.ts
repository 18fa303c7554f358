// Stress marks on misaki phonemes. misaki nudges stress by context (a capitalised word gains a
// secondary stress, a shouted one a primary, the lighter half of a compound is demoted), and
// Kokoro's prosody was learned from those marks, so the same nudges are made here.

export const PRIMARY = 'ˈ';
export const SECONDARY = 'ˌ';
export const VOWELS = new Set('AIOQWYaiuæɑɒɔəɛɜɪʊʌᵻ');
const DIPHTHONGS = new Set('AIOQWYʤʧ');

function hasVowel(ps: string): boolean {
  for (const c of ps) if (VOWELS.has(c)) return true;
  return false;
}

/** Puts `mark` just before the first vowel (stress marks sit before the vowel they stress). */
function markFirstVowel(ps: string, mark: string): string {
  for (let i = 0; i < ps.length; i++) if (VOWELS.has(ps[i]!)) return ps.slice(0, i) + mark + ps.slice(i);
  return ps;
}

/**
 * misaki's stress adjustment levels: < -1 strips all stress; -1 (or 0/-0.5 on a word with a
 * primary) demotes every stress to secondary; 0–1 gives an unstressed word a secondary; ≥ 1
 * promotes a secondary-only word; > 1 gives an unstressed word a primary.
 */
export function applyStress(ps: string, stress: number | null): string {
  if (stress === null) return ps;
  const hasPrimary = ps.includes(PRIMARY);
  const hasSecondary = ps.includes(SECONDARY);
  if (stress < -1) return ps.replaceAll(PRIMARY, '').replaceAll(SECONDARY, '');
  if (stress === -1 || ((stress === 0 || stress === -0.5) && hasPrimary)) {
    return ps.replaceAll(SECONDARY, '').replaceAll(PRIMARY, SECONDARY);
  }
  if ((stress === 0 || stress === 0.5 || stress === 1) && !hasPrimary && !hasSecondary) {
    return hasVowel(ps) ? markFirstVowel(ps, SECONDARY) : ps;
  }
  if (stress >= 1 && !hasPrimary && hasSecondary) return ps.replaceAll(SECONDARY, PRIMARY);
  if (stress > 1 && !hasPrimary && !hasSecondary) return hasVowel(ps) ? markFirstVowel(ps, PRIMARY) : ps;
  return ps;
}

/** How heavy a pronunciation is (diphthongs and affricates count double): decides compound stress. */
export function stressWeight(ps: string): number {
  let w = 0;
  for (const c of ps) w += DIPHTHONGS.has(c) ? 2 : 1;
  return w;
}

/** Letters read one by one (FBI): all stresses secondary except the last, which becomes primary. */
export function spelledStress(joined: string): string {
  const demoted = applyStress(joined, 0);
  const last = demoted.lastIndexOf(SECONDARY);
  return last < 0 ? demoted : demoted.slice(0, last) + PRIMARY + demoted.slice(last + 1);
}
