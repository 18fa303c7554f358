// The timeline screen's state and the calls that change it. A store of its own rather than a slice
// of the studio store: the core owns the timeline (and its undo history), so this is a cache of
// `timeline.get` plus what the screen alone cares about (zoom, selection, render progress), and it
// is thrown away when the screen closes.
//
// Every edit goes to the core with the revision it was made against, is reported to the studio's
// undo journal (store/undo-actions, which also runs undo and redo), and the view is then reloaded
// from the core, never patched locally: the core may relayout other clips (ripple), and a stale
// revision means someone else edited first, which only a reload can settle.
import { create } from 'zustand';
import type { TakeInfo, TimelineOp, TimelineStep, TimelineView } from '../../../../src-main/contract/calls-timeline';
import { call, errorMessage, isRpcClientError, on } from '../../client';
import { flushSave } from '../../store/project-actions';
import { recordTimelineStep, registerTimelineScreen, serialTimeline } from '../../store/undo-actions';
import { ZOOM_DEFAULT } from './geometry';
import { paced } from './paced';

export interface TimelineData {
  projectId: string | null;
  view: TimelineView | null;
  loadError: string | null;
  /** A passing line under the toolbar ("Reloaded: …", a failed edit). */
  message: { text: string; tone: 'info' | 'bad' } | null;
  pxPerSec: number;
  selectedLineId: number | null;
  takes: TakeInfo[];
  /** The project's render job, while one is queued: paused by the user, seconds left at its pace. */
  progress: { done: number; total: number; paused: boolean; etaSec: number | null } | null;
  /** An edit is on its way: further ones wait rather than race on one revision (undo and redo queue behind it). */
  busy: boolean;
}

const initial = (): TimelineData => ({
  projectId: null,
  view: null,
  loadError: null,
  message: null,
  pxPerSec: ZOOM_DEFAULT,
  selectedLineId: null,
  takes: [],
  progress: null,
  busy: false,
});

export const useTimeline = create<TimelineData>()(() => initial());
const get = () => useTimeline.getState();
const set = (p: Partial<TimelineData>) => useTimeline.setState(p);

// Reloads are coalesced: a render of 100 lines sends hundreds of events, and each only needs the
// latest view, so at most one `timeline.get` is in flight and one more is queued behind it.
let loading: Promise<void> | null = null;
let again = false;

export function reload(): Promise<void> {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    do {
      again = false;
      const projectId = get().projectId;
      if (!projectId) return;
      try {
        const view = await call('timeline.get', { projectId });
        if (get().projectId !== projectId) return;
        set({ view: keepUnchanged(get().view, view), loadError: null });
      } catch (e) {
        if (get().projectId === projectId) set({ loadError: errorMessage(e) });
      }
    } while (again);
  })().finally(() => {
    loading = null;
  });
  return loading;
}

/**
 * The new view with each clip that did not change replaced by the object already shown, so the
 * memoized clips re-render only where something changed: during a render of a long scene every
 * progress event reloads the view, and most of its clips are the same each time.
 */
export function keepUnchanged(old: TimelineView | null, next: TimelineView): TimelineView {
  if (!old || old.projectId !== next.projectId) return next;
  const before = new Map(old.clips.map((c) => [c.lineId, c]));
  let same = old.clips.length === next.clips.length;
  const clips = next.clips.map((c, i) => {
    const prev = before.get(c.lineId);
    const keep = prev && JSON.stringify(prev) === JSON.stringify(c) ? prev : c;
    if (keep !== old.clips[i]) same = false;
    return keep;
  });
  return { ...next, clips: same ? old.clips : clips };
}

async function reloadTakes(): Promise<void> {
  const { projectId, selectedLineId } = get();
  if (!projectId || selectedLineId === null) return;
  try {
    const takes = await call('timeline.takes', { projectId, lineId: selectedLineId });
    if (get().selectedLineId === selectedLineId) set({ takes });
  } catch {
    // The line went away (script edited): the panel closes on the next reload.
    set({ takes: [] });
  }
}

