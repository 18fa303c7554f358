// The localStorage safety net for unsaved text, and when a found draft is restored or offered.
import { beforeEach, describe, expect, it } from 'vitest';
import { clearDraft, COMPACT_ENTRIES, decideDraft, forgetDraftWriters, readDraft, settleDraft, writeDraft, type StorageLike } from './drafts';

/** A localStorage stand-in that counts the characters each write stores. */
function memory(): StorageLike & { data: Map<string, string>; written: number[] } {
  const data = new Map<string, string>();
  const written: number[] = [];
  return {
    data,
    written,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      written.push(v.length);
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}

beforeEach(() => forgetDraftWriters());

const book = Array.from({ length: 2000 }, (_, i) => `Ana: Line ${i}, long enough to look like a sentence in a book.`).join('\n');
const snap = (script: string) => ({ name: 'Book', script, speakers: [{ name: 'Ana', voiceId: null }] });
const insertAt = (text: string, at: number, s: string) => text.slice(0, at) + s + text.slice(at);

const saved = { name: 'P', script: 'Ana: hi', speakers: [], revision: 4 };

describe('drafts', () => {
  it('round-trips a draft per project and clears it', () => {
    const m = memory();
    expect(writeDraft('p1', { name: 'P', script: 'Ana: hello', speakers: [] }, 4, m)).toBe(true);
    expect(readDraft('p1', m)).toMatchObject({ script: 'Ana: hello', baseRevision: 4 });
    expect(readDraft('p2', m)).toBeNull();
    clearDraft('p1', m);
    expect(readDraft('p1', m)).toBeNull();
  });

  it('ignores garbage in storage', () => {
    const m = memory();
    m.setItem('koe.draft.p1', '{not json');
    expect(readDraft('p1', m)).toBeNull();
    m.setItem('koe.draft.p1', JSON.stringify({ script: 3 }));
    expect(readDraft('p1', m)).toBeNull();
  });

  it('reports a full storage instead of throwing', () => {
    const full: StorageLike = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    expect(writeDraft('p', { name: 'P', script: 'x', speakers: [] }, 1, full)).toBe(false);
  });

  it('restores a draft typed on the current revision, offers one typed on an older one', () => {
    const d = (script: string, baseRevision: number) => ({ name: 'P', script, speakers: [], baseRevision, savedAt: '' });
    expect(decideDraft(saved, null)).toEqual({ kind: 'none' });
    expect(decideDraft(saved, d('Ana: hi', 3))).toEqual({ kind: 'none' }); // same text: nothing to recover
    expect(decideDraft(saved, d('Ana: hi there', 4))).toMatchObject({ kind: 'restore', snapshot: { script: 'Ana: hi there' } });
    expect(decideDraft(saved, d('Ana: hi there', 2))).toMatchObject({ kind: 'offer' });
  });

  it('writes the whole script once, then each save only the splice it made', () => {
    const m = memory();
    let text = book;
    writeDraft('p', snap(text), 1, m);
    expect(Math.max(...m.written)).toBeGreaterThan(book.length);
    m.written.length = 0;
    for (let i = 0; i < 20; i++) {
      text = insertAt(text, 50_000 + i, 'x');
      expect(writeDraft('p', snap(text), 1 + i, m)).toBe(true);
      settleDraft('p', snap(text), 2 + i, m);
    }
    // A key typed in a 120 KB script costs a few hundred bytes per save, never the script again.
    expect(Math.max(...m.written)).toBeLessThan(300);
    expect(readDraft('p', m)).toBeNull(); // settled: nothing to recover
    text = insertAt(text, 10, 'typed, not saved ');
    writeDraft('p', snap(text), 21, m);
    forgetDraftWriters(); // the page died
    expect(readDraft('p', m)).toMatchObject({ script: text, baseRevision: 21 });
  });

  it('a page killed mid-journal leaves an older draft, never a mixed one', () => {
    const m = memory();
    const a = insertAt(book, 100, 'one ');
    const b = insertAt(a, 200, 'two ');
    const c = insertAt(b, 300, 'three ');
    writeDraft('p', snap(book), 1, m);
    writeDraft('p', snap(a), 1, m);
    writeDraft('p', snap(b), 1, m);
    writeDraft('p', snap(c), 1, m);
    const keys = [...m.data.keys()].filter((k) => /\.\d+$/.test(k)).sort();
    expect(keys).toHaveLength(3);
    // The last entry never made it: the draft is the text before it.
    m.data.delete(keys[2]!);
    expect(readDraft('p', m)!.script).toBe(b);
    // An entry cut short is not JSON: the replay stops before it.
    m.data.set(keys[1]!, m.data.get(keys[1]!)!.slice(0, 20));
    expect(readDraft('p', m)!.script).toBe(a);
    // An entry written for another text (it does not fit) is not applied, nor anything after it.
    m.data.set(keys[1]!, JSON.stringify({ e: { from: 0, to: 5, insert: 'X', length: 3 }, r: 1, name: 'Book', speakers: [], at: '' }));
    m.data.set(keys[2]!, JSON.stringify({ e: { from: 0, to: 0, insert: 'Y', length: a.length + 1 }, r: 1, name: 'Book', speakers: [], at: '' }));
    expect(readDraft('p', m)!.script).toBe(a);
  });

  it('compacts into a new head when the journal grows, and drops the old entries', () => {
    const m = memory();
    let text = book;
    writeDraft('p', snap(text), 1, m);
    for (let i = 0; i <= COMPACT_ENTRIES; i++) {
      text = insertAt(text, 1000, `${i}`);
      writeDraft('p', snap(text), 1, m);
    }
    const entries = [...m.data.keys()].filter((k) => /\.\d+$/.test(k));
    expect(entries.length).toBe(0);
    forgetDraftWriters();
    expect(readDraft('p', m)!.script).toBe(text);
  });

  it("a head replaced halfway through a compaction never picks up the old head's entries", () => {
    const m = memory();
    writeDraft('p', snap(book), 1, m);
    writeDraft('p', snap(insertAt(book, 5, 'old ')), 1, m);
    const oldEntries = [...m.data.entries()].filter(([k]) => /\.\d+$/.test(k));
    // Another tab (or this one after a reload) writes its own head; the old entries are still there
    // as if the page died before removing them.
    forgetDraftWriters();
    const mine = insertAt(book, 9, 'new ');
    writeDraft('p', snap(mine), 2, m);
    for (const [k, v] of oldEntries) m.data.set(k, v);
    expect(readDraft('p', m)!.script).toBe(mine);
    clearDraft('p', m);
    expect(readDraft('p', m)).toBeNull();
  });

  it('a journal another tab took over is not appended to: this tab writes a head of its own', () => {
    const m = memory();
    writeDraft('p', snap(book), 1, m);
    m.setItem('koe.draft.p.gen', 'other');
    m.written.length = 0;
    const text = insertAt(book, 3, 'mine ');
    writeDraft('p', snap(text), 1, m);
    expect(Math.max(...m.written)).toBeGreaterThan(book.length);
    expect(readDraft('p', m)!.script).toBe(text);
  });

  it('still reads a draft written whole before the journal', () => {
    const m = memory();
    m.setItem('koe.draft.p', JSON.stringify({ name: 'P', script: 'Ana: old draft', speakers: [], baseRevision: 3, savedAt: '' }));
    expect(readDraft('p', m)).toMatchObject({ script: 'Ana: old draft', baseRevision: 3 });
  });
});
