// The Timeline feature's public surface: the screen, its keys for the shortcut list, and the loop
// range marked on its ruler (the export control offers to export just that range). Its stores,
// player and gestures stay inside.
export { TimelineView } from './TimelineView';
export { TIMELINE_SHORTCUTS } from './transport-keys';
export { useLoopRange } from './transport';
