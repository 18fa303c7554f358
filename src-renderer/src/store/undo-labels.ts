// What the Edit menu calls each change: "Undo Typing", "Redo Move clip". A script change is named
// by the CodeMirror user event that started its group; a timeline step by its op.
import type { TimelineOp } from '../../../src-main/contract/calls-timeline';

export function scriptChangeLabel(userEvent: string | undefined): string {
  const e = userEvent ?? '';
  if (e === 'delete.cut') return 'Cut';
  if (e.startsWith('input.paste')) return 'Paste';
  if (e.startsWith('input.drop') || e.startsWith('move.drop')) return 'Drag and drop';
  if (e.startsWith('input.replace')) return 'Replace';
  if (e.startsWith('input.indent') || e.startsWith('indent') || e.startsWith('delete.dedent')) return 'Indent';
  if (e.startsWith('move.line')) return 'Move line';
  if (e.startsWith('input.copyline')) return 'Copy line';
  if (e.startsWith('delete')) return 'Delete';
  if (e.startsWith('replace.external')) return 'Reload text';
  if (e.startsWith('input')) return 'Typing';
  return 'Edit text';
}

export function timelineStepLabel(op: TimelineOp): string {
  switch (op.type) {
    case 'move':
      return op.manual === false ? 'Return clip to layout' : 'Move clip';
    case 'trim':
      return 'Trim clip';
    case 'gain':
      return 'Clip gain';
    case 'fade':
      return 'Fade';
    case 'lineSpeed':
      return 'Line speed';
    case 'lineStyle':
      return op.style === null ? 'Automatic style' : `Style ${op.style}`;
    case 'context':
      return op.mode === 'off' ? 'Continue from: off' : op.mode === 'own' ? "Continue from the speaker's last line" : 'Continue from the line before';
    case 'linePause':
      return 'Pause after line';
    case 'selectTake':
      return 'Choose take';
    case 'mute':
      return `${op.on ? 'Mute' : 'Unmute'} ${op.speaker}`;
    case 'solo':
      return `${op.on ? 'Solo' : 'Unsolo'} ${op.speaker}`;
    case 'trackGain':
      return `${op.speaker} gain`;
    case 'pan':
      return `${op.speaker} pan`;
    case 'setGap':
      return 'Gaps';
    case 'master':
      return op.limiter === undefined ? 'Master gain' : op.limiter ? 'Limiter on' : 'Limiter off';
    case 'ripple':
      return op.on ? 'Ripple on' : 'Ripple off';
    case 'addMarker':
      return 'Add marker';
    case 'removeMarker':
      return 'Remove marker';
  }
}
