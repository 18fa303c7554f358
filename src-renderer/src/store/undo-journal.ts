// The order of the studio's changes across the script and the timeline, so that Ctrl/Cmd+Z undoes
// the most recent change wherever it was made. Each side keeps its own undo: CodeMirror's history
// holds the text (grouping keys into "Typing", mapping through later edits) and the core holds the
// timeline's steps (persisted, shared by every face). The journal holds neither's data, only which
// side each change was on, in order, and the timeline step's id; undo asks that side to undo its
// newest change. Rejected: one undo stack of our own for both, which would have to re-implement
// CodeMirror's grouping and change mapping and would lose the timeline history the core keeps
// across sessions.
//
// Pure bookkeeping, no I/O: store/undo-actions drives it.

export type UndoSide = 'script' | 'timeline';

export interface JournalEntry {
  side: UndoSide;
  /** What the change was, for "Undo Typing" / "Redo Move clip". */
  label: string;
  /** Timeline: the core's history step, checked before undoing so another window's step is never taken for ours. */
  step?: number;
}

/** Changes remembered; the oldest go first (CodeMirror keeps at least 100 groups, the core 500 steps). */
export const JOURNAL_LIMIT = 500;

export class UndoJournal {
  private done: JournalEntry[] = [];
  private undone: JournalEntry[] = [];

  constructor(private readonly limit = JOURNAL_LIMIT) {}

  /** A new change on either side: it is the most recent, and nothing can be redone any more. */
  record(entry: JournalEntry): void {
    this.done.push(entry);
    if (this.done.length > this.limit) this.done.splice(0, this.done.length - this.limit);
    this.undone = [];
  }

  nextUndo(): JournalEntry | null {
    return this.done.at(-1) ?? null;
  }

  nextRedo(): JournalEntry | null {
    return this.undone.at(-1) ?? null;
  }

  /** The entry nextUndo named was undone: it can be redone. */
  undid(): void {
    const e = this.done.pop();
    if (e) this.undone.push(e);
  }

  /** The entry nextRedo named was redone. */
  redid(): void {
    const e = this.undone.pop();
    if (e) this.done.push(e);
  }

  /**
   * A change older than everything remembered here was undone (the core's timeline history from
   * before this session): it is redone from here like any other.
   */
  undidOlder(entry: JournalEntry): void {
    this.undone.push(entry);
  }

  /** The entry nextUndo named cannot be undone (its side no longer has it): forget it. */
  dropUndo(): void {
    this.done.pop();
  }

  dropRedo(): void {
    this.undone.pop();
  }

  /** A side let go of its oldest `n` changes (CodeMirror's depth limit): they cannot be reached any more. */
  forgetOldest(side: UndoSide, n: number): void {
    for (let i = 0; i < this.done.length && n > 0; ) {
      if (this.done[i]!.side === side) {
        this.done.splice(i, 1);
        n--;
      } else i++;
    }
  }

  /**
   * The script's own undo or redo ran without the journal (the browser's Edit menu on the text):
   * the newest script change moves across, so the journal still names what each side will undo next.
   */
  movedOutside(side: UndoSide, which: 'undo' | 'redo'): void {
    const [from, to] = which === 'undo' ? [this.done, this.undone] : [this.undone, this.done];
    const i = from.findLastIndex((e) => e.side === side);
    if (i >= 0) to.push(...from.splice(i, 1));
  }

  clearRedo(): void {
    this.undone = [];
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }

  get size(): { done: number; undone: number } {
    return { done: this.done.length, undone: this.undone.length };
  }
}
