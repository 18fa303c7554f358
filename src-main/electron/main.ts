// Electron main process: a thin face over the core. Everything it does besides creating the window
// (IPC binding, save dialog, security) lives in this folder, the only one that imports electron.
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Core } from '../core/core';
import { defaultModelsDir } from '../core/paths';
import { setupIpc } from './ipc';
import { hardenApp, hardenSession, setTrustedOrigin } from './security';

const here = fileURLToPath(new URL('.', import.meta.url));
let mainWindow: BrowserWindow | null = null;

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: '#15171c',
    title: 'Koe Studio',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) {
    setTrustedOrigin(new URL(devUrl).origin);
    await win.loadURL(devUrl);
  } else {
    const index = join(here, '../renderer/index.html');
    setTrustedOrigin(pathToFileURL(join(here, '../renderer/')).href);
    await win.loadFile(index);
  }
}

async function start(): Promise<void> {
  hardenApp();
  await app.whenReady();
  hardenSession();
  const dataDir = app.getPath('userData');
  const core = await Core.create({
    dataDir,
    modelsDir: defaultModelsDir(dataDir),
    engineWorker: new URL('./engine-worker.js', import.meta.url),
    fliteChild: { script: new URL('./flite-child.js', import.meta.url) },
    face: {
      kind: 'electron',
      async saveDialog(defaultName, extensions) {
        const options = { defaultPath: defaultName, filters: [{ name: 'Audio', extensions }] };
        const res = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return res.canceled || !res.filePath ? null : res.filePath;
      },
      async openDialog(title, extensions) {
        const options = { title, properties: ['openFile' as const], filters: extensions.length ? [{ name: 'Files', extensions }] : [] };
        const res = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return res.canceled || !res.filePaths[0] ? null : res.filePaths[0];
      },
    },
  });
  setupIpc(core);
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void core.close();
  });
}

start().catch((e: unknown) => {
  dialog.showErrorBox('Koe Studio could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});
