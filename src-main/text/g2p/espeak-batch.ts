// Everything waiting for espeak, in one espeak run. A run costs ~20 ms plus, when no spare
// instance is ready, ~110 ms and ~35 MB of start-up (espeak-wasm.ts), so asking per word would
// make a sentence with three unknown names cost more than the rest of the text path many times
// over, and concurrent callers each starting an instance once ran a test machine out of memory.
// So: one run at a time; whatever is asked meanwhile (by any caller) waits and goes in the next
// run together.
//
// Pieces are separated by blank lines, which end a clause, so espeak prints one line per piece and
// the answer can be split back; if the line count ever disagrees (a piece espeak splits into two
// clauses), the batch is halved until every piece is matched on its own. Results are cached.
import { abortError, unlessAborted } from '../../lib/abort';
import { Lru } from './lru';
import type { EspeakIpa } from './types';

const CACHE_SIZE = 5000;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

type Answers = ReadonlyMap<string, string>;

interface Waiter {
  pieces: string[];
  resolve: (answers: Answers) => void;
  reject: (e: unknown) => void;
}

export class EspeakBatcher {
  private readonly cache = new Lru<string, string>(CACHE_SIZE);
  private readonly waiting = new Map<string, Waiter[]>();
  private busy: Promise<void> | null = null;
  /** espeak runs made (tests check that a text costs one). */
  runs = 0;

  constructor(private readonly espeak: EspeakIpa) {}

  /**
   * Raw espeak IPA (ties as `^`) for each piece, read with `voice`. Pieces must not contain blank
   * lines; a piece espeak says nothing for maps to ''.
   */
  async ipa(pieces: readonly string[], voice: string, signal?: AbortSignal): Promise<Map<string, string>> {
    if (signal?.aborted) throw abortError();
    const known = new Map<string, string>();
    const missing: string[] = [];
    for (const p of new Set(pieces.map(clean))) {
      const hit = this.cache.get(key(voice, p));
      if (hit === undefined) missing.push(p);
      else known.set(p, hit);
    }
    // Answers come back directly, not through the cache, which may be smaller than the batch.
    const fresh = missing.length > 0 ? await this.enqueue(missing, voice, signal) : new Map<string, string>();
    const out = new Map<string, string>();
    for (const p of pieces) out.set(p, known.get(clean(p)) ?? fresh.get(clean(p)) ?? '');
    return out;
  }

  private enqueue(pieces: string[], voice: string, signal?: AbortSignal): Promise<Answers> {
    const done = new Promise<Answers>((resolve, reject) => {
      const list = this.waiting.get(voice) ?? [];
      list.push({ pieces, resolve, reject });
      this.waiting.set(voice, list);
    });
    if (!this.busy) this.busy = this.drain();
    // An abandoned request stops waiting; its words are still read for whoever else asked.
    return unlessAborted(done, signal);
  }

  private async drain(): Promise<void> {
    // Let every caller of this turn of the event loop add its words first.
    await Promise.resolve();
    try {
      while (this.waiting.size > 0) {
        const [voice, waiters] = this.waiting.entries().next().value as [string, Waiter[]];
        this.waiting.delete(voice);
        const pieces = [...new Set(waiters.flatMap((w) => w.pieces))];
        try {
          const answers = new Map<string, string>();
          await this.run(pieces, voice, answers);
          for (const w of waiters) w.resolve(answers);
        } catch (e) {
          for (const w of waiters) w.reject(e);
        }
      }
    } finally {
      this.busy = null;
    }
  }

  private async run(pieces: string[], voice: string, answers: Map<string, string>): Promise<void> {
    this.runs++;
    const text = await this.espeak.ipa(pieces.join('\n\n'), voice, { tie: '^' });
    const lines = text.split('\n').map((l) => l.replace(ZERO_WIDTH, '').trim());
    const keep = (piece: string, ipa: string): void => {
      answers.set(piece, ipa);
      this.cache.set(key(voice, piece), ipa);
    };
    if (pieces.length === 1) return keep(pieces[0]!, lines.filter(Boolean).join(' '));
    if (lines.length === pieces.length) {
      pieces.forEach((p, i) => keep(p, lines[i]!));
      return;
    }
    const half = Math.ceil(pieces.length / 2);
    await this.run(pieces.slice(0, half), voice, answers);
    await this.run(pieces.slice(half), voice, answers);
  }
}

const key = (voice: string, piece: string): string => `${voice}\u0000${piece}`;
const clean = (piece: string): string => piece.replace(/\s+/g, ' ').trim();
