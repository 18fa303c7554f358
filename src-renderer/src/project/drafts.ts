// Unsaved text lives in localStorage, keyed by project, until the core confirms a save of it. A
// closed tab, a crashed server or a conflict then costs nothing: the next open offers it back.
//
// A draft is a head (the whole snapshot, written once) and a journal of small entries after it, one
// key each: the splice each save made to the text (src-main/script/script-edit), or a mark that the
// text so far is saved. Writing the whole script before every save cost a megabyte stringified and
// stored per autosave of a book; an entry is the few bytes a key changed. The head is rewritten
// (compacted) when the journal grows, when the project is opened, or when another tab wrote a head
// of its own.
//
// Crash-safe by construction: each localStorage key is written whole or not at all, entries are
// written in order and read in order until the first missing or unfitting one (a splice must fit
// the text before it exactly), and entries belong to their head by its generation in their key, so
// a head replaced halfway through a compaction never picks up the old head's entries. A killed page
// leaves at worst an older draft, never a mixed one.
import { applyScriptEdit, scriptEditBetween, type ScriptEdit } from '../../../src-main/script/script-edit';
import type { Snapshot } from './snapshot';
import { sameSnapshot } from './snapshot';

export interface Draft extends Snapshot {
  /** The revision the text was typed on top of; decides whether it can be restored silently. */
  baseRevision: number;
  savedAt: string;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Splices after a head before the next write compacts: replaying them on open copies the text once each. */
export const COMPACT_ENTRIES = 64;
/** Inserted characters after a head before compacting: the journal stays small beside the head. */
export const COMPACT_CHARS = 256 * 1024;

interface Head extends Draft {
  /** The head's generation: its entries' keys carry it. Absent in drafts from before the journal. */
  gen?: string;
}

type Entry =
  | { e: ScriptEdit; r: number; name: string; speakers: Snapshot['speakers']; notSpeakers?: string[]; at: string }
  /** The text so far is saved at revision `s`: nothing to recover unless edits follow. */
  | { s: number };

const headKey = (projectId: string) => `koe.draft.${projectId}`;
const genKey = (projectId: string) => `koe.draft.${projectId}.gen`;
const entryKey = (projectId: string, gen: string, n: number) => `koe.draft.${projectId}.${gen}.${n}`;

/** What this page last wrote for a project: where its journal stands. */
interface Writer {
  gen: string;
  /** Entries after the head (the next one's number). */
  count: number;
  /** Of them, splices: what a replay copies the text for. "Saved" marks cost nothing to replay. */
  edits: number;
  chars: number;
  /** The draft as a reader would replay it now. */
  snapshot: Snapshot;
}
const writers = new Map<string, Writer>();

function storage(): StorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function parse<T>(raw: string | null): T | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function readDraft(projectId: string, store: StorageLike | null = storage()): Draft | null {
  if (!store) return null;
  const head = parse<Head>(store.getItem(headKey(projectId)));
  if (!head || typeof head.script !== 'string' || typeof head.baseRevision !== 'number' || !Array.isArray(head.speakers)) return null;
  let draft: Draft = { name: typeof head.name === 'string' ? head.name : '', script: head.script, speakers: head.speakers, baseRevision: head.baseRevision, savedAt: head.savedAt, ...(head.notSpeakers ? { notSpeakers: head.notSpeakers } : {}) };
  let saved = false;
  if (typeof head.gen === 'string') {
    for (let n = 0; ; n++) {
      const entry = parse<Entry>(store.getItem(entryKey(projectId, head.gen, n)));
      if (!entry) break;
      if ('s' in entry) {
        saved = true;
        continue;
      }
      const script = applyScriptEdit(draft.script, entry.e);
      // Written for another text: whatever follows cannot be trusted either.
      if (script === null || !Array.isArray(entry.speakers)) break;
      draft = { name: entry.name, script, speakers: entry.speakers, baseRevision: entry.r, savedAt: entry.at, ...(entry.notSpeakers ? { notSpeakers: entry.notSpeakers } : {}) };
      saved = false;
    }
  }
  return saved ? null : draft;
}

/** Returns false when storage is full or off, so the UI can say the safety net is missing. */
export function writeDraft(projectId: string, snapshot: Snapshot, baseRevision: number, store: StorageLike | null = storage()): boolean {
  if (!store) return false;
  const at = new Date().toISOString();
  try {
    const w = writers.get(projectId);
    // Another tab's head (or none) means our journal is not the one on disk.
    if (!w || store.getItem(genKey(projectId)) !== w.gen) return writeHead(projectId, snapshot, baseRevision, at, store);
    const edit = scriptEditBetween(w.snapshot.script, snapshot.script);
    if (w.edits >= COMPACT_ENTRIES || w.chars + edit.insert.length > COMPACT_CHARS) return writeHead(projectId, snapshot, baseRevision, at, store);
    const entry: Entry = { e: edit, r: baseRevision, name: snapshot.name, speakers: snapshot.speakers, ...(snapshot.notSpeakers ? { notSpeakers: snapshot.notSpeakers } : {}), at };
    store.setItem(entryKey(projectId, w.gen, w.count), JSON.stringify(entry));
    writers.set(projectId, { gen: w.gen, count: w.count + 1, edits: w.edits + 1, chars: w.chars + edit.insert.length, snapshot });
    return true;
  } catch {
    writers.delete(projectId);
    return false;
  }
}

/**
 * The core confirmed the text the draft holds: nothing to recover any more. A mark, not a removal,
 * so the next save appends to this head instead of writing the whole text again.
 */
export function settleDraft(projectId: string, snapshot: Snapshot, revision: number, store: StorageLike | null = storage()): void {
  const w = writers.get(projectId);
  if (!store || !w || !sameSnapshot(w.snapshot, snapshot)) {
    clearDraft(projectId, store);
    return;
  }
  try {
    if (store.getItem(genKey(projectId)) !== w.gen) throw new Error('another tab wrote the draft');
    store.setItem(entryKey(projectId, w.gen, w.count), JSON.stringify({ s: revision } satisfies Entry));
    writers.set(projectId, { ...w, count: w.count + 1 });
  } catch {
    clearDraft(projectId, store);
  }
}

export function clearDraft(projectId: string, store: StorageLike | null = storage()): void {
  writers.delete(projectId);
  try {
    // The generation from its own small key: parsing a book's head to find it would cost what the journal saves.
    const gen = store?.getItem(genKey(projectId));
    store?.removeItem(headKey(projectId));
    store?.removeItem(genKey(projectId));
    if (store && gen) removeEntries(projectId, gen, store);
  } catch {
    // Nothing to do: a stale draft equal to the saved text is ignored on the next open.
  }
}

/**
 * The whole snapshot as a new head; the old head's entries go once it is in place. The generation
 * key follows the head: a page killed between the two leaves the old key, and the next head written
 * removes the old entries by it.
 */
function writeHead(projectId: string, snapshot: Snapshot, baseRevision: number, savedAt: string, store: StorageLike): boolean {
  const old = store.getItem(genKey(projectId));
  const gen = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const head: Head = { ...snapshot, baseRevision, savedAt, gen };
  store.setItem(headKey(projectId), JSON.stringify(head));
  store.setItem(genKey(projectId), gen);
  writers.set(projectId, { gen, count: 0, edits: 0, chars: 0, snapshot });
  if (old && old !== gen) removeEntries(projectId, old, store);
  return true;
}

function removeEntries(projectId: string, gen: string, store: StorageLike): void {
  for (let n = 0; store.getItem(entryKey(projectId, gen, n)) !== null; n++) store.removeItem(entryKey(projectId, gen, n));
}

/** Tests: forget what this page wrote, as a new page would. */
export function forgetDraftWriters(): void {
  writers.clear();
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
