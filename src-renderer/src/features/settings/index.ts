// The Settings screen's public surface: what the app frame mounts.
export { SettingsView } from './SettingsView';
