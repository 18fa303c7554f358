// Kokoro's chunk boundaries. The rules are the reference pipelines': hexgrad/kokoro
// kokoro/pipeline.py (git dfb907a) cuts only when the phonemes would pass 510 (lines 215-216), then
// at the last `!.?…`, else `:;`, else `,—`, moving past a `)` or `”` (waterfall_last, lines
// 184-199), else at a word (line 199); kokoro-js's stream() synthesizes whole sentences (ENGINES.md
// 1.8). Our one addition, the first chunk (the opening sentence, or its leading clauses), is tested
// below with the same rule: it ends at a sentence end or a clause mark, never inside a clause.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test-support/rng';
import { chunkForKokoro } from './chunk';
import { countTokens } from './vocab';

const word = (i: number): string => `wˈɜɹd${'ə'.repeat(i % 5)}`;
const sentence = (words: number, from = 0, mark = '.'): string => Array.from({ length: words }, (_, i) => word(from + i)).join(' ') + mark;

function assertWholeWords(chunks: string[], source: string): void {
  // Re-joining the chunks gives the source back, and every cut falls on a space.
  expect(chunks.join(' ')).toBe(source);
  const words = new Set(source.split(' '));
  for (const c of chunks) for (const w of c.split(' ')) expect(words.has(w), w).toBe(true);
}

const SENTENCE_END = /[.!?…][”")]*$/u;
const CLAUSE_END = /[,;:—][”")]*$/u;

describe('chunkForKokoro: where the reference pipelines cut', () => {
  it('returns short text as one chunk and nothing for nothing', () => {
    expect(chunkForKokoro({ phonemes: 'həlˈO wˈɜɹld.', words: [] })).toEqual(['həlˈO wˈɜɹld.']);
    expect(chunkForKokoro({ phonemes: '  ', words: [] })).toEqual([]);
  });

  it('packs whole sentences greedily up to 510 tokens, every chunk ending at a sentence end', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => sentence(15, i * 15, i % 2 ? '!' : '.'));
    const text = sentences.join(' ');
    const chunks = chunkForKokoro(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(countTokens(c)).toBeLessThanOrEqual(510);
      expect(c).toMatch(/[.!]$/);
    }
    assertWholeWords(chunks, text);
    // Greedy packing: no two neighbours would have fitted together.
    for (let i = 1; i < chunks.length; i++) expect(countTokens(`${chunks[i - 1]} ${chunks[i]}`)).toBeGreaterThan(510);
  });

  it('never cuts inside a sentence of 510 tokens or fewer, whatever the packing target', () => {
    // A short opening sentence, then one of ~300 tokens with commas: the target of 100 only
    // decides how many whole sentences share a call.
    const long = `${Array.from({ length: 6 }, (_, i) => sentence(8, i * 8, ',')).join(' ').slice(0, -1)}.`;
    expect(countTokens(long)).toBeGreaterThan(100);
    expect(countTokens(long)).toBeLessThanOrEqual(510);
    const text = `${sentence(3)} ${long} ${sentence(4, 60)} ${sentence(4, 70)}`;
    expect(chunkForKokoro(text, { maxTokens: 100 })).toEqual([sentence(3), long, `${sentence(4, 60)} ${sentence(4, 70)}`]);
  });

  it('cuts a sentence over 510 tokens at ":;" before ",—", as the waterfall does', () => {
    const half = (from: number): string => Array.from({ length: 5 }, (_, i) => sentence(9, from + i * 9, ',')).join(' ').slice(0, -1);
    const long = `${half(0)}; ${half(45)}.`;
    expect(countTokens(long)).toBeGreaterThan(510);
    const chunks = chunkForKokoro(long);
    expect(chunks).toEqual([`${half(0)};`, `${half(45)}.`]);
  });

  it('then at ",—", the clauses packed as full as they go', () => {
    const clauses = Array.from({ length: 8 }, (_, i) => sentence(14, i * 14, i % 3 === 2 ? '—' : ',')).join(' ');
    const long = `${clauses.slice(0, -1)}.`;
    expect(countTokens(long)).toBeGreaterThan(510);
    const chunks = chunkForKokoro(long);
    expect(chunks.length).toBe(2);
    expect(chunks[0]).toMatch(CLAUSE_END);
    expect(countTokens(chunks[0]!)).toBeLessThanOrEqual(510);
    // Greedy: the next clause would not have fitted.
    const next = /^.*?[,—]/u.exec(chunks[1]!)![0];
    expect(countTokens(`${chunks[0]} ${next}`)).toBeGreaterThan(510);
    expect(chunks.join(' ')).toBe(long);
  });

  it('cuts at a word only a clause longer than 510 tokens, and slices only a word longer than that', () => {
    const runOn = sentence(120);
    expect(countTokens(runOn)).toBeGreaterThan(510);
    const byWord = chunkForKokoro(runOn);
    expect(byWord.length).toBe(2);
    for (const c of byWord) expect(countTokens(c)).toBeLessThanOrEqual(510);
    assertWholeWords(byWord, runOn);
    const huge = 'ə'.repeat(1200);
    const sliced = chunkForKokoro(`ɐ ${huge} bˈi`);
    expect(sliced.every((c) => countTokens(c) <= 510)).toBe(true);
    expect(sliced.join('').replaceAll(' ', '')).toBe(`ɐ${huge}bˈi`);
  });

  it('keeps a dash without spaces as written, and a closing quote with its mark', () => {
    expect(chunkForKokoro('ɐ bˈi—sˈi dˈi.', { maxTokens: 6 })).toEqual(['ɐ bˈi—', 'sˈi dˈi.']);
    expect(chunkForKokoro('“wˈʌn.” “tˈu.”', { maxTokens: 8 })).toEqual(['“wˈʌn.”', '“tˈu.”']);
  });

  // Its time (target < 2 s, against an accidental quadratic pass) is measured in bench/text-limits.ts.
  it('handles a 20,000-word line without punctuation, cutting only at 510 tokens', () => {
    const line = sentence(20_000, 0, '');
    const chunks = chunkForKokoro(line);
    expect(chunks.length).toBeGreaterThan(200);
    for (const c of chunks) expect(countTokens(c)).toBeLessThanOrEqual(510);
    // Full chunks: each would overflow with the next word.
    for (let i = 0; i < chunks.length - 1; i++) expect(countTokens(`${chunks[i]} ${chunks[i + 1]!.split(' ')[0]}`)).toBeGreaterThan(510);
    assertWholeWords(chunks, line);
  });
});

