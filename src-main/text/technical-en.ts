// Things technical writing puts in prose that a reader says in a particular way: file names and
// paths ("README.md" → "README dot M D", "../" not said), versions ("v1.0.2" → "version one point
// oh point two") and Roman numerals where a reader says them as numbers ("Chapter IV", "Henry
// VIII"), and nowhere else ("I", "MIX"). Each reader is found by an anchor in the main pass
// (normalize-en.ts) and reads outward from it.
import { cardinal, ordinalize, quantity } from './numbers';
import type { Reading } from './reading';

// Extensions a creator or developer writes; an unknown one is a sentence that forgot a space.
const EXTENSIONS = [
  'md', 'markdown', 'txt', 'json', 'jsonl', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'py', 'rb', 'go', 'rs', 'java', 'kt',
  'c', 'h', 'cpp', 'hpp', 'cs', 'php', 'sh', 'bash', 'ps1', 'yml', 'yaml', 'toml', 'ini', 'cfg', 'conf', 'xml', 'html',
  'htm', 'css', 'scss', 'svg', 'png', 'jpg', 'jpeg', 'gif', 'webp', 'pdf', 'csv', 'tsv', 'wav', 'mp3', 'flac', 'ogg',
  'opus', 'm4a', 'aac', 'mp4', 'mov', 'mkv', 'webm', 'zip', 'gz', 'tgz', 'tar', 'exe', 'dmg', 'pkg', 'deb', 'rpm', 'msi',
  'apk', 'iso', 'db', 'sqlite', 'onnx', 'bin', 'pt', 'pth', 'safetensors', 'gguf', 'log', 'lock', 'koe', 'ssml', 'pls',
  'srt', 'vtt', 'epub', 'docx', 'doc', 'xlsx', 'pptx', 'rtf', 'ipynb', 'wasm', 'env', 'dll', 'so', 'dylib',
];
const EXT_ALT = [...EXTENSIONS, ...EXTENSIONS.map((e) => e.toUpperCase())].sort((a, b) => b.length - a.length).join('|');

/** Extensions said as a word; every other one is spelled (M D, P D F). */
const EXT_WORDS: Readonly<Record<string, string>> = {
  json: 'JSON', jsonl: 'JSON L', yaml: 'YAML', toml: 'toml', zip: 'zip', log: 'log', lock: 'lock', koe: 'koe',
  bin: 'bin', tar: 'tar', gif: 'gif', jpeg: 'jay peg', jpg: 'jay peg', png: 'P N G', wasm: 'wasm', onnx: 'ONNX',
  epub: 'epub', docx: 'doc X', doc: 'doc', sqlite: 'SQLite', bash: 'bash', java: 'java', go: 'go', env: 'env',
  markdown: 'markdown', webm: 'web M', deb: 'deb', opus: 'opus', gguf: 'G G U F', safetensors: 'safe tensors',
};

/**
 * Where the main pass should stop and call readPath: an extension after a name (".md"), a relative
 * start ("./", "../", "~/"), or a slash that starts a second path segment.
 */
export const PATH_SRC =
  `(?<=[\\w-])\\.(?:${EXT_ALT})(?![\\w-]|\\.\\w)` +
  '|(?<![\\w.~/])(?:\\.{1,2}|~)\\/(?=[\\w@.-])' +
  '|(?<![\\w.~/])\\/(?=[A-Za-z_][\\w.-]{0,63}\\/[A-Za-z_.])' +
  '|(?<=[A-Za-z_][\\w.-]{0,63})\\/(?=[A-Za-z_][\\w.-]{0,63}\\/[A-Za-z_.])';

const PATH_CHAR = /[\w@.~/-]/;
const EXT_END = new RegExp(`\\.(${EXT_ALT})$`);

/**
 * The path or file name around the anchor at `at`, read aloud, with where it starts and ends; `out`
 * is null when what is there is not one (the main pass then leaves the text alone, and skips the
 * other anchors up to `end`, which would find the same run). Never reaches back before `floor`,
 * where the previous reading ended.
 */
export function readPath(text: string, at: number, floor: number): { start: number; end: number; out: string | null } {
  let start = at;
  while (start > floor && PATH_CHAR.test(text[start - 1]!)) start--;
  let end = at + 1;
  while (end < text.length && PATH_CHAR.test(text[end]!)) end++;
  const runEnd = end;
  // A sentence's full stop (or a few dots) after the path is not part of it.
  while (end > at + 1 && text[end - 1] === '.') end--;
  const raw = text.slice(start, end);
  const ext = EXT_END.exec(raw);
  const relative = /^(?:\.{1,2}|~)\//.test(raw);
  let slashes = 0;
  for (let i = 0; i < raw.length && slashes < 2; i++) if (raw[i] === '/' && i > 0 && i < raw.length - 1) slashes++;
  if (!ext && !relative && slashes < 2 && !(raw.startsWith('/') && slashes >= 1)) return { start, end: runEnd, out: null };
  return { start, end, out: speakPath(raw) };
}

