// English abbreviations, expanded so the engine says "Doctor" and not "D R". The same table tells
// the sentence splitter which periods do not end a sentence, so the two never disagree.

/**
 * title: goes before a name ("Dr. Smith") and never ends a sentence.
 * suffix: goes after something ("Smith Jr.", "Main Ave.") and may end a sentence, so its period is
 *   kept when the next word starts a new sentence.
 * inline: mid-sentence only ("e.g.", "vs."): the period goes.
 */
export type AbbrKind = 'title' | 'suffix' | 'inline';

export interface Abbr {
  words: string;
  kind: AbbrKind;
  /** Without its period the letters are too often a word or a name ("Gen", "Col", "Sun"). */
  periodRequired?: boolean;
  /** Expand only before a capitalised word ("Capt. Hook"), where the reading is unambiguous. */
  beforeName?: boolean;
}

const t = (words: string, periodRequired = false, beforeName = false): Abbr => ({ words, kind: 'title', periodRequired, beforeName });
const s = (words: string, periodRequired = false): Abbr => ({ words, kind: 'suffix', periodRequired });
const i = (words: string, periodRequired = false): Abbr => ({ words, kind: 'inline', periodRequired });

export const ABBREVIATIONS: Record<string, Abbr> = {
  Mr: t('Mister'), Mrs: t('Missus'), Ms: t('Miz'), Mx: t('Mix'), Prof: t('Professor'),
  Gov: t('Governor', true, true), Sen: t('Senator', true, true), Rep: t('Representative', true, true),
  Gen: t('General', true, true), Capt: t('Captain', true, true), Lt: t('Lieutenant', true, true),
  Col: t('Colonel', true, true), Sgt: t('Sergeant', true, true), Rev: t('Reverend', true, true),
  Hon: t('Honorable', true, true), Pres: t('President', true, true), Mt: t('Mount', true, true),
  Ft: t('Fort', true, true),
  Jr: s('Junior'), Sr: s('Senior'), Inc: s('Incorporated'), Ltd: s('Limited'), Corp: s('Corporation'),
  Co: s('Company', true), Bros: s('Brothers', true), Ave: s('Avenue'), Blvd: s('Boulevard'), Rd: s('Road'),
  Hwy: s('Highway'), Pkwy: s('Parkway'), Apt: s('Apartment'), Dept: s('Department'), Univ: s('University'),
  etc: s('et cetera'),
  Jan: s('January', true), Feb: s('February', true), Mar: s('March', true), Apr: s('April', true),
  Jun: s('June', true), Jul: s('July', true), Aug: s('August', true), Sep: s('September', true),
  Sept: s('September', true), Oct: s('October', true), Nov: s('November', true), Dec: s('December', true),
  vs: i('versus'), 'e.g': i('for example', true), 'i.e': i('that is', true), 'a.k.a': i('also known as', true),
  cf: i('compare', true), approx: i('approximately'), ca: i('circa', true), viz: i('namely', true),
  Fig: i('Figure', true), fig: i('figure', true), Vol: i('Volume', true), vol: i('volume', true),
};

/** Depend on the words around them; see expandContextual in normalize-en.ts. */
export const CONTEXTUAL = ['Dr', 'St', 'No', 'no'] as const;

const escape = (x: string): string => x.replace(/\./g, '\\.');

/** Longest first, so "Mrs" is tried before "Mr" and "Sept" before "Sep". */
export const ABBR_SRC =
  `(?<![\\p{L}\\p{N}.'-])(?:${[...Object.keys(ABBREVIATIONS), ...CONTEXTUAL].sort((a, b) => b.length - a.length).map(escape).join('|')})\\.?(?![\\p{L}\\p{N}])`;

/** Words that start sentences far more often than they are names: "Main St. The house…". */
export const SENTENCE_STARTERS = new Set([
  'The', 'A', 'An', 'It', 'He', 'She', 'We', 'They', 'I', 'You', 'This', 'That', 'There', 'These', 'Those',
  'In', 'On', 'At', 'But', 'And', 'So', 'Then', 'If', 'When', 'My', 'Our', 'His', 'Her', 'Their', 'Its',
]);

/** Periods after these (case-sensitive) never end a sentence when a capitalised word follows. */
export const NON_TERMINAL = new Set([
  ...Object.entries(ABBREVIATIONS).filter(([, a]) => a.kind !== 'suffix').map(([k]) => k),
  'Dr', 'St', 'Messrs', 'Mme', 'Mlle',
]);

const NEXT_NAME_RE = /[ \u00a0]+["'(]?(\p{Lu}[\p{L}'-]*)/uy;
const NEXT_DIGIT_RE = /[ \u00a0]*\d/y;
const PREV_NAME_RE = /(?:^|[^\p{L}\p{N}.])(?:\p{Lu}[\p{L}'-]*|\d+(?:st|nd|rd|th)?)[ \u00a0]+$/u;
const KEEP_PERIOD_RE = /[ \u00a0]*(?:$|\n)|[ \u00a0]+["'([]?\p{Lu}/uy;

function sticky(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** The capitalised word right after `pos`, if any: the name a title goes with. */
function nextName(text: string, pos: number): string | undefined {
  return sticky(NEXT_NAME_RE, text, pos)?.[1];
}

/** A period swallowed by an expansion also ends the sentence when a new one follows. */
export function periodEndsSentence(text: string, end: number): boolean {
  return sticky(KEEP_PERIOD_RE, text, end) !== null;
}

/**
 * "Dr. Smith" is a doctor and "Mulholland Dr." a drive; "St. Louis" a saint and "Baker St" a street.
 * A capitalised word after (that is not a common sentence opener) means a title; a name or number
 * before means a street.
 */
function streetOrTitle(text: string, start: number, end: number, title: string, street: string, period: boolean): string {
  const next = nextName(text, end);
  if (next && !SENTENCE_STARTERS.has(next)) return title;
  const prevIsName = PREV_NAME_RE.test(text.slice(Math.max(0, start - 40), start));
  if (prevIsName) return street + (period && periodEndsSentence(text, end) ? '.' : '');
  return next ? title : street;
}

/** Expands the abbreviation `token` found at `start`, or returns it unchanged when unsure. */
export function expandAbbreviation(text: string, start: number, token: string): string {
  const period = token.endsWith('.');
  const key = period ? token.slice(0, -1) : token;
  const end = start + token.length;
  if (key === 'Dr') return streetOrTitle(text, start, end, 'Doctor', 'Drive', period);
  if (key === 'St') return streetOrTitle(text, start, end, 'Saint', 'Street', period);
  if (key === 'No' || key === 'no') return period && sticky(NEXT_DIGIT_RE, text, end) ? 'number' : token;
  const abbr = ABBREVIATIONS[key];
  if (!abbr || (abbr.periodRequired && !period)) return token;
  if (abbr.kind === 'title') {
    if ((abbr.beforeName || !period) && !nextName(text, end)) return token;
    return abbr.words;
  }
  if (abbr.kind === 'suffix' && period && periodEndsSentence(text, end)) return `${abbr.words}.`;
  return abbr.words;
}
