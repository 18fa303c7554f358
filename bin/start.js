#!/usr/bin/env node
// `npm start`: opens the desktop app when an Electron binary is installed; otherwise says so in one
// line and starts the same studio as a local server, printing the URL to open in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Look for the binary without require('electron'): that call tries to download it when missing,
// which hangs or fails on an offline machine.
function findElectron() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}
let electronPath = findElectron();
// The electron package fetches its binary on first use rather than at install. Try once, unless the
// user said not to (offline machines, CI); if it fails, the browser face still works.
if (!electronPath && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !process.env.KOE_FORCE_SERVER) {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const r = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: ['ignore', 'ignore', 'ignore'], timeout: 300_000 });
    if (r.status === 0) electronPath = findElectron();
  } catch {
    electronPath = null;
  }
}

const args = process.argv.slice(2);
if (typeof electronPath === 'string' && !process.env.KOE_FORCE_SERVER) {
  const child = spawn(electronPath, ['.', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write('No Electron binary is installed here; starting Koe Studio in your browser instead.\n');
  const child = spawn(process.execPath, [new URL('./koe.js', import.meta.url).pathname, 'serve', ...args], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