/** Opens the screen on a project; returns the unsubscribe for its events. */
export function openTimeline(projectId: string): () => void {
  useTimeline.setState({ ...initial(), pxPerSec: get().pxPerSec, projectId });
  // Events only ask for the latest view, paced to what fetching it costs (a book's view is MBs).
  const requestReload = paced(reload);
  const offChanged = on('timeline.changed', (e) => {
    if (e.projectId !== get().projectId) return;
    requestReload();
    void reloadTakes();
  });
  const offProgress = on('render.progress', (e) => {
    if (e.projectId !== get().projectId) return;
    set({ progress: e.done >= e.total ? null : { done: e.done, total: e.total, paused: e.paused, etaSec: e.etaSec } });
    requestReload();
  });
  // A job may be running or paused from before (another window, or the last session of the app).
  void call('timeline.renderStatus', { projectId }).then(
    (s) => {
      if (get().projectId === projectId && s && s.done < s.total) set({ progress: { done: s.done, total: s.total, paused: s.paused, etaSec: s.etaSec } });
    },
    () => {},
  );
  // The script may hold typing not yet saved; the timeline is laid out from saved lines.
  void flushSave().finally(() => void reload());
  // An undo made from the script or the Edit menu shows here at once, before the paced event.
  registerTimelineScreen({ reload: () => reload().then(reloadTakes) });
  return () => {
    registerTimelineScreen(null);
    offChanged();
    offProgress();
    if (get().projectId === projectId) useTimeline.setState(initial());
  };
}

// Edits queue behind any undo or redo in flight (serialTimeline) and read the revision once it is done.
async function mutate(what: string, run: (projectId: string, revision: number) => Promise<{ step: TimelineStep }>): Promise<boolean> {
  if (!get().projectId || !get().view || get().busy) return false;
  set({ busy: true, message: null });
  return serialTimeline(() => mutateNow(what, run));
}

async function mutateNow(what: string, run: (projectId: string, revision: number) => Promise<{ step: TimelineStep }>): Promise<boolean> {
  const { projectId, view } = get();
  if (!projectId || !view) {
    set({ busy: false });
    return false;
  }
  try {
    const { step } = await run(projectId, view.revision);
    recordTimelineStep(step);
    await reload();
    return true;
  } catch (e) {
    if (isRpcClientError(e) && e.code === 'conflict') {
      await reload();
      set({ message: { text: `The timeline changed elsewhere, so it was reloaded. ${what} again if you still want to.`, tone: 'info' } });
    } else {
      set({ message: { text: `${what} failed: ${errorMessage(e)}`, tone: 'bad' } });
    }
    return false;
  } finally {
    set({ busy: false });
  }
}

export const editTimeline = (op: TimelineOp, what: string) => mutate(what, (projectId, revision) => call('timeline.edit', { projectId, revision, op }));

export async function selectTake(lineId: number, takeId: number): Promise<void> {
  if (await editTimeline({ type: 'selectTake', lineId, takeId }, 'Choosing a take')) await reloadTakes();
}

/** `withoutContext`: the lines render from the voice alone, as a take to compare with one that continues from the line before. */
export async function renderLines(lineIds?: number[], opts: { withoutContext?: boolean } = {}): Promise<void> {
  const projectId = get().projectId;
  if (!projectId) return;
  set({ message: null });
  try {
    await flushSave();
    const { queued } = await call('timeline.render', lineIds ? { projectId, lineIds, ...(opts.withoutContext ? { withoutContext: true } : {}) } : { projectId });
    if (queued === 0 && !lineIds) set({ message: { text: 'Every line is already rendered.', tone: 'info' } });
  } catch (e) {
    set({ message: { text: `Render failed: ${errorMessage(e)}`, tone: 'bad' } });
  }
}

/** Pause or resume the project's rendering; the toolbar follows from the progress event. */
export async function pauseRender(pause: boolean): Promise<void> {
  const projectId = get().projectId;
  if (!projectId) return;
  try {
    if (pause) await call('timeline.pauseRender', { projectId });
    else await call('timeline.resumeRender', { projectId });
  } catch (e) {
    set({ message: { text: `${pause ? 'Pause' : 'Resume'} failed: ${errorMessage(e)}`, tone: 'bad' } });
  }
}

export async function cancelRender(): Promise<void> {
  const projectId = get().projectId;
  if (!projectId) return;
  try {
    await call('timeline.cancelRender', { projectId });
  } catch (e) {
    set({ message: { text: `Cancel failed: ${errorMessage(e)}`, tone: 'bad' } });
  }
}

export function selectClip(lineId: number | null): void {
  if (get().selectedLineId === lineId) return;
  set({ selectedLineId: lineId, takes: [] });
  void reloadTakes();
}

export function setZoom(pxPerSec: number): void {
  set({ pxPerSec });
}

export function dismissMessage(): void {
  set({ message: null });
}
