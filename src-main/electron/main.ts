// Electron main process: a thin face over the core. Everything it does besides creating the window
// (IPC binding, file dialogs, revealing a file, security) lives in this folder, the only one that imports electron.
import { app, BrowserWindow, dialog, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../core/core';
import { defaultModelsDir } from '../core/paths';
import { ApiListener } from '../server/openai/api-listener';
import { setupIpc } from './ipc';
import { installAppMenu } from './menu';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { hardenApp, hardenSession, setTrustedOrigin } from './security';
import { utilityProcessSpawner } from './utility-process';

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
      // Spell-check dictionaries are downloaded on demand; an offline app fetches nothing.
      spellcheck: false,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  // The dev server only in development: a packaged app must not load whatever an environment names.
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  if (devUrl) {
    setTrustedOrigin(new URL(devUrl).origin);
    await win.loadURL(devUrl);
  } else {
    setTrustedOrigin(APP_ORIGIN);
    await win.loadURL(`${APP_ORIGIN}/index.html`);
  }
}

async function start(): Promise<void> {
  hardenApp();
  registerAppScheme();
  await app.whenReady();
  hardenSession();
  serveRenderer(join(here, '../renderer'));
  const dataDir = app.getPath('userData');
  const fliteChild = new URL('./flite-child.js', import.meta.url);
  // The speech API listener, started from Settings once the core exists (see ApiListener).
  let apiListener: ApiListener | null = null;
  const core = await Core.create({
    dataDir,
    modelsDir: defaultModelsDir(dataDir),
    engineWorker: new URL('./engine-worker.js', import.meta.url),
    encodeWorker: new URL('./encode-worker.js', import.meta.url),
    // The app's fuses turn off ELECTRON_RUN_AS_NODE, which child_process.fork needs: utility processes instead.
    fliteChild: { script: fliteChild, spawn: utilityProcessSpawner(fliteChild, 'Koe Studio Flite engine') },
    face: {
      kind: 'electron',
      async saveDialog(defaultName, extensions, label) {
        const options = { defaultPath: defaultName, filters: [{ name: label ?? 'Audio', extensions }] };
        const res = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return res.canceled || !res.filePath ? null : res.filePath;
      },
      async openDialog(title, extensions, label) {
        const options = { title, properties: ['openFile' as const], filters: extensions.length ? [{ name: label ?? 'Files', extensions }] : [] };
        const res = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return res.canceled || !res.filePaths[0] ? null : res.filePaths[0];
      },
      revealFile(path) {
        shell.showItemInFolder(path);
      },
      settingsChanged(settings) {
        void apiListener?.apply(settings);
      },
      apiStatus: () => apiListener?.state ?? { url: null, error: null },
      async openFile(path) {
        // openPath answers with an error message, or '' when the file opened.
        const problem = await shell.openPath(path);
        if (problem) throw new Error(problem);
      },
    },
  });
  apiListener = new ApiListener({ handlers: core.handlers, keys: core.library.apiKeys });
  void apiListener.apply(core.library.settings.getSettings());
  setupIpc(core);
  installAppMenu(() => mainWindow);
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void apiListener?.close();
    void core.close();
  });
}

start().catch((e: unknown) => {
  dialog.showErrorBox('Koe Studio could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});