describe('chunkForKokoro: the first chunk, for early audio', () => {
  // The example: the old first chunk was cut at a word after 32 tokens,
  // "ðə kwˈɪk bɹˈWn fˈɑks ʤˈʌmps" / "ˌOvəɹ ðə lˈAzi dˈɔɡ. …".
  const fox = 'ðə kwˈɪk bɹˈWn fˈɑks ʤˈʌmps ˌOvəɹ ðə lˈAzi dˈɔɡ.';
  const then = 'ðɛn ɪt slˈips.';

  it('is the opening sentence whole when it has no clause mark, however long', () => {
    expect(countTokens(fox)).toBeGreaterThan(32);
    expect(chunkForKokoro(`${fox} ${then}`, { firstChunkMaxTokens: 32 })).toEqual([fox, then]);
    // A sentence with no punctuation at all (a title, a line without a period) is one sentence.
    const bare = fox.slice(0, -1);
    expect(chunkForKokoro(bare, { firstChunkMaxTokens: 16 })).toEqual([bare]);
  });

  it('is sent alone even when more would fit a call, so it is ready sooner', () => {
    expect(chunkForKokoro(`${fox} ${then}`, { firstChunkMaxTokens: 60 })).toEqual([fox, then]);
    expect(chunkForKokoro(`${then} ${then} ${fox}`, { firstChunkMaxTokens: 32 })).toEqual([`${then} ${then}`, fox]);
  });

  it('is the leading clauses of a long opening sentence, cut where the reference could cut', () => {
    const comma = 'ðə mˈɔɹnɪŋ tɹˈAn wʌz lˈAt əɡˈɛn, sˌO mɑɹˈiə wˈɔkt əlˈɔŋ ðə ɹˈɪvəɹ ɪnstˈɛd.';
    expect(chunkForKokoro(`${comma} ${then}`, { firstChunkMaxTokens: 32 })).toEqual(['ðə mˈɔɹnɪŋ tɹˈAn wʌz lˈAt əɡˈɛn,', `sˌO mɑɹˈiə wˈɔkt əlˈɔŋ ðə ɹˈɪvəɹ ɪnstˈɛd. ${then}`]);
    // ":;" before ",—": the semicolon clause is taken whole when it fits.
    const both = 'wˈʌn, tˈu; θɹˈi, fˈɔɹ, fˈIv, sˈɪks, sˈɛvən.';
    expect(chunkForKokoro(both, { firstChunkMaxTokens: 14 })[0]).toBe('wˈʌn, tˈu;');
    expect(chunkForKokoro(both, { firstChunkMaxTokens: 6 })[0]).toBe('wˈʌn,');
    // At least one clause, even over the target.
    expect(chunkForKokoro(comma, { firstChunkMaxTokens: 4 })[0]).toBe('ðə mˈɔɹnɪŋ tɹˈAn wʌz lˈAt əɡˈɛn,');
  });

  it('never ends a chunk mid-clause: random sentences with and without punctuation', () => {
    const rand = seededRandom(17);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    for (let trial = 0; trial < 200; trial++) {
      const parts: string[] = [];
      const sentences = 1 + Math.floor(rand() * 6);
      for (let s = 0; s < sentences; s++) {
        const clauses = 1 + Math.floor(rand() * 4);
        const cls = Array.from({ length: clauses }, (_, c) => Array.from({ length: 1 + Math.floor(rand() * 12) }, (_, w) => word(s * 50 + c * 12 + w)).join(' '));
        // Clause marks between clauses, or none at all; the last sentence may lack its period.
        const joined = cls.reduce((acc, c) => `${acc}${pick([',', ';', ':', '—', ''])} ${c}`);
        parts.push(`${joined}${s === sentences - 1 && rand() < 0.3 ? '' : pick(['.', '!', '?', '…'])}`);
      }
      const text = parts.join(' ');
      const limits = { maxTokens: pick([40, 120, 510]), firstChunkMaxTokens: pick([8, 16, 32, 64]) };
      const chunks = chunkForKokoro(text, limits);
      expect(chunks.join(' ')).toBe(text);
      chunks.forEach((c, i) => {
        const last = i === chunks.length - 1;
        // Every chunk ends a sentence, or (the first chunk only; none of these sentences passes
        // 510 tokens) a clause; only the text's own unterminated end may end otherwise.
        const ok = SENTENCE_END.test(c) || (i === 0 && CLAUSE_END.test(c)) || (last && !SENTENCE_END.test(text));
        expect(ok, `${JSON.stringify(limits)} chunk ${i}: ${c}`).toBe(true);
      });
    }
  });
});
