// English (American 'a', British 'b') text → Kokoro phonemes, the way misaki (the G2P Kokoro's
// English voices were trained with) does it: user dictionaries, then misaki's gold and silver
// lexicons with heteronyms resolved by a light tagger, then inflections of known stems, and only
// then espeak-ng, whose IPA is rewritten into misaki's symbols. espeak is asked once per text for
// all the words that reach it (espeak-batch.ts).
//
// Two passes: the first decides every word that does not depend on its neighbours' *sounds* and
// collects the espeak words; the second walks right to left, as misaki does, so that "the", "a",
// "to", "in" and "am" can take their weak or strong forms from the sound that follows.
import { KoeError } from '../../contract/errors';
import { espeakToMisakiEnglish, KOKORO_V1_RULES, applyRules } from './espeak-rules';
import type { EspeakBatcher } from './espeak-batch';
import type { Lexicon } from './lexicon';
import { addS, inflect, type StemLookup } from './morphology';
import { applyStress, PRIMARY, SECONDARY, spelledStress, stressWeight, VOWELS } from './stress';
import { chooseReading, guessTag, type Neighbours } from './tagger';
import { techWord } from './tech-lexicon';
import { joinTokens, splitText, type TextToken } from './text-tokens';
import type { G2PResult, G2PWord, WordSource } from './types';
import { adaptToEnglish, validateUserPhonemes } from './user-phonemes';
import { capsReadAsWord, hasNoVowelLetter, splitCamel } from './word-shape';
import type { UserDictionaries } from './user-dictionary';

/** Where an unresolved piece of a word stands after pass one. */
interface Part {
  text: string;
  phonemes: string | null;
  source: WordSource;
  /** Set when espeak must answer; the lower-cased word it is asked about. */
  espeak?: string;
}

interface Slot {
  text: string;
  kind: 'word' | 'punct';
  spaceAfter: boolean;
  parts: Part[];
  /** A word whose form depends on the next sound (the, a, an, to, in, am). */
  weak?: string;
  /** The finished phonemes, once pass two has made them. */
  final?: string;
  /** A stress change written inline ([word](+1)), applied to the finished word. */
  stress?: number;
}

const CONSONANTS = new Set('bdfhjklmnpstvwzðŋɡɹɾʃʒʤʧθT');
const PAUSES = new Set(';:,.!?—…');
/** Marks misaki looks through when it asks what sound comes next ("the (apple)" is still ði). */
const TRANSPARENT = new Set(['“', '”', '"', '(', ')']);
/** A compound is only as trustworthy as its weakest part. */
const SOURCE_RANK: Readonly<Record<WordSource, number>> = { user: 0, gold: 1, silver: 2, morphology: 3, espeak: 4, punctuation: 0 };

