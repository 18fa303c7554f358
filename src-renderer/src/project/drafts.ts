// Unsaved text lives in localStorage, keyed by project, until the core confirms a save of it. A
// closed tab, a crashed server or a conflict then costs nothing: the next open offers it back.
import type { Snapshot } from './snapshot';
import { sameSnapshot } from './snapshot';

export interface Draft extends Snapshot {
  /** The revision the text was typed on top of; decides whether it can be restored silently. */
  baseRevision: number;
  savedAt: string;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const key = (projectId: string) => `koe.draft.${projectId}`;

function storage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readDraft(projectId: string, store: StorageLike | null = storage()): Draft | null {
  const raw = store?.getItem(key(projectId));
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Draft;
    if (typeof d.script !== 'string' || typeof d.baseRevision !== 'number' || !Array.isArray(d.speakers)) return null;
    return { ...d, name: typeof d.name === 'string' ? d.name : '' };
  } catch {
    return null;
  }
}

/** Returns false when storage is full or off, so the UI can say the safety net is missing. */
export function writeDraft(projectId: string, snapshot: Snapshot, baseRevision: number, store: StorageLike | null = storage()): boolean {
  if (!store) return false;
  const draft: Draft = { ...snapshot, baseRevision, savedAt: new Date().toISOString() };
  try {
    store.setItem(key(projectId), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(projectId: string, store: StorageLike | null = storage()): void {
  try {
    store?.removeItem(key(projectId));
  } catch {
    // Nothing to do: a stale draft equal to the saved text is ignored on the next open.
  }
}

export type DraftDecision =
  | { kind: 'none' }
  /** Typed on top of the revision the core still has: put it back and save it. */
  | { kind: 'restore'; snapshot: Snapshot }
  /** Typed on top of an older revision: someone saved since, so the user must choose. */
  | { kind: 'offer'; draft: Draft };

export function decideDraft(saved: Snapshot & { revision: number }, draft: Draft | null): DraftDecision {
  if (!draft) return { kind: 'none' };
  const snapshot: Snapshot = { name: draft.name || saved.name, script: draft.script, speakers: draft.speakers, notSpeakers: Array.isArray(draft.notSpeakers) ? draft.notSpeakers : (saved.notSpeakers ?? []) };
  if (sameSnapshot(snapshot, saved)) return { kind: 'none' };
  if (draft.baseRevision === saved.revision) return { kind: 'restore', snapshot };
  return { kind: 'offer', draft };
}
