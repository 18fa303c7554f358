// Debounced, serialized autosave for one open project. The rules it enforces:
//  - one save in flight at a time, each naming the revision the previous one returned, so the core's
//    revision check can tell our own saves from another window's;
//  - a `conflict` stops autosaving (saving again would overwrite the other window's work);
//  - the text is in the draft store before any save leaves, and the draft is settled only once the
//    core has confirmed exactly that text, so no path between typing and saving can lose it;
//  - a dropped connection is retried on reconnect; other refusals wait for the next edit.
// The snapshot is read lazily (`read`), at save time, not on every keystroke: building it means
// parsing the script, which a long script should not pay per key.
// It knows nothing of React or the socket: the store wires it to `projects.save` and localStorage.
import { sameSnapshot, type Snapshot } from './snapshot';

export type SaveState =
  | { kind: 'saved'; revision: number }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'conflict' }
  | { kind: 'error'; message: string; willRetry: boolean };

export interface AutosaveDeps {
  read(): Snapshot;
  /** Awaited before a save reads its snapshot: lets a long script's parse finish off the page's thread. */
  prepare?(): Promise<void>;
  /** `saved`: what the core holds at `revision` (a long script can be sent as an edit of it). */
  save(revision: number, snapshot: Snapshot, saved: Snapshot): Promise<{ revision: number }>;
  writeDraft(snapshot: Snapshot, baseRevision: number): void;
  /** The core holds `snapshot` at `revision`: the draft has nothing to recover. */
  settleDraft(snapshot: Snapshot, revision: number): void;
  onState(state: SaveState): void;
  /** After each confirmed save, with what was saved. */
  onSaved?(revision: number, snapshot: Snapshot): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  delayMs?: number;
}

export const AUTOSAVE_DELAY_MS = 300;

export class Autosaver {
  private revision: number;
  /** What the core holds at `revision`; a function until it is first needed. */
  private baseline: Snapshot | (() => Snapshot);
  private timer: unknown = null;
  private inFlight: Promise<boolean> | null = null;
  private conflict = false;
  private failedOffline = false;
  private disposed = false;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  /**
   * `saved`: what the core holds at `revision`, or a function that builds it. Opening a book should
   * not wait for the parse a snapshot needs; the function runs when the baseline is first compared
   * (the first save or draft, or `isDirty`), by which time the parse has usually come back from
   * the worker.
   */
  constructor(revision: number, saved: Snapshot | (() => Snapshot), private readonly deps: AutosaveDeps) {
    this.revision = revision;
    this.baseline = saved;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get baseRevision(): number {
    return this.revision;
  }

  private get saved(): Snapshot {
    if (typeof this.baseline === 'function') this.baseline = this.baseline();
    return this.baseline;
  }

  private set saved(s: Snapshot) {
    this.baseline = s;
  }

  get inConflict(): boolean {
    return this.conflict;
  }

  isDirty(): boolean {
    return !sameSnapshot(this.deps.read(), this.saved);
  }

  /** The editor changed: save once typing pauses. */
  edit(): void {
    if (this.disposed) return;
    this.cancelTimer();
    if (!this.inFlight && !this.conflict) this.deps.onState({ kind: 'dirty' });
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.flush();
    }, this.deps.delayMs ?? AUTOSAVE_DELAY_MS);
  }

  /** Saves now (blur, tab hidden, before export). Resolves when nothing unsaved is left or saving stopped. */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (!this.disposed) {
      if (this.conflict) {
        // Keep every keystroke recoverable even though it cannot be saved over the other window's.
        this.deps.writeDraft(this.deps.read(), this.revision);
        return;
      }
      if (this.inFlight) {
        if (!(await this.inFlight)) return;
        continue;
      }
      if (this.deps.prepare) await this.deps.prepare();
      if (this.disposed) return;
      const snapshot = this.deps.read();
      if (sameSnapshot(snapshot, this.saved)) {
        this.deps.settleDraft(snapshot, this.revision);
        this.deps.onState({ kind: 'saved', revision: this.revision });
        return;
      }
      this.inFlight = this.saveOnce(snapshot);
      const ok = await this.inFlight;
      this.inFlight = null;
      // A failure ends the loop (the next edit or reconnect tries again); a success loops to pick
      // up whatever was typed while it was in flight.
      if (!ok) return;
    }
  }

  /** Synchronous part of a flush for `beforeunload`: the draft is written before the page can die. */
  flushForUnload(): void {
    if (this.disposed) return;
    const snapshot = this.deps.read();
    if (!sameSnapshot(snapshot, this.saved)) this.deps.writeDraft(snapshot, this.revision);
    void this.flush();
  }

  /** The socket is back: a save that failed for lack of it is tried again. */
  reconnected(): void {
    if (this.failedOffline && !this.conflict) {
      this.failedOffline = false;
      void this.flush();
    }
  }

  /** Another window saved a newer revision while we hold unsaved edits. */
  markConflict(): void {
    if (this.disposed) return;
    this.cancelTimer();
    this.conflict = true;
    this.deps.writeDraft(this.deps.read(), this.revision);
    this.deps.onState({ kind: 'conflict' });
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private async saveOnce(snapshot: Snapshot): Promise<boolean> {
    this.deps.writeDraft(snapshot, this.revision);
    this.deps.onState({ kind: 'saving' });
    try {
      const result = await this.deps.save(this.revision, snapshot, this.saved);
      this.revision = result.revision;
      this.saved = snapshot;
      this.failedOffline = false;
      this.deps.onSaved?.(result.revision, snapshot);
      return true;
    } catch (e) {
      const code = e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : 'internal';
      const message = e instanceof Error ? e.message : String(e);
      if (code === 'conflict') {
        this.conflict = true;
        this.deps.writeDraft(this.deps.read(), this.revision);
        this.deps.onState({ kind: 'conflict' });
      } else if (code === 'disconnected') {
        this.failedOffline = true;
        this.deps.onState({ kind: 'error', message: 'Offline: your text is kept on this computer and saves on reconnect.', willRetry: true });
      } else {
        this.deps.onState({ kind: 'error', message: `Not saved: ${message}`, willRetry: false });
      }
      return false;
    }
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }
}
