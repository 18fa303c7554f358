// The Pronunciations screen's public surface: what the app frame mounts.
export { PronunciationsView } from './PronunciationsView';
