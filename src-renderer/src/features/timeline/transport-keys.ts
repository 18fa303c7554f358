// The timeline screen's transport keys, as a pure map from a key to an action (tested in Node) and
// the list the shortcut help shows. They work while the timeline has focus and never while typing
// in a field; with Ctrl, Alt or ⌘ held a key is left to the app (Ctrl+Z is undo).
import { isTextEntry, type KeyInfo, type TargetInfo } from '../../keyboard/shortcuts';

export type TransportAction = 'toggle' | 'back' | 'pause' | 'forward' | 'start' | 'end' | 'nudge-back' | 'nudge-forward' | 'loop';

/** How far J jumps back and the arrows nudge, in seconds (Shift nudges by a whole second). */
export const JUMP_BACK_SEC = 5;
export const NUDGE_SEC = 0.1;
export const NUDGE_BIG_SEC = 1;

export function transportKeyFor(e: KeyInfo, target: TargetInfo | null): TransportAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || isTextEntry(target)) return null;
  // A focused button or select answers Space and arrows itself.
  const tag = target?.tagName.toUpperCase();
  if ((tag === 'BUTTON' || tag === 'SELECT' || tag === 'INPUT') && (e.key === ' ' || e.key.startsWith('Arrow'))) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return e.repeat || e.shiftKey ? null : 'toggle';
    case 'j':
    case 'J':
      return 'back';
    case 'k':
    case 'K':
      return 'pause';
    case 'l':
    case 'L':
      return e.repeat ? null : 'forward';
    case 'Home':
      return 'start';
    case 'End':
      return 'end';
    case 'ArrowLeft':
      return 'nudge-back';
    case 'ArrowRight':
      return 'nudge-forward';
    case 'r':
    case 'R':
      return e.shiftKey || e.repeat ? null : 'loop';
    default:
      return null;
  }
}

export const TIMELINE_SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ['Space'], what: 'Play from the playhead / stop and return to where play started' },
  { keys: ['L'], what: 'Play; press again for 2× and 4× (shuttle)' },
  { keys: ['K'], what: 'Pause: stop and leave the playhead where it is' },
  { keys: ['J'], what: `Jump back ${JUMP_BACK_SEC} s` },
  { keys: ['Home'], what: 'Playhead to the start' },
  { keys: ['End'], what: 'Playhead to the end' },
  { keys: ['←', '→'], what: `Nudge the playhead ${NUDGE_SEC * 1000} ms (with Shift: ${NUDGE_BIG_SEC} s)` },
  { keys: ['R'], what: 'Loop on / off (drag on the ruler to set the loop)' },
  { keys: ['M'], what: 'Add a marker at the playhead' },
  { keys: ['Ctrl', 'Z'], what: 'Undo a timeline edit (Shift for redo)' },
  { keys: ['Click ruler'], what: 'Move the playhead there (also on empty lane space); drag to set the loop, drag its edges to change it' },
];
