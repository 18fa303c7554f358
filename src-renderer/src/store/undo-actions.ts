// Undo and redo for the whole studio: Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z (Ctrl+Y), the Edit menu and the
// timeline's buttons all end here and take the most recent change in the journal (undo-journal),
// whichever side it was made on and wherever the focus is.
//
// The script editor reports each new CodeMirror undo group and lends its history (registered, as a
// store may not import a feature); timeline edits report the core's step. A timeline step is undone
// only when the core's next undo is that very step (`timeline.history`), after the script is saved:
// undoing a line's deletion in the text must reach the core (which revives the line and its steps
// from the trash) before that line's own timeline step can be undone. Everything that changes the
// timeline runs one at a time (`serialTimeline`), so an undo never races a drag on one revision.
import { create } from 'zustand';
import type { TimelineStep } from '../../../src-main/contract/calls-timeline';
import { call, errorMessage } from '../client';
import { flushSave } from './project-actions';
import { getStudio, useStudio } from './studio';
import { showNotice } from './ui-actions';
import { UndoJournal, type JournalEntry, type UndoSide } from './undo-journal';
import { scriptChangeLabel, timelineStepLabel } from './undo-labels';

/** What the script editor lends: CodeMirror's own undo and redo, and a cut in its grouping. */
export interface ScriptHistory {
  undo(): boolean;
  redo(): boolean;
  /** The next key starts a new group: typing after a timeline change is a change of its own. */
  isolate(): void;
}

/** The open Timeline screen, if any: shown again after an undo made from elsewhere. */
export interface TimelineScreen {
  reload(): Promise<void>;
}

export interface UndoState {
  /** What Undo and Redo would do now ("Move clip"); null when there is nothing. */
  undo: string | null;
  redo: string | null;
  /** An undo or redo is on its way. */
  busy: boolean;
}

export const useUndo = create<UndoState>()(() => ({ undo: null, redo: null, busy: false }));

const journal = new UndoJournal();
let script: ScriptHistory | null = null;
let screen: TimelineScreen | null = null;
let projectId: string | null = null;
/** The core's next undo beyond the journal: timeline steps from before this session. */
let older: TimelineStep | null = null;
/** True while the journal itself runs CodeMirror's undo or redo, so it is not counted twice. */
let driving = false;
let chain: Promise<unknown> = Promise.resolve();

function publish(): void {
  const u = journal.nextUndo();
  const r = journal.nextRedo();
  useUndo.setState({ undo: u ? u.label : older ? timelineStepLabel(older.op) : null, redo: r ? r.label : null });
}

/** Runs `fn` after every timeline change queued before it. */
export function serialTimeline<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn, fn);
  chain = run.catch(() => {});
  return run;
}

export function registerScriptHistory(h: ScriptHistory | null): void {
  script = h;
}

export function registerTimelineScreen(s: TimelineScreen | null): void {
  screen = s;
}

/** CodeMirror started a new undo group (`trimmed`: old groups its depth limit let go). */
export function recordScriptChange(userEvent: string | undefined, trimmed = 0): void {
  if (trimmed > 0) journal.forgetOldest('script', trimmed);
  journal.record({ side: 'script', label: scriptChangeLabel(userEvent) });
  publish();
}

/** A keystroke joined the current group. Nothing to record, but a redo waiting is gone (CodeMirror's too). */
export function scriptChangeJoined(): void {
  if (!journal.nextRedo()) return;
  journal.clearRedo();
  publish();
}

/** CodeMirror undid or redid without the journal (the browser's own Edit command on the text). */
export function scriptStepOutside(which: 'undo' | 'redo'): void {
  if (driving) return;
  journal.movedOutside('script', which);
  publish();
}

/** A timeline edit the core accepted. */
export function recordTimelineStep(step: TimelineStep): void {
  journal.record({ side: 'timeline', label: timelineStepLabel(step.op), step: step.id });
  script?.isolate();
  publish();
}

export function undo(): Promise<void> {
  return step('undo');
}

export function redo(): Promise<void> {
  return step('redo');
}

function step(which: 'undo' | 'redo'): Promise<void> {
  const forProject = projectId;
  return serialTimeline(async () => {
    if (!forProject || forProject !== projectId) return;
    const entry = which === 'undo' ? journal.nextUndo() : journal.nextRedo();
    if (!entry) {
      if (which === 'undo' && older) await timelineStep(forProject, which, null);
      return;
    }
    useUndo.setState({ busy: true });
    try {
      if (entry.side === 'script') scriptStep(which);
      else await timelineStep(forProject, which, entry);
    } finally {
      useUndo.setState({ busy: false });
      publish();
    }
  });
}

function scriptStep(which: 'undo' | 'redo'): void {
  driving = true;
  let ok = false;
  try {
    ok = !!script && (which === 'undo' ? script.undo() : script.redo());
  } finally {
    driving = false;
  }
  if (ok) {
    if (which === 'undo') journal.undid();
    else journal.redid();
  } else if (which === 'undo') journal.dropUndo();
  else journal.dropRedo();
}

/** `entry` null: the core's next undo, older than the journal. */
async function timelineStep(forProject: string, which: 'undo' | 'redo', entry: JournalEntry | null): Promise<void> {
  const label = entry?.label ?? (older ? timelineStepLabel(older.op) : 'timeline edit');
  const verb = which === 'undo' ? 'Undo' : 'Redo';
  try {
    // The script as the core has it decides which lines (and so which steps) exist.
    await flushSave();
    const h = await call('timeline.history', { projectId: forProject });
    if (forProject !== projectId) return;
    const next = which === 'undo' ? h.undo : h.redo;
    if (!next || next.id !== (entry ? entry.step : older?.id)) {
      // Gone (pruned, or its line deleted for good) or another window's step on top: never undo a
      // step the user did not mean.
      if (entry) {
        if (which === 'undo') journal.dropUndo();
        else journal.dropRedo();
      }
      showNotice(`${verb} ${label} is no longer possible: the timeline was changed elsewhere. It was taken off the list.`, 6000);
      await refreshOlder(forProject);
      return;
    }
    await call(which === 'undo' ? 'timeline.undo' : 'timeline.redo', { projectId: forProject, revision: h.revision });
    if (forProject !== projectId) return;
    if (!entry) journal.undidOlder({ side: 'timeline', label: timelineStepLabel(next.op), step: next.id });
    else if (which === 'undo') journal.undid();
    else journal.redid();
    script?.isolate();
    await screen?.reload();
  } catch (e) {
    showNotice(`${verb} ${label} failed: ${errorMessage(e)}`, 6000);
  }
  if (!journal.nextUndo()) await refreshOlder(forProject);
}

async function refreshOlder(forProject: string): Promise<void> {
  try {
    const h = await call('timeline.history', { projectId: forProject });
    if (forProject === projectId) older = h.undo;
  } catch {
    older = null;
  }
  publish();
}

function reset(id: string | null): void {
  journal.clear();
  older = null;
  projectId = id;
  publish();
  if (id) void serialTimeline(() => refreshOlder(id));
}

/** Follows the open project: another project's changes are not this one's to undo. */
export function attachUndoJournal(): () => void {
  reset(getStudio().projectId);
  return useStudio.subscribe((s, prev) => {
    if (s.projectId !== prev.projectId) reset(s.projectId);
  });
}

/** Tests: which side each remembered change is on. */
export function journalSize(): { done: number; undone: number } {
  return journal.size;
}

export type { UndoSide };