const isUpper = (w: string): boolean => w === w.toUpperCase() && w !== w.toLowerCase();
const isLower = (w: string): boolean => w === w.toLowerCase();
const ASCII_WORD = /^[A-Za-z']+$/;
const stripAccents = (w: string): string => w.normalize('NFD').replace(/\p{M}/gu, '');

/** misaki's capital-letter stress: a Capitalised word gains a secondary, a SHOUTED one a primary. */
function capsStress(word: string): number | null {
  if (isLower(word)) return null;
  return isUpper(word) ? 2 : 0.5;
}

export interface EnglishOptions {
  user: UserDictionaries | null;
  signal?: AbortSignal;
}

export class EnglishG2P {
  constructor(
    private readonly lexicon: Lexicon | null,
    private readonly batcher: EspeakBatcher,
    readonly british: boolean,
  ) {}

  private get voice(): string {
    return this.british ? 'en-gb' : 'en-us';
  }

  async phonemize(text: string, opts: EnglishOptions): Promise<G2PResult> {
    const { tokens, inline } = splitWithInline(text);
    const slots = await this.plan(tokens, inline, opts);
    await this.askEspeak(slots, opts.signal);
    this.resolveInContext(slots);
    const words: G2PWord[] = [];
    const joined: { phonemes: string; spaceAfter: boolean }[] = [];
    for (const s of slots) {
      const phonemes = s.kind === 'punct' ? s.text : (s.final ?? this.finish(s));
      joined.push({ phonemes, spaceAfter: s.spaceAfter });
      words.push({ text: s.text, phonemes, source: s.kind === 'punct' ? 'punctuation' : weakestSource(s.parts) });
    }
    return { phonemes: joinTokens(joined), words };
  }

  // ── pass one ────────────────────────────────────────────────────────────────────────────────

  /** `inline`: one-off pronunciations written in the text ([word](/phonemes/), [word](+1)). */
  private async plan(tokens: TextToken[], inline: ReadonlyMap<TextToken, InlineWord>, opts: EnglishOptions): Promise<Slot[]> {
    const merged = this.mergeElisions(tokens);
    const slots: Slot[] = [];
    for (let i = 0; i < merged.length; i++) {
      const t = merged[i]!;
      if (t.kind === 'punct') {
        slots.push({ text: t.text === "'" ? '“' : t.text, kind: 'punct', spaceAfter: t.spaceAfter, parts: [] });
        continue;
      }
      const one = inline.get(t);
      if (one?.phonemes !== undefined) {
        const phonemes = await this.userPhonemes(t.text, one.phonemes, undefined, opts.signal);
        slots.push({ text: t.text, kind: 'word', spaceAfter: t.spaceAfter, parts: [{ text: t.text, phonemes, source: 'user' }] });
        continue;
      }
      if (one?.stress !== undefined) {
        const parts = this.resolveWord(t.text, wordNeighbours(merged, i), pauseFollows(merged, i), false);
        slots.push({ text: t.text, kind: 'word', spaceAfter: t.spaceAfter, parts, stress: one.stress });
        continue;
      }
      const user = opts.user?.match(merged, i);
      if (user) {
        const last = merged[user.end - 1]!;
        const text = merged.slice(i, user.end).map((x) => x.text).join(' ');
        let phonemes = await this.userPhonemes(user.entry.word, user.entry.phonemes, user.entry.respelling, opts.signal);
        if (user.possessive) phonemes = addS(phonemes, this.british);
        slots.push({ text, kind: 'word', spaceAfter: last.spaceAfter, parts: [{ text, phonemes, source: 'user' }] });
        i = user.end - 1;
        continue;
      }
      const neighbours = wordNeighbours(merged, i);
      const slot: Slot = { text: t.text, kind: 'word', spaceAfter: t.spaceAfter, parts: [] };
      const weak = this.weakForm(t.text, neighbours);
      if (weak) slot.weak = weak;
      else slot.parts = this.resolveWord(t.text, neighbours, pauseFollows(merged, i), shouting(merged, i));
      slots.push(slot);
    }
    return slots;
  }

  /** 'cause, 'em, 'tis: an apostrophe before a word the lexicon lists with it is part of the word. */
  private mergeElisions(tokens: TextToken[]): TextToken[] {
    const out: TextToken[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const next = tokens[i + 1];
      if (t.kind === 'punct' && t.text === "'" && next?.kind === 'word' && !t.spaceAfter && this.lexicon?.gold(`'${next.text.toLowerCase()}`) !== undefined) {
        out.push({ kind: 'word', text: `'${next.text}`, spaceAfter: next.spaceAfter });
        i++;
      } else {
        out.push(t);
      }
    }
    return out;
  }

  private weakForm(word: string, n: Neighbours): string | undefined {
    if (!this.lexicon) return undefined;
    if (word === 'a' || (word === 'A' && n.prev === undefined && n.next !== undefined)) return 'a';
    if (word === 'an' || word === 'An' || word === 'AN') return 'an';
    if (word === 'am') return 'am';
    if (word === 'to' || word === 'To' || word === 'TO') return 'to';
    if (word === 'in' || word === 'In' || word === 'IN') return 'in';
    if (word === 'the' || word === 'The' || word === 'THE') return 'the';
    return undefined;
  }

  /** A word's pronunciation from the lexicons, or the parts espeak must fill in. */
  private resolveWord(word: string, n: Neighbours, beforePause: boolean, shout: boolean): Part[] {
    const found = this.lookup(word, n, beforePause, shout);
    if (found) return [found];
    if (word.includes('-')) {
      const pieces = word.split('-').filter(Boolean);
      if (pieces.length > 1) return pieces.flatMap((p) => this.resolvePiece(p, shout));
    }
    return this.resolvePiece(word, shout, true);
  }

  /**
   * A word no lexicon lists as written: a technical word, an initialism with an ending (GPUs,
   * CEO's), a CamelCase name cut into its words (OpenWebUI), capitals or vowel-less letters spelled
   * (HTML, npm); espeak only for what still looks like a word. `looked` says the whole word was
   * already tried in the lexicons.
   */
  private resolvePiece(word: string, shout: boolean, looked = false): Part[] {
    const none = { prev: undefined, next: undefined };
    if (!looked) {
      const found = this.lookup(word, none, false, shout);
      if (found) return [found];
    }
    if (!this.lexicon) return [this.espeakPart(word)];
    // An ending on a word known only by its shape: GPUs, CEO's, URLs', Kokoro's. Tried before the
    // shape of the whole word, which would cut GPUs into GP|Us.
    const ending = /^(.+?)('s|s'|'|(?<=[A-Z])s)$/.exec(word);
    if (ending) {
      const known = this.lookup(ending[1]!, none, false, shout);
      const parts = known ? [known] : this.byShape(ending[1]!, shout);
      if (parts && parts.every((p) => p.phonemes !== null)) {
        if (ending[2] === "'") return parts;
        const last = parts.at(-1)!;
        parts[parts.length - 1] = { ...last, text: `${last.text}${ending[2]}`, phonemes: addS(last.phonemes!, this.british) };
        return parts;
      }
    }
    const shaped = this.byShape(word, shout);
    if (shaped) return shaped;
    return [this.espeakPart(word)];
  }

  /** The readings word-shape.ts and the technical words give, or null. */
  private byShape(word: string, shout: boolean): Part[] | null {
    const tech = techWord(word, this.british);
    if (tech) {
      if ('phonemes' in tech) return [{ text: word, phonemes: tech.phonemes, source: 'gold' }];
      if ('spell' in tech) return [{ text: word, phonemes: this.spell(word), source: 'gold' }];
      const none = { prev: undefined, next: undefined };
      return tech.say.split(' ').map((w) => this.lookup(w, none, false, false) ?? this.espeakPart(w));
    }
    const camel = splitCamel(word);
    if (camel.length > 1) return camel.flatMap((p) => this.resolvePiece(p, shout));
    if (ASCII_WORD.test(word) && ((isUpper(word) && word.length > 1 && !capsReadAsWord(word)) || hasNoVowelLetter(word))) {
      const spelled = this.spell(word);
      if (spelled) return [{ text: word, phonemes: spelled, source: 'gold' }];
    }
    return null;
  }

  private espeakPart(word: string): Part {
    return { text: word, phonemes: null, source: 'espeak', espeak: word.toLowerCase() };
  }

  private lookup(word: string, n: Neighbours, beforePause: boolean, shout: boolean): Part | null {
    const lex = this.lexicon;
    if (!lex) return null;
    if (word === 'I') return { text: word, phonemes: `${SECONDARY}I`, source: 'gold' };
    if (/^vs\.?$/i.test(word)) return this.lookup('versus', n, beforePause, false);
    const dotted = /^(?:\p{L}\.){2,}$/u.test(word);
    if (dotted) {
      const spelled = this.spell(word.replaceAll('.', ''));
      return spelled ? { text: word, phonemes: spelled, source: 'gold' } : null;
    }
    const stress = capsStress(word);
    // Capitals outside shouting are read as a proper noun, as spaCy would tag them: the lexicon
    // marks initialisms that are also words (US, IT, ACT) with no noun reading, meaning "spell it".
    const initialism = isUpper(word) && word.length > 1 && !shout;
    const hit = lex.find(word);
    // The technical list is read by people; silver is generated and low-confidence (async as
    // "uh-SINK"): where both have the word, the list wins. Gold still wins over the list.
    const tech = hit?.source === 'silver' ? techWord(word, this.british) : null;
    if (tech && 'phonemes' in tech) return { text: word, phonemes: tech.phonemes, source: 'gold' };
    if (hit) {
      const tag = typeof hit.pron === 'string' ? null : initialism ? 'NN' : guessTag(word.toLowerCase(), n);
      const reading = chooseReading(hit.pron, tag, beforePause);
      if (reading !== null) return { text: word, phonemes: applyStress(reading, stress), source: hit.source };
      const spelled = initialism ? this.spell(word) : null;
      if (spelled) return { text: word, phonemes: spelled, source: hit.source };
    }
    if (isUpper(word) && word.length > 1) {
      // Capitals the lexicon lacks as written are emphasis (NOT, PEANUT): read as the word. Unknown
      // short ones are spelled later (espeakPart).
      const ps = this.fromLexicon(word.toLowerCase(), n, beforePause, stress);
      if (ps) return { ...ps, text: word };
    }
    if (word.endsWith("'") && word.length > 2) {
      const bare = this.lookup(word.slice(0, -1), n, beforePause, shout);
      if (bare) return { ...bare, text: word };
    }
    if (word.length === 1) {
      // A lone letter the lexicon lacks in this case (the m of "p m") is its letter name.
      const letter = this.spell(word);
      if (letter) return { text: word, phonemes: letter, source: 'gold' };
    }
    const lower = word.toLowerCase();
    const ascii = stripAccents(lower);
    if (ascii !== lower) {
      const plain = this.fromLexicon(ascii, n, beforePause, stress);
      if (plain) return plain;
    }
    const inflected = inflect(lower, this.stems, this.british);
    if (inflected !== null) return { text: word, phonemes: applyStress(inflected, stress), source: 'morphology' };
    return null;
  }

  private fromLexicon(word: string, n: Neighbours, beforePause: boolean, stress: number | null): Part | null {
    const hit = this.lexicon!.find(word);
    if (!hit) return null;
    const tag = typeof hit.pron === 'string' ? null : guessTag(word.toLowerCase(), n);
    const reading = chooseReading(hit.pron, tag, beforePause);
    if (reading === null) return null;
    return { text: word, phonemes: applyStress(reading, stress), source: hit.source };
  }

  private readonly stems: StemLookup = {
    known: (w) => this.lexicon!.has(w),
    phonemes: (w) => {
      const hit = this.lexicon!.find(w);
      return hit ? chooseReading(hit.pron, null, false) : null;
    },
  };

  /** Letters read out (FBI = ˌɛfbˌiˈI), from the lexicon's own letter names. */
  private spell(word: string): string | null {
    const names: string[] = [];
    for (const c of word) {
      if (!/\p{L}/u.test(c)) continue;
      const name = this.lexicon?.gold(c.toUpperCase());
      if (typeof name !== 'string') return null;
      names.push(name);
    }
    return names.length ? spelledStress(names.join('')) : null;
  }

  private async userPhonemes(word: string, phonemes: string | undefined, respelling: string | undefined, signal?: AbortSignal): Promise<string> {
    if (phonemes?.trim()) {
      const v = validateUserPhonemes(phonemes);
      if (!v.ok) throw new KoeError('invalid_args', `The pronunciation of “${word}” cannot be used: ${v.message}`, { [word]: v.message });
      return adaptToEnglish(v.normalized, this.british);
    }
    // A respelling is read like any other text (but without the dictionaries, so it cannot loop).
    const r = await this.phonemize(respelling ?? '', { user: null, signal });
    return r.phonemes;
  }

  // ── espeak ──────────────────────────────────────────────────────────────────────────────────

  private async askEspeak(slots: Slot[], signal?: AbortSignal): Promise<void> {
    const words: string[] = [];
    for (const s of slots) for (const p of s.parts) if (p.espeak !== undefined) words.push(p.espeak);
    if (words.length === 0) return;
    const ipa = await this.batcher.ipa(words, this.voice, signal);
    for (const s of slots) {
      for (const p of s.parts) {
        if (p.espeak === undefined) continue;
        p.phonemes = espeakToMisakiEnglish(ipa.get(p.espeak) ?? '', this.british);
      }
    }
  }

  // ── pass two ────────────────────────────────────────────────────────────────────────────────

  private resolveInContext(slots: Slot[]): void {
    // misaki's "future vowel": true/false for the first sound of what follows, null before a pause.
    let future: boolean | null = null;
    for (let i = slots.length - 1; i >= 0; i--) {
      const s = slots[i]!;
      if (s.kind === 'punct') {
        if (!TRANSPARENT.has(s.text)) future = null;
        continue;
      }
      if (s.weak) s.parts = [{ text: s.text, phonemes: this.weakPhonemes(s.weak, future), source: 'gold' }];
      s.final = this.finish(s);
      const sound = firstSound(s.final);
      if (sound !== undefined) future = sound;
    }
  }

  private weakPhonemes(word: string, future: boolean | null): string {
    const gold = (w: string): string => {
      const p = this.lexicon!.gold(w);
      return typeof p === 'string' ? p : p ? chooseReading(p, null, false) ?? '' : '';
    };
    switch (word) {
      case 'a':
        return 'ɐ';
      case 'an':
        return 'ɐn';
      case 'am':
        return future === null ? gold('am') : 'ɐm';
      case 'to':
        return future === null ? gold('to') : future ? 'tʊ' : 'tə';
      case 'in':
        return future === null ? `${PRIMARY}ɪn` : 'ɪn';
      default:
        return future === true ? 'ði' : 'ðə';
    }
  }

  /** The word's final phonemes: compound stress, then Kokoro v1.0's flap/glottal symbols. */
  private finish(s: Slot): string {
    const joined = s.parts.length === 1 ? (s.parts[0]!.phonemes ?? '') : compoundStress(s.parts).join('');
    return applyRules(s.stress === undefined ? joined : applyStress(joined, s.stress), KOKORO_V1_RULES);
  }
}

/**
 * misaki's stress for a compound written as one token (well-known): if more than half of its parts
 * carry a primary stress, the lighter half is demoted; after a one-letter first part (X-ray) the
 * second part is demoted.
 */
function compoundStress(parts: readonly Part[]): string[] {
  const ps = parts.map((p) => p.phonemes ?? '');
  const stressed = ps.map((p, i) => ({ primary: p.includes(PRIMARY), weight: stressWeight(p), i })).filter((x) => ps[x.i]);
  if (stressed.length === 2 && parts[stressed[0]!.i]!.text.length === 1) {
    const j = stressed[1]!.i;
    ps[j] = applyStress(ps[j]!, -0.5);
    return ps;
  }
  const primaries = stressed.filter((x) => x.primary).length;
  if (stressed.length < 2 || primaries <= Math.floor((stressed.length + 1) / 2)) return ps;
  const order = [...stressed].sort((a, b) => Number(a.primary) - Number(b.primary) || a.weight - b.weight || a.i - b.i);
  for (const x of order.slice(0, Math.floor(stressed.length / 2))) ps[x.i] = applyStress(ps[x.i]!, -0.5);
  return ps;
}

interface InlineWord {
  phonemes?: string;
  stress?: number;
}

// misaki's link form, as markup-plan.ts writes it into the text (and as misaki reads it).
const INLINE_RE = /\[([^[\]\n]{1,200})\]\((?:\/([^/\n)]{1,400})\/|([+-]?(?:2|1|0\.5)|-?0))\)/g;

/** The text's tokens, with the words written in link form as single tokens carrying their reading. */
function splitWithInline(text: string): { tokens: TextToken[]; inline: Map<TextToken, InlineWord> } {
  const inline = new Map<TextToken, InlineWord>();
  if (!text.includes('](')) return { tokens: splitText(text), inline };
  const tokens: TextToken[] = [];
  let from = 0;
  for (const m of text.matchAll(INLINE_RE)) {
    tokens.push(...splitText(text.slice(from, m.index)));
    const spaceBefore = m.index > 0 && /\s/.test(text[m.index - 1]!);
    const prev = tokens.at(-1);
    if (prev && spaceBefore) prev.spaceAfter = true;
    const token: TextToken = { kind: 'word', text: m[1]!.trim(), spaceAfter: /\s/.test(text[m.index + m[0].length] ?? '') };
    tokens.push(token);
    inline.set(token, m[2] !== undefined ? { phonemes: m[2] } : { stress: Number(m[3]) });
    from = m.index + m[0].length;
  }
  tokens.push(...splitText(text.slice(from)));
  return { tokens, inline };
}

function weakestSource(parts: readonly Part[]): WordSource {
  let worst: WordSource = parts[0]?.source ?? 'gold';
  for (const p of parts) if (SOURCE_RANK[p.source] > SOURCE_RANK[worst]) worst = p.source;
  return worst;
}

/** true = vowel, false = consonant, null = punctuation; undefined when the phonemes show none. */
function firstSound(ps: string): boolean | null | undefined {
  for (const c of ps) {
    if (VOWELS.has(c)) return true;
    if (CONSONANTS.has(c)) return false;
    if (PAUSES.has(c)) return null;
  }
  return undefined;
}

/** The words either side of token i when nothing but space separates them (lower-cased). */
function wordNeighbours(tokens: readonly TextToken[], i: number): Neighbours {
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const t = tokens[i]!;
  return {
    prev: prev?.kind === 'word' && prev.spaceAfter ? prev.text.toLowerCase() : undefined,
    next: next?.kind === 'word' && t.spaceAfter ? next.text.toLowerCase() : undefined,
  };
}

function pauseFollows(tokens: readonly TextToken[], i: number): boolean {
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind === 'word') return false;
    if (!TRANSPARENT.has(t.text)) return PAUSES.has(t.text[0]!);
  }
  return true;
}

/** A capitalised word among other capitalised words is shouting, not an initialism. */
function shouting(tokens: readonly TextToken[], i: number): boolean {
  const caps = (t: TextToken | undefined): boolean => t?.kind === 'word' && t.text.length > 1 && isUpper(t.text);
  return caps(tokens[i - 1]) || caps(tokens[i + 1]);
}
