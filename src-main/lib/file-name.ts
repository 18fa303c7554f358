// The one rule for turning a name a person typed (a project, a speaker, a chapter) into a file name
// that is safe on every desktop OS and in a browser download. Four copies of a regex once did this
// and all let through invisible format characters: U+202E (right-to-left override) makes
// "evil\u202Egnp.exe" display as "evilexe.png", and a name of only such characters left a file
// named ".wav". Control and format characters go, as do the characters Windows forbids.
const UNSAFE = /[\\/:*?"<>|\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;

/** A safe base name (no extension) of at most `max` characters, or `fallback` if nothing is left. */
export function safeBaseName(name: string, fallback: string, max = 120): string {
  const cleaned = name.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '');
  // Cut by code point, not UTF-16 unit, so an emoji or a rare CJK character is never split in half.
  const cut = Array.from(cleaned).slice(0, max).join('').trim();
  return cut || fallback;
}

/** The name as plain ASCII for old clients (RFC 6266's `filename=`): accents dropped, the rest `_`. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
}
