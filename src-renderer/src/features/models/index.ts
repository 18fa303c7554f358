// The Models screen's public surface: what the app frame mounts.
export { ModelsView } from './ModelsView';
