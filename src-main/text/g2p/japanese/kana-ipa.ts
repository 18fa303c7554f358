// Kana → Kokoro's symbols for Japanese. Kokoro's Japanese voices were trained on misaki's cutlet
// path, a broad IPA transcription of each mora (ɯ for u, ɕ/ʨ/ʥ for sh/ch/j, ɸ for f, ç for hi,
// palatalised kʲ mʲ ɾʲ…, ɨ after palatals), with っ as ʔ, ー as ː and ん assimilated to what
// follows. This file holds that table as facts and reads a word's kana with it; the analyzer
// supplies the kana. Katakana is read through hiragana (same moras).

/** One mora written with one kana. */
const MORA: Readonly<Record<string, string>> = {
  あ: 'a', い: 'i', う: 'ɯ', え: 'e', お: 'o',
  か: 'ka', き: 'kʲi', く: 'kɯ', け: 'ke', こ: 'ko',
  が: 'ɡa', ぎ: 'ɡʲi', ぐ: 'ɡɯ', げ: 'ɡe', ご: 'ɡo',
  さ: 'sa', し: 'ɕi', す: 'sɨ', せ: 'se', そ: 'so',
  ざ: 'ʣa', じ: 'ʥi', ず: 'zɨ', ぜ: 'ʣe', ぞ: 'ʣo',
  た: 'ta', ち: 'ʨi', つ: 'ʦɨ', て: 'te', と: 'to',
  だ: 'da', ぢ: 'ʥi', づ: 'zɨ', で: 'de', ど: 'do',
  な: 'na', に: 'ɲi', ぬ: 'nɯ', ね: 'ne', の: 'no',
  は: 'ha', ひ: 'çi', ふ: 'ɸɯ', へ: 'he', ほ: 'ho',
  ば: 'ba', び: 'bʲi', ぶ: 'bɯ', べ: 'be', ぼ: 'bo',
  ぱ: 'pa', ぴ: 'pʲi', ぷ: 'pɯ', ぺ: 'pe', ぽ: 'po',
  ま: 'ma', み: 'mʲi', む: 'mɯ', め: 'me', も: 'mo',
  や: 'ja', ゆ: 'jɯ', よ: 'jo',
  ら: 'ɾa', り: 'ɾʲi', る: 'ɾɯ', れ: 'ɾe', ろ: 'ɾo',
  わ: 'βa', ゐ: 'i', ゑ: 'e', を: 'o', ゔ: 'vɯ',
  // Small kana standing alone (not after a kana they combine with) read as their full size.
  ぁ: 'a', ぃ: 'i', ぅ: 'ɯ', ぇ: 'e', ぉ: 'o', ゃ: 'ja', ゅ: 'jɯ', ょ: 'jo', ゎ: 'βa', ゕ: 'ka', ゖ: 'ke',
};

/** Katakana with no hiragana twin (ヷ ヸ ヹ ヺ). */
const KATAKANA_ONLY: Readonly<Record<string, string>> = { ヷ: 'va', ヸ: 'vʲi', ヹ: 've', ヺ: 'vo' };

/**
 * Two kana read as one mora: a consonant kana with a small vowel or small ya/yu/yo. The onset is
 * the consonant as it sounds before that vowel; the vowel after a palatal is ɨ for ゅ, as misaki has it.
 */
const PALATAL_ONSET: Readonly<Record<string, string>> = {
  き: 'kʲ', ぎ: 'ɡʲ', し: 'ɕ', じ: 'ʥ', ち: 'ʨ', ぢ: 'ʥ', に: 'ɲ', ひ: 'ç', び: 'bʲ', ぴ: 'pʲ', み: 'mʲ', り: 'ɾʲ',
};
const PALATAL_VOWEL: Readonly<Record<string, string>> = { ゃ: 'a', ゅ: 'ɨ', ょ: 'o', ぇ: 'e' };

