// What a clip shows as its state (ready, stale, queued, rendering, failed, not rendered): one reading
// for the clip on its lane and for the side panel, from the core's status and the render queue.
import type { TimelineClip } from '../../../../src-main/contract/calls-timeline';

export function clipState(clip: TimelineClip): { key: string; label: string } {
  const r = clip.render?.state;
  if (r === 'failed') return { key: 'failed', label: 'Failed' };
  if (r === 'rendering') return { key: 'rendering', label: 'Rendering' };
  if (r === 'queued') return { key: 'queued', label: 'Queued' };
  if (clip.status === 'stale') return { key: 'stale', label: 'Stale' };
  if (clip.status === 'missing' || clip.estimated) return { key: 'missing', label: 'Not rendered' };
  return { key: 'ready', label: 'Ready' };
}
