// Where the library and models live for each face. Server and CLI default to the same folder the
// desktop app's Electron `userData` resolves to, so all three faces share one library.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'Koe Studio';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KOE_DATA_DIR) return resolve(env.KOE_DATA_DIR);
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME);
}

export function defaultModelsDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.KOE_MODELS_DIR ? resolve(env.KOE_MODELS_DIR) : join(dataDir, 'models');
}
