// The Script screen's public surface: what the app frame mounts.
export { ScriptView } from './ScriptView';
