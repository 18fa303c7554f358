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