const DIGRAPHS: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = {
    いぇ: 'je', うぃ: 'βi', うぇ: 'βe', うぉ: 'βo',
    くぁ: 'kᵝa', くぃ: 'kᵝi', くぇ: 'kᵝe', くぉ: 'kᵝo', ぐぁ: 'ɡᵝa', ぐぃ: 'ɡᵝi', ぐぇ: 'ɡᵝe', ぐぉ: 'ɡᵝo',
    つぁ: 'ʦa', つぃ: 'ʦʲi', つぇ: 'ʦe', つぉ: 'ʦo',
    てぃ: 'tʲi', てゅ: 'tʲɨ', でぃ: 'dʲi', でゅ: 'dʲɨ', とぅ: 'tɯ', どぅ: 'dɯ',
    ふぁ: 'ɸa', ふぃ: 'ɸʲi', ふぇ: 'ɸe', ふぉ: 'ɸo', ふゅ: 'ɸʲɨ', ふょ: 'ɸʲo',
    ゔぁ: 'va', ゔぃ: 'vʲi', ゔぇ: 've', ゔぉ: 'vo', ゔゅ: 'bʲɨ', ゔょ: 'bʲo',
  };
  for (const [kana, onset] of Object.entries(PALATAL_ONSET)) {
    for (const [small, vowel] of Object.entries(PALATAL_VOWEL)) {
      // ぎぇ, ぢぇ, びぇ, ぴぇ, みぇ, りぇ are not in misaki's table: they read kana by kana.
      if (small === 'ぇ' && !'きしじちにひ'.includes(kana)) continue;
      out[kana + small] = onset + vowel;
    }
  }
  return out;
})();

const SMALL = new Set('ぁぃぅぇぉゃゅょゎ');
const ITERATION = new Set('ゝゞ');
const VOICED: Readonly<Record<string, string>> = Object.fromEntries(
  [...'かきくけこさしすせそたちつてとはひふへほ'].map((k, i) => [k, 'がぎぐげござじずぜぞだぢづでどばびぶべぼ'[i]!]),
);

/** Katakana → hiragana (ー and the katakana-only letters are kept). */
export function toHiragana(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    out += c >= 0x30a1 && c <= 0x30f6 ? String.fromCodePoint(c - 0x60) : ch;
  }
  return out;
}

/** Whether every character is kana (either script), the long-vowel mark or an iteration mark. */
export function isKana(text: string): boolean {
  return /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe]+$/u.test(text);
}

/** The kana this mora is written with, as far as the next kana (for ん's assimilation). */
function onsetOf(kana: string | undefined, next: string | undefined): string | null {
  if (!kana) return null;
  const two = next && SMALL.has(next) ? DIGRAPHS[kana + next] : undefined;
  return two ?? MORA[kana] ?? KATAKANA_ONLY[kana] ?? null;
}

/** ん before a consonant takes its place of articulation (m, ŋ, ɲ, n); elsewhere it is uvular ɴ. */
function moraicNasal(next: string | null): string {
  if (!next) return 'ɴ';
  if ('mpb'.includes(next[0]!)) return 'm';
  if ('kɡ'.includes(next[0]!)) return 'ŋ';
  if (next.startsWith('ɲ') || next.startsWith('ʨ') || next.startsWith('ʥ')) return 'ɲ';
  if ('ntdɾz'.includes(next[0]!)) return 'n';
  return 'ɴ';
}

/**
 * Reads a word written in kana. Returns the phonemes and the characters that are not kana this
 * table knows (the caller reports them), which are skipped.
 */
export function kanaToIpa(word: string): { phonemes: string; unknown: string[] } {
  const kana = [...toHiragana(word)];
  let out = '';
  const unknown: string[] = [];
  for (let i = 0; i < kana.length; i++) {
    const k = kana[i]!;
    const next = kana[i + 1];
    if (k === 'ー') {
      out += 'ː';
    } else if (k === 'っ' || k === 'ッ') {
      out += 'ʔ';
    } else if (k === 'ん') {
      out += moraicNasal(onsetOf(next, kana[i + 2]));
    } else if (ITERATION.has(k)) {
      // ゝ repeats the kana before it; ゞ repeats it voiced.
      const prev = kana[i - 1];
      const base = prev && k === 'ゞ' ? VOICED[prev] ?? prev : prev;
      const read = base ? MORA[base] : undefined;
      if (read) out += read;
    } else if (next && SMALL.has(next) && DIGRAPHS[k + next]) {
      out += DIGRAPHS[k + next];
      i++;
    } else {
      const read = MORA[k] ?? KATAKANA_ONLY[k];
      if (read) out += read;
      else unknown.push(k);
    }
  }
  return { phonemes: out, unknown };
}
