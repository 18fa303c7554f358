// The Voices feature's public surface: the screen, and the one notion of a voice search and of
// language groups that the script's voice pickers and Settings' default voice share with it.
export { VoicesView } from './VoicesView';
export { groupByLanguage, matchesQuery } from './voice-filter';
