// Language-neutral clean-up every normalizer starts from. Text arrives pasted from anywhere (word
// processors, PDFs, web pages, binary by mistake); the engines choke on control characters and lone
// surrogates, and curly quotes or odd spaces only make the rules after this harder to write.

// C0/C1 controls except tab and newline, lone surrogates, zero-width space and BOM. Zero-width
// (non-)joiners stay: Persian and Indic spelling depends on them.
const STRIP_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\uFEFF]|\p{Cs}/gu;
const NEWLINE_RE = /\r\n?|[\u2028\u2029\u0085]/g;
// Runs of two or more spaces, or any single odd space: plain single spaces are left alone so the
// common case costs no replacement.
const ODD_SPACE = '\\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000';
const SPACE_RE = new RegExp(`[ ${ODD_SPACE}]{2,}|[${ODD_SPACE}]`, 'g');
const SINGLE_QUOTE_RE = /[\u2018\u2019\u201A\u201B\u2032]/g;
const DOUBLE_QUOTE_RE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const LINE_EDGE_RE = / ?\n ?/g;
const BLANK_LINES_RE = /\n{3,}/g;

/** Newlines normalized first so "\r\n" never counts as a control character to strip. */
export function cleanupText(text: string): string {
  if (!text) return '';
  return text
    .replace(NEWLINE_RE, '\n')
    .replace(STRIP_RE, '')
    .replace(SINGLE_QUOTE_RE, "'")
    .replace(DOUBLE_QUOTE_RE, '"')
    .replace(SPACE_RE, ' ')
    .replace(LINE_EDGE_RE, '\n')
    .replace(BLANK_LINES_RE, '\n\n')
    .trim();
}

const TIDY_SPACES_RE = / {2,}/g;
const SPACE_BEFORE_PUNCT_RE = / +(?=[,.;:!?](?:\s|$))/g;

/** After rules have inserted words with spaces around them: one space, none before punctuation. */
export function tidySpaces(text: string): string {
  return text.replace(TIDY_SPACES_RE, ' ').replace(SPACE_BEFORE_PUNCT_RE, '').replace(LINE_EDGE_RE, '\n').trim();
}
