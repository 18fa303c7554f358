// The localStorage safety net for unsaved text, and when a found draft is restored or offered.
import { describe, expect, it } from 'vitest';
import { clearDraft, decideDraft, readDraft, writeDraft, type StorageLike } from './drafts';

function memory(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

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
});
