// Shared option parsing for CLI commands, so every command reports bad flags the same way.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import type { CallResult } from '../contract/calls';
import { defaultDataDir, defaultModelsDir } from '../core/paths';
import { UsageError } from './errors';

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, positionals = true) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options: { 'data-dir': { type: 'string' }, ...options }, allowPositionals: positionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

/**
 * `--loudness -16` as `--loudness=-16`: parseArgs reads a value starting with a dash as a flag and
 * refuses it, but a negative number after an option that takes a value can only be that value.
 */
export function joinNegativeValues(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const takesValue = new Set<string>();
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== 'string') continue;
    takesValue.add(`--${name}`);
    if (o.short) takesValue.add(`-${o.short}`);
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    if (takesValue.has(a) && next !== undefined && /^-\d+(\.\d+)?$|^-\.\d+$/.test(next)) {
      out.push(a.startsWith('--') ? `${a}=${next}` : `${a}${next}`); // -l-16: a short option's inline value
      i++;
    } else out.push(a);
  }
  return out;
}

export function dirs(values: { 'data-dir'?: string | boolean | (string | boolean)[] }): { dataDir: string; modelsDir: string } {
  const raw = values['data-dir'];
  const dataDir = typeof raw === 'string' ? resolve(raw) : defaultDataDir();
  return { dataDir, modelsDir: defaultModelsDir(dataDir) };
}

export type ExportFormat = 'wav' | 'mp3' | 'flac' | 'opus' | 'm4b';

/** Export formats and the file extensions each may be written with. */
export const FORMAT_EXTENSIONS: Record<ExportFormat, string[]> = { wav: ['.wav'], mp3: ['.mp3'], flac: ['.flac'], opus: ['.opus', '.ogg'], m4b: ['.m4b', '.m4a'] };
const LOUDNESS_NAMES: Record<string, number> = { podcast: -16, streaming: -14, broadcast: -23 };

export function exportFormat(v: string): ExportFormat {
  const format = v.toLowerCase();
  if (!Object.hasOwn(FORMAT_EXTENSIONS, format)) throw new UsageError(`format "${format}" is not supported; use --format wav, mp3, flac, opus or m4b`);
  return format as ExportFormat;
}

export function loudnessTarget(v: string): number {
  const n = LOUDNESS_NAMES[v.toLowerCase()] ?? Number(v);
  if (!Number.isFinite(n) || n < -40 || n > -5) throw new UsageError('--loudness must be LUFS from -40 to -5 (e.g. -16), or podcast, streaming or broadcast');
  return n;
}

/** "12.34 s, 4 lines, -16.0 LUFS, -1.2 dBTP, limited": what an export delivered, for the Wrote line. */
export function summary(r: CallResult<'export.mix'>, ...more: string[]): string {
  const parts = [`${r.durationSec.toFixed(2)} s`, ...more];
  if (r.lufs !== null) parts.push(`${r.lufs.toFixed(1)} LUFS`);
  if (r.truePeakDbtp !== null) parts.push(`${r.truePeakDbtp.toFixed(1)} dBTP`);
  if (r.limited) parts.push('limited');
  return parts.join(', ');
}
