// Addresses people read aloud piece by piece: web links, e-mail addresses and phone numbers. An
// engine left alone spells "https://" letter by letter or reads a phone number as millions.
import { cardinal, digitByDigit } from './numbers';

// Starts are anchored on rare literals ("http", "@", a known top-level domain), and every open-ended
// run is bounded, so a megabyte without spaces cannot make these patterns backtrack quadratically.
const TLD = '(?:com|org|net|edu|gov|mil|int|io|dev|app|ai|co|uk|us|ca|de|fr|jp|nl|au|eu|info|biz|me|tv|ly|gg|xyz|site|online|tech)';
export const URL_SRC =
  '\\b(?:https?|ftp):\\/\\/[^\\s<>"\'()\\[\\]{}]*[^\\s<>"\'()\\[\\]{}.,;:!?]' +
  '|\\bwww\\.[^\\s<>"\'()\\[\\]{}]*[^\\s<>"\'()\\[\\]{}.,;:!?]' +
  `|(?<![\\w@.\\/-])(?:[a-z0-9][a-z0-9-]{0,62}\\.){1,4}${TLD}(?![\\w-]|\\.\\w)(?:\\/[^\\s<>"'()\\[\\]{}]*[^\\s<>"'()\\[\\]{}.,;:!?])?`;
export const EMAIL_SRC =
  '(?<![\\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}(?![\\w-])';
// North American forms first ("(555) 123-4567", "555-123-4567", "+1 555 123 4567", "1-800-555-1234"),
// then "+44 20 7946 0958"-style international numbers, then bare local "555-1234".
export const PHONE_SRC =
  '(?<![\\w+(-])(?:\\+?1[ .-])?(?:\\(\\d{3}\\)[ .-]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\w-])' +
  '|(?<![\\w+])\\+\\d{1,3}(?:[ .-]\\(?\\d{1,4}\\)?){2,5}(?![\\w-])' +
  '|(?<![\\w.-])\\d{3}-\\d{4}(?![\\w-])';

const SEPARATOR_WORDS: Record<string, string> = {
  '.': 'dot', '/': 'slash', '-': 'dash', _: 'underscore', ':': 'colon', '@': 'at', '~': 'tilde',
  '+': 'plus', '=': 'equals', '&': 'and', '%': 'percent', '#': 'hash', '?': 'question mark',
};

/** Reads an address's parts: words stay words, separators are named, short numbers are numbers. */
function spellParts(s: string): string {
  const out: string[] = [];
  for (const m of s.matchAll(/(\p{L}+)|(\d+)|(.)/gu)) {
    if (m[1]) out.push(m[1]);
    else if (m[2]) out.push(m[2].length <= 4 && !m[2].startsWith('0') ? cardinal(m[2]) : digitByDigit(m[2]));
    else if (m[3]) {
      const w = SEPARATOR_WORDS[m[3]];
      if (w) out.push(w);
    }
  }
  return out.join(' ');
}

/**
 * "https://www.example.com/path/" → "example dot com slash path". The scheme, "www", the query and
 * the fragment are dropped: nobody reads them aloud, and listeners cannot type them from audio anyway.
 */
export function speakUrl(url: string): string {
  const bare = url
    .replace(/^[a-z][a-z0-9+.-]{0,15}:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/[?#].*$/s, '')
    .replace(/\/+$/, '');
  return spellParts(bare);
}

/** "jane.doe@example.com" → "jane dot doe at example dot com". */
export function speakEmail(address: string): string {
  return spellParts(address.replace(/^mailto:/i, ''));
}

/** Digit by digit, each written group a comma-separated phrase so the engine pauses between them. */
export function speakPhone(phone: string): string {
  const groups = phone.match(/\d+/g) ?? [];
  const spoken = groups.map(digitByDigit).join(', ');
  return phone.trimStart().startsWith('+') ? `plus ${spoken}` : spoken;
}
