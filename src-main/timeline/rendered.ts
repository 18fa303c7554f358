// The studio's export follows the timeline: lines that are missing or stale are rendered first (on
// the background queue, through the audio cache), then the selected takes are mixed where the user
// placed them, with their gains, fades and trims. What plays on the timeline is what exports.
import { KoeError } from '../contract/errors';
import type { ExportTimeline } from '../audio/export/timeline';
import type { TimelineView } from '../contract/calls-timeline';
import type { RenderQueue } from './render-queue';
import type { TimelineService } from './service';

export interface RenderedDeps {
  timeline: TimelineService;
  renderQueue: RenderQueue;
}

/**
 * The export's timeline, and the view it was read from (its chapters only when `withChapters`). The
 * view is read once, or twice when lines had to be rendered first: a rendered take can be longer or
 * shorter than its estimate, moving every clip and chapter after it.
 */
export async function renderedTimeline(core: RenderedDeps, projectId: string, signal: AbortSignal, progress: (fraction: number, stage: string) => void, opts: { withChapters?: boolean; check?: (view: TimelineView) => void } = {}): Promise<{ timeline: ExportTimeline; view: TimelineView }> {
  const withChapters = opts.withChapters ?? false;
  let view = core.timeline.exportView(projectId, withChapters);
  if (view.clips.length === 0) throw new KoeError('invalid_args', 'The script has no lines to export. Type a line such as "Ana: Hello there."');
  // What the caller refuses (e.g. a chapter with no lines) is refused before anything renders.
  opts.check?.(view);
  const todo = view.clips.filter((c) => c.status !== 'ready').map((c) => c.lineId);
  if (todo.length > 0) {
    core.renderQueue.enqueue(projectId, todo);
    // Exporting is asking for the audio now: a paused render carries on.
    core.renderQueue.resume(projectId);
    const onAbort = () => core.renderQueue.cancel(projectId);
    signal.addEventListener('abort', onAbort, { once: true });
    const ticker = setInterval(() => {
      const done = todo.filter((id) => {
        const s = core.renderQueue.stateOf(projectId, id)?.state;
        return s === 'done' || s === 'failed' || s === 'cancelled';
      }).length;
      progress(done / todo.length, `Rendering line ${Math.min(done + 1, todo.length)} of ${todo.length}`);
    }, 200);
    try {
      await core.renderQueue.whenIdle(projectId);
    } finally {
      clearInterval(ticker);
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) throw new KoeError('cancelled', 'Export cancelled.');
    view = core.timeline.exportView(projectId, withChapters);
  }
  const { timeline, missing } = core.timeline.exportTimeline(projectId, view);
  if (missing.length > 0) {
    const byId = new Map(view.clips.map((c) => [c.lineId, c] as const));
    const reasons = missing.map((id) => {
      const line = byId.get(id);
      const why = core.renderQueue.stateOf(projectId, id)?.error ?? 'it was not rendered';
      return `${line?.speaker ?? 'a line'} ("${(line?.text ?? '').slice(0, 40)}"): ${why}`;
    });
    throw new KoeError('engine', `${missing.length} line${missing.length === 1 ? '' : 's'} could not be rendered, so the export would be incomplete: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; …' : ''}`);
  }
  progress(1, 'Rendered');
  return { timeline, view };
}
