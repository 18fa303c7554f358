// The desktop app's native menu. Its Edit menu's Undo and Redo go to the studio's one undo history
// (script and timeline together, the renderer's undo journal), not to whatever element has focus,
// which is all the default menu's Undo reaches: the click becomes an `app.menu` event to the window.
// Their shortcuts are shown but not registered here, so the keys still reach the page, whose own
// handling (the same journal) already covers them in the browser face too.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { IPC_EVENT_CHANNEL } from '../contract/bridge';
import type { EventPayload } from '../contract/calls';

export function installAppMenu(window: () => BrowserWindow | null): void {
  const send = (command: EventPayload<'app.menu'>['command']) => {
    const win = window();
    if (win && !win.webContents.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, 'app.menu', { command } satisfies EventPayload<'app.menu'>);
  };
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    {
      label: 'Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: () => send('undo') },
        { label: 'Redo', accelerator: mac ? 'Shift+Cmd+Z' : 'Ctrl+Y', registerAccelerator: false, click: () => send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
