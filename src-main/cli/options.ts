// Shared option parsing for CLI commands, so every command reports bad flags the same way.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { defaultDataDir, defaultModelsDir } from '../core/paths';
import { UsageError } from './errors';

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, positionals = true) {
  try {
    return parseArgs({ args, options: { 'data-dir': { type: 'string' }, ...options }, allowPositionals: positionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function dirs(values: { 'data-dir'?: string | boolean | (string | boolean)[] }): { dataDir: string; modelsDir: string } {
  const raw = values['data-dir'];
  const dataDir = typeof raw === 'string' ? resolve(raw) : defaultDataDir();
  return { dataDir, modelsDir: defaultModelsDir(dataDir) };
}

/** Export formats and the file extensions each may be written with. */
export const FORMAT_EXTENSIONS: Record<string, string[]> = { wav: ['.wav'], mp3: ['.mp3'], flac: ['.flac'], opus: ['.opus', '.ogg'] };
const LOUDNESS_NAMES: Record<string, number> = { podcast: -16, streaming: -14, broadcast: -23 };

export function loudnessTarget(v: string): number {
  const n = LOUDNESS_NAMES[v.toLowerCase()] ?? Number(v);
  if (!Number.isFinite(n) || n < -40 || n > -5) throw new UsageError('--loudness must be LUFS from -40 to -5 (e.g. -16), or podcast, streaming or broadcast');
  return n;
}
