// One pinyin syllable with its tone number → Kokoro's symbols for Mandarin, as misaki's Chinese path
// for Kokoro v1.0 writes them: a broad IPA of initial and final (after Duanmu and Lin, via
// pinyin-to-ipa), the tone as an arrow right after the syllable's vowel (→ first, ↗ second,
// ↓ third, ↘ fourth, none for the neutral tone), zhi/chi/shi/ri and zi/ci/si with ɨ, and the
// non-syllabic mark of diphthongs dropped (ai, au, ei, ou).

const INITIALS: Readonly<Record<string, string>> = {
  b: 'p', p: 'pʰ', m: 'm', f: 'f', d: 't', t: 'tʰ', n: 'n', l: 'l', g: 'k', k: 'kʰ', h: 'x',
  j: 'ʨ', q: 'ʨʰ', x: 'ɕ', zh: 'ꭧ', ch: 'ꭧʰ', sh: 'ʂ', r: 'ɻ', z: 'ʦ', c: 'ʦʰ', s: 's',
};

/** Finals in their full (strict) spelling; `0` marks where the tone arrow goes. */
const FINALS: Readonly<Record<string, string>> = {
  a: 'a0', ai: 'ai0', an: 'a0n', ang: 'a0ŋ', ao: 'au0', e: 'ɤ0', ei: 'ei0', en: 'ə0n', eng: 'ə0ŋ',
  i: 'i0', ia: 'ja0', ian: 'jɛ0n', iang: 'ja0ŋ', iao: 'jau0', ie: 'je0', in: 'i0n', iou: 'jou0',
  ing: 'i0ŋ', iong: 'jʊ0ŋ', ong: 'ʊ0ŋ', ou: 'ou0', u: 'u0', uei: 'wei0', ua: 'wa0', uai: 'wai0',
  uan: 'wa0n', uen: 'wə0n', uang: 'wa0ŋ', ueng: 'wə0ŋ', uo: 'wo0', o: 'wo0',
  ü: 'y0', üe: 'ɥe0', üan: 'ɥɛ0n', ün: 'y0n',
};

/** Whole syllables read apart from the initial + final scheme (interjections, syllabic nasals). */
const WHOLE: Readonly<Record<string, string>> = {
  er: 'ɚ0', o: 'ɔ0', io: 'jɔ0', ê: 'ɛ0', m: 'm0', n: 'n0', ng: 'ŋ0', hm: 'hm0', hng: 'hŋ0',
};

const TONES = ['', '→', '↗', '↓', '↘', ''];

/** y- and w- spellings → the strict final they stand for (yi → i, you → iou, wu → u, yu → ü…). */
function strictFinal(initial: string, rest: string): string {
  if (initial === 'y') {
    if (rest.startsWith('u')) return `ü${rest.slice(1)}`; // yu, yue, yuan, yun
    if (rest.startsWith('i')) return rest; // yi, yin, ying
    return rest === 'ou' ? 'iou' : `i${rest}`; // ya, yan, yang, yao, ye, yong
  }
  if (initial === 'w') return rest === 'u' ? 'u' : rest === 'ei' ? 'uei' : rest === 'en' ? 'uen' : rest === 'eng' ? 'ueng' : `u${rest}`;
  // After j, q, x a written u is ü.
  if (initial && 'jqx'.includes(initial) && rest.startsWith('u')) return `ü${rest.slice(1)}`;
  // The contractions iu, ui, un.
  if (rest === 'iu') return 'iou';
  if (rest === 'ui') return 'uei';
  if (rest === 'un') return 'uen';
  return rest;
}

/**
 * "zhong1" → ꭧʊ→ŋ; null for something that is not a pinyin syllable. The tone digit may be
 * 0 or 5 (neutral) or missing (neutral); v and u: are accepted for ü.
 */
export function pinyinToIpa(syllable: string): string | null {
  const m = /^([a-zü:]+?)([0-5]?)$/.exec(syllable.toLowerCase().replace(/u:|v/g, 'ü'));
  if (!m) return null;
  const [, body, digit] = m as unknown as [string, string, string];
  const tone = TONES[Number(digit || 5)]!;
  const whole = WHOLE[body === 'yo' ? 'io' : body];
  if (whole) return whole.replace('0', tone);
  const initial = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])/.exec(body)?.[1] ?? '';
  const rest = body.slice(initial.length);
  if (!rest) return null;
  let ipa: string | undefined;
  // The apical vowels of zhi, chi, shi, ri and zi, ci, si are both written ɨ.
  if (rest === 'i' && ['zh', 'ch', 'sh', 'r', 'z', 'c', 's'].includes(initial)) ipa = 'ɨ0';
  else ipa = FINALS[strictFinal(initial, rest)];
  if (!ipa) return null;
  const onset = initial === 'y' || initial === 'w' ? '' : INITIALS[initial] ?? '';
  return onset + ipa.replace('0', tone);
}
