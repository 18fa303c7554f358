// The Clone screen's public surface: what the app frame mounts. The flow, the recorder hooks and
// the voice list stay inside.
export { CloneView } from './CloneView';
