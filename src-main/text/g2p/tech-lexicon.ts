// Words of software and creator writing that misaki's lexicons lack and that neither their shape
// (word-shape.ts) nor espeak reads right: product names (Ubuntu, Kokoro), file formats (JSON,
// YAML), and key names written short (Ctrl, Cmd). Consulted after the gold lexicon (and before
// silver, which is generated and low-confidence) and before espeak;
// the user's own dictionaries still come first. Kept small on purpose: every entry is a word the
// technical corpus (bench/data/en-technical) or common creator text uses, with the reading
// people use. Phonemes are misaki's symbols, American then British; where misaki's gold lexicons
// list the word, or the words a compound is made of, the phonemes agree with them
// (tech-lexicon.test.ts checks each).

/** Phonemes per accent, another spelling the lexicon knows (Ctrl → control), or letters to spell. */
type TechEntry = { us: string; gb: string } | { say: string } | { spell: true };

const TECH: Readonly<Record<string, TechEntry>> = {
  // Short forms read as the full word.
  ctrl: { say: 'control' },
  cmd: { say: 'command' },
  esc: { say: 'escape' },
  stdout: { say: 'standard out' },
  stderr: { say: 'standard error' },
  stdin: { say: 'standard in' },
  readme: { say: 'read me' },
  usr: { say: 'user' },
  kbit: { say: 'kilobit' },
  // Initialisms written in small letters (in commands and paths): spelled.
  api: { spell: true },
  cli: { spell: true },
  ipc: { spell: true },
  eslint: { say: 'E S lint' },
  docx: { say: 'doc X' },
  // Names and formats.
  koe: { us: 'kˈOˌA', gb: 'kˈQˌA' },
  kokoro: { us: 'kˈOkəɹˌO', gb: 'kˈQkəɹˌQ' },
  misaki: { us: 'misˈɑki', gb: 'mɪsˈɑːki' },
  espeak: { us: 'ˈispˌik', gb: 'ˈiːspˌiːk' },
  debian: { us: 'dˈɛbiən', gb: 'dˈɛbɪən' },
  ubuntu: { us: 'ubˈuntu', gb: 'uːbˈʊntuː' },
  json: { us: 'ʤˈAsᵊn', gb: 'ʤˈAsᵊn' },
  yaml: { us: 'jˈæmᵊl', gb: 'jˈamᵊl' },
  yml: { us: 'jˈæmᵊl', gb: 'jˈamᵊl' },
  epub: { us: 'ˈipˌʌb', gb: 'ˈiːpˌʌb' },
  // Prefixes written as the first part of a hyphenated compound (multi-language, co-author).
  non: { us: 'nˈɑn', gb: 'nˈɒn' },
  multi: { us: 'mˈʌlti', gb: 'mˈʌlti' },
  co: { us: 'kˈO', gb: 'kˈQ' },
  prebuilt: { us: 'pɹˌibˈɪlt', gb: 'pɹˌiːbˈɪlt' },
  onnx: { us: 'ˈɑnɪks', gb: 'ˈɒnɪks' },
  wasm: { us: 'wˈɑzəm', gb: 'wˈɒzəm' },
  vite: { us: 'vˈit', gb: 'vˈiːt' },
  vitest: { us: 'vˈitˌɛst', gb: 'vˈiːtˌɛst' },
  nvidia: { us: 'ɛnvˈɪdiə', gb: 'ɛnvˈɪdɪə' },
  pytorch: { us: 'pˈItˌɔɹʧ', gb: 'pˈItˌɔːʧ' },
  kubernetes: { us: 'kˌubəɹnˈɛɾiz', gb: 'kˌuːbənˈɛtiːz' },
  nginx: { us: 'ˌɛnʤənˈɛks', gb: 'ˌɛnʤɪnˈɛks' },
  sudo: { us: 'sˈudu', gb: 'sˈuːduː' },
  gui: { us: 'ɡˈui', gb: 'ɡˈuːi' },
  sha: { us: 'ʃˈɑ', gb: 'ʃˈɑː' },
  ffmpeg: { us: 'ˌɛfˌɛmpˈɛɡ', gb: 'ˌɛfˌɛmpˈɛɡ' },
  config: { us: 'kˈɑnfɪɡ', gb: 'kˈɒnfɪɡ' },
  configs: { us: 'kˈɑnfɪɡz', gb: 'kˈɒnfɪɡz' },
  localhost: { us: 'lˈOkəlhˌOst', gb: 'lˈQkᵊlhˌQst' },
  backend: { us: 'bˈækˌɛnd', gb: 'bˈakˌɛnd' },
  frontend: { us: 'fɹˈʌntˌɛnd', gb: 'fɹˈʌntˌɛnd' },
  bitrate: { us: 'bˈɪtɹˌAt', gb: 'bˈɪtɹˌAt' },
  namespace: { us: 'nˈAmspˌAs', gb: 'nˈAmspAs' },
  playhead: { us: 'plˈAhˌɛd', gb: 'plˈAhˌɛd' },
  autosave: { us: 'ˈɔɾOsˌAv', gb: 'ˈɔːtQsAv' },
  crossfade: { us: 'kɹˈɔsfˌAd', gb: 'kɹˈɒsfˌAd' },
  downmix: { us: 'dˈWnmˌɪks', gb: 'dˈWnmˌɪks' },
  downmixed: { us: 'dˈWnmˌɪkst', gb: 'dˈWnmˌɪkst' },
  toolchain: { us: 'tˈulʧˌAn', gb: 'tˈuːlʧˌAn' },
  tokenizer: { us: 'tˈOkənˌIzəɹ', gb: 'tˈQkənˌIzə' },
  phonemize: { us: 'fˈOnəmˌIz', gb: 'fˈQnɪmˌIz' },
  phonemizer: { us: 'fˈOnəmˌIzəɹ', gb: 'fˈQnɪmˌIzə' },
  enum: { us: 'ˈinəm', gb: 'ˈiːnəm' },
  async: { us: 'ˈAsˌɪŋk', gb: 'ˈAsˌɪŋk' },
  sqlite: { us: 'ˌɛskjˌuˈɛlˌIt', gb: 'ˌɛskjˌuːˈɛlˌIt' },
  github: { us: 'ɡˈɪthˌʌb', gb: 'ɡˈɪthˌʌb' },
  dropbox: { us: 'dɹˈɑpbˌɑks', gb: 'dɹˈɒpbˌɒks' },
  spotify: { us: 'spˈɑɾəfˌI', gb: 'spˈɒtɪfˌI' },
  tiktok: { us: 'tˈɪktˌɑk', gb: 'tˈɪktˌɒk' },
  webhook: { us: 'wˈɛbhˌʊk', gb: 'wˈɛbhˌʊk' },
  codec: { us: 'kˈOdˌɛk', gb: 'kˈQdɛk' },
  codecs: { us: 'kˈOdˌɛks', gb: 'kˈQdɛks' },
};

export type TechReading = { phonemes: string } | { say: string } | { spell: true };

/** The reading of a technical word the lexicons lack, or null. Matching ignores case. */
export function techWord(word: string, british: boolean): TechReading | null {
  const e = TECH[word.toLowerCase()];
  if (!e) return null;
  return 'us' in e ? { phonemes: british ? e.gb : e.us } : e;
}

/** Every entry with phonemes, for the test that checks each against Kokoro's symbols. */
export function techEntries(): [string, string, string][] {
  return Object.entries(TECH).flatMap(([w, e]) => ('us' in e ? [[w, e.us, e.gb] as [string, string, string]] : []));
}

/** Every respelling, for the test that checks each word is in the lexicons. */
export function techRespellings(): [string, string][] {
  return Object.entries(TECH).flatMap(([w, e]) => ('say' in e ? [[w, e.say] as [string, string]] : []));
}