/** "../docs/engines.md" → "docs slash engines dot M D". */
export function speakPath(raw: string): string {
  const body = raw.replace(/^(?:\.{1,2}\/)+/, '').replace(/^~\//, 'home slash ').replace(/^\/+/, '');
  const ext = EXT_END.exec(body);
  const name = ext ? body.slice(0, -ext[0].length) : body;
  const words: string[] = [];
  for (const m of name.matchAll(/(\p{L}+)|(\d+)|(.)/gu)) {
    if (m[1]) words.push(m[1]);
    else if (m[2]) words.push(m[2].length <= 4 ? quantity(m[2]) : m[2].split('').map((d) => cardinal(d)).join(' '));
    else if (m[3] === '/') words.push('slash');
    else if (m[3] === '.') words.push('dot');
    else if (m[3] === '@') words.push('at');
    else if (m[3] === '~') words.push('tilde');
  }
  if (ext) words.push('dot', extensionWords(ext[1]!));
  return words.join(' ');
}

function extensionWords(ext: string): string {
  const lower = ext.toLowerCase();
  const word = EXT_WORDS[lower];
  if (word) return word;
  return [...lower].map((c) => (c >= '0' && c <= '9' ? cardinal(c) : c.toUpperCase())).join(' ');
}

/** "v1.0.2": a v before a dotted number. */
export const VERSION_SRC = '(?<![\\p{L}\\p{N}.])[vV](?=\\d{1,4}(?:\\.\\d{1,4}){1,5}(?![\\d]|\\.\\d))';

export function readVersion(text: string, at: number): Reading {
  const m = /[vV](\d{1,4}(?:\.\d{1,4}){1,5})/y;
  m.lastIndex = at;
  const hit = m.exec(text)!;
  const parts = hit[1]!.split('.').map((p, i) => (i > 0 && p === '0' ? 'oh' : quantity(p)));
  return { out: `version ${parts.join(' point ')}`, end: at + hit[0].length };
}

// Roman numerals: only after a capitalised word, so "I" and "MIX" in running text never get here.
const ROMAN_SRC_BODY = '[IVX]{1,7}(?![\\p{L}\\p{N}-])';
export const ROMAN_SRC = `(?<=(?:^|[^\\p{L}])(?:\\p{Lu}\\p{Ll}{1,15}|\\p{Lu}{2,15})[ \\u00a0])${ROMAN_SRC_BODY}`;

/** Words after which a numeral is a number ("Chapter four", "World War two"). */
const COUNTED = new Set([
  'chapter', 'part', 'book', 'volume', 'vol', 'act', 'scene', 'section', 'article', 'appendix', 'phase', 'stage', 'level',
  'episode', 'season', 'round', 'class', 'type', 'title', 'war', 'psalm', 'canto', 'verse', 'figure', 'table', 'plate',
  'lesson', 'unit', 'step', 'tier', 'grade', 'category', 'schedule', 'annex', 'division', 'series', 'movement',
]);

/** Names that take a regnal number ("Henry the eighth", "John Paul the second"). */
const REGNAL = new Set([
  'henry', 'edward', 'elizabeth', 'george', 'william', 'louis', 'charles', 'james', 'richard', 'john', 'paul', 'pius',
  'leo', 'benedict', 'gregory', 'innocent', 'clement', 'alexander', 'peter', 'catherine', 'frederick', 'philip',
  'ferdinand', 'nicholas', 'ivan', 'mary', 'henri', 'carlos', 'juan', 'gustav', 'christian', 'olaf', 'haakon',
  'ramesses', 'rameses', 'napoleon', 'constantine', 'otto', 'friedrich', 'wilhelm', 'ludwig', 'francis', 'pedro',
  'alfonso', 'sancho', 'murad', 'mehmed', 'selim', 'stephen', 'harold', 'david', 'robert', 'umberto', 'victor',
  'emmanuel', 'felipe', 'joseph', 'leopold', 'rudolf', 'sigismund', 'casimir', 'boleslaw', 'urban', 'boniface', 'sixtus',
  'julius', 'adrian', 'celestine', 'nero', 'ptolemy', 'antiochus', 'seleucus', 'cyrus', 'darius', 'xerxes', 'amenhotep',
  'thutmose', 'anne', 'matilda', 'isabella', 'margaret', 'christina', 'frederik', 'oscar', 'carl', 'harald', 'magnus',
  'valdemar', 'sverre', 'hakon', 'eric', 'erik', 'canute', 'cnut', 'edmund', 'ethelred', 'aethelred',
]);

const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10 };

function romanValue(s: string): number | null {
  if (!ROMAN.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]!]!;
    const next = ROMAN_VALUES[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total || null;
}

/**
 * The numeral at `at` said as a number after a counting word or any other capitalised word
 * ("Rocky two", "Episode four"), as "the eighth" after a regnal name, and left as written where it
 * is probably a word or a letter (a lone I, V or X after an ordinary word: "Then I", "Malcolm X").
 */
export function readRoman(text: string, at: number, numeral: string): Reading {
  const end = at + numeral.length;
  const value = romanValue(numeral);
  const before = /(\p{L}+)[ \u00a0]$/u.exec(text.slice(Math.max(0, at - 17), at))?.[1]?.toLowerCase() ?? '';
  if (value === null) return { out: numeral, end };
  if (REGNAL.has(before)) return { out: `the ${ordinalize(cardinal(String(value)))}`, end };
  if (COUNTED.has(before) || numeral.length > 1) return { out: cardinal(String(value)), end };
  return { out: numeral, end };
}
