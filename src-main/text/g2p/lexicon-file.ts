// Reads one misaki lexicon file (a 3–4 MB JSON object, word → phonemes) into a lookup table, fast.
//
// JSON.parse of such a file takes ~90–110 ms on one core, and the first English sentence of a
// session waits for two of them. The files are pretty-printed one entry per line, so instead the
// text is kept as it is and only the *keys* are indexed (one pass over the lines, ~30 ms); a value
// is decoded when it is looked up, which a sentence does a few dozen times. A file in any other
// layout (minified, reformatted) falls back to JSON.parse, so the shortcut can only cost speed,
// never correctness.
/** A word's entry in a misaki lexicon: one pronunciation, or a heteronym keyed by part-of-speech tag with a DEFAULT. */
export type Pronunciation = string | Readonly<Record<string, string | null>>;

export interface LexiconTable {
  get(word: string): Pronunciation | undefined;
  keys(): IterableIterator<string>;
  readonly size: number;
}

/** A top-level key at the start of a line: two spaces, then the quoted key and `": `. */
const KEY_LINE = /"((?:[^"\\\n]|\\.)*)": /y;

function fromObject(obj: Readonly<Record<string, Pronunciation>>): LexiconTable {
  const map = new Map(Object.entries(obj));
  return { get: (w) => map.get(w), keys: () => map.keys(), size: map.size };
}

function decode(text: string, from: number, to: number): Pronunciation {
  let end = to;
  while (end > from && /[\s,]/.test(text[end - 1]!)) end--;
  const raw = text.slice(from, end);
  if (raw.charCodeAt(0) === 34 && !raw.includes('\\')) return raw.slice(1, -1);
  return JSON.parse(raw) as Pronunciation;
}

/**
 * The table for a lexicon file's text. Throws SyntaxError (from JSON.parse) when a file in an
 * unexpected layout is not JSON either.
 */
export function readLexiconTable(text: string): LexiconTable {
  const body = text.trimEnd();
  if (!body.startsWith('{\n') || !body.endsWith('}')) return parseWhole(text);
  const entries = new Map<string, number>();
  const valueAt: number[] = [];
  const lineAt: number[] = [];
  let at = 2;
  while (at < body.length) {
    const nl = body.indexOf('\n', at);
    const lineEnd = nl < 0 ? body.length : nl;
    if (body.charCodeAt(at) === 32 && body.charCodeAt(at + 1) === 32 && body.charCodeAt(at + 2) === 34) {
      // Plain keys (all but a handful) are cut out with indexOf; escaped ones go through the regex.
      let colon = body.indexOf('": ', at + 3);
      let key = colon < 0 || colon > lineEnd ? null : body.slice(at + 3, colon);
      if (key === null || key.includes('\\') || key.includes('"')) {
        KEY_LINE.lastIndex = at + 2;
        const m = KEY_LINE.exec(body);
        if (!m || m.index + m[0].length > lineEnd) return parseWhole(text);
        key = JSON.parse(`"${m[1]}"`) as string;
        colon = m.index + m[0].length - 3;
      }
      entries.set(key, valueAt.length);
      valueAt.push(colon + 3);
      lineAt.push(at);
    } else if (body.charCodeAt(at) !== 32 && at < body.length - 1) {
      // Anything but an indented line before the closing brace means another layout.
      return parseWhole(text);
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  if (entries.size === 0) return parseWhole(text);
  // A value runs to the next top-level key line (a heteronym spans several lines), or to the brace.
  const closing = body.length - 1;
  return {
    get(word) {
      const i = entries.get(word);
      if (i === undefined) return undefined;
      return decode(body, valueAt[i]!, lineAt[i + 1] ?? closing);
    },
    keys: () => entries.keys(),
    size: entries.size,
  };
}

function parseWhole(text: string): LexiconTable {
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new SyntaxError('the file is not a JSON object');
  return fromObject(parsed as Record<string, Pronunciation>);
}
