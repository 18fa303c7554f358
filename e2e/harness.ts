// Starts Koe Studio for a spec and hands back a Playwright page on it: the server face in Chromium
// (default), or the desktop app in Electron when KOE_E2E_ELECTRON=1. Specs only see `Studio`, so
// the same spec runs against both faces. Waits are on app events and DOM state, never on time.
import { test as base, chromium, _electron, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRpc, type RpcClient } from './rpc-client';

export const CHROMIUM = process.env.KOE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Studio {
  page: Page;
  face: 'server' | 'electron';
  dataDir: string;
  /** Base URL of the server face (null in Electron). */
  baseUrl: string | null;
  token: string | null;
}

/** Starts `koe serve` on a free port with a fresh data folder; resolves once it prints its URL. */
export async function startServe(dataDir: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`koe serve exited with ${code}: ${stderr}`)));
  });
  return { proc, url };
}

/**
 * A first launch as a new user sees it: `koe serve` on `dataDir` (with `env`, e.g. a model host), a
 * fresh 1440×900 Chromium page on its URL; everything is shut down after `use`, pass or fail.
 */
export async function onFreshStudio(dataDir: string, env: Record<string, string>, use: (page: Page) => Promise<void>): Promise<void> {
  const { proc, url } = await startServe(dataDir, [], env);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await use(page);
  } finally {
    await context.close();
    await browser.close();
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
}

/** `koe serve` driven through its API only (no page): the RPC client, and a stop that closes both. */
export interface ServedApi {
  rpc: RpcClient;
  stop(): Promise<void>;
}

export async function serveApi(dataDir: string): Promise<ServedApi> {
  const { proc, url } = await startServe(dataDir);
  const u = new URL(url);
  const rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
  return {
    rpc,
    async stop() {
      rpc.close();
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

export const test = base.extend<{ studio: Studio }, { browserInstance: Browser | null }>({
  browserInstance: [
    // Playwright reads a fixture's dependencies from its first parameter, which must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (process.env.KOE_E2E_ELECTRON) return use(null);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  studio: async ({ browserInstance }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'koe-e2e-'));
    if (process.env.KOE_E2E_ELECTRON) {
      const app: ElectronApplication = await _electron.launch({ args: ['.', `--user-data-dir=${dataDir}`], env: definedEnv() });
      const page = await app.firstWindow();
      await use({ page, face: 'electron', dataDir, baseUrl: null, token: null });
      await app.close();
    } else {
      const { proc, url } = await startServe(dataDir);
      const context = await browserInstance!.newContext({ acceptDownloads: true });
      const page = await context.newPage();
      page.on('pageerror', (e) => testInfo.attach('pageerror', { body: String(e) }));
      await page.goto(url);
      const parsed = new URL(url);
      await use({ page, face: 'server', dataDir, baseUrl: parsed.origin, token: parsed.searchParams.get('token') });
      await context.close();
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export const expect = test.expect;

/** Puts `text` in the script editor (as a paste would) and waits until it is saved. */
export async function typeScript(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('script-editor');
  await editor.click();
  await editor.fill(text);
  await expect(page.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);
}

function definedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return env;
}

interface EditorHook {
  text(): string;
  setCaret(offset: number): void;
  lineCount(): number;
}

/** The script editor's whole text (a contenteditable has no `value`; the app exposes its text). */
export function editorText(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as { __koeEditor?: EditorHook }).__koeEditor?.text());
}

/**
 * Replaces the editor's whole text as a user does: select all with the keyboard, then type (as a
 * paste would). Playwright's fill() selects the editor's DOM contents instead, which in CodeMirror
 * can leave the document's empty last line in place, so the text would end with a stray newline.
 */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('script-editor');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/** Waits until the script editor holds exactly `text`. */
export async function expectEditorText(page: Page, text: string): Promise<void> {
  await expect.poll(() => editorText(page)).toBe(text);
}

/** Puts the editor's caret at character `offset`, as a click there would. */
export async function setEditorCaret(page: Page, offset: number): Promise<void> {
  await page.evaluate((at) => (globalThis as unknown as { __koeEditor: EditorHook }).__koeEditor.setCaret(at), offset);
}
