// The shell's public surface: the frame's parts the app mounts (sidebar, transport bar, banners,
// status bar, boot and missing-token pages, the first-run welcome) and the shortcut list that Settings shows too.
export { Banners } from './Banners';
export { BootScreen } from './BootScreen';
export { MissingToken } from './MissingToken';
export { ShortcutList } from './ShortcutList';
export { Sidebar } from './Sidebar';
export { StatusBar } from './StatusBar';
export { TransportBar } from './TransportBar';
export { Welcome } from './Welcome';
