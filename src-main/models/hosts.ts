// Where catalog files are fetched from. Each host has a built-in default, a stored setting (for a
// mirror the user picks in the app) and an environment variable; the environment wins, so tests,
// CI and a one-off `KOE_MODEL_HOST=… koe models download` never have to change the user's setting.
import { KoeError } from '../contract/errors';
import type { HostName } from './catalog';

export type Hosts = Record<HostName, string>;
export type HostOrigin = 'env' | 'setting' | 'default';

export const DEFAULT_HOSTS: Readonly<Hosts> = Object.freeze({
  huggingface: 'https://huggingface.co/',
  github: 'https://raw.githubusercontent.com/',
});

export const HOST_ENV: Readonly<Record<HostName, string>> = Object.freeze({
  huggingface: 'KOE_MODEL_HOST',
  github: 'KOE_GITHUB_RAW_HOST',
});

export const HOST_NAMES = Object.keys(DEFAULT_HOSTS) as HostName[];

/** A base URL ending in '/', so relative sources resolve under it and not beside it. */
export function normalizeBase(raw: string, what = 'model host'): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new KoeError('invalid_args', `The ${what} "${raw}" is not a URL (expected e.g. https://huggingface.co/).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new KoeError('invalid_args', `The ${what} "${raw}" must start with https:// (or http:// for a local mirror).`);
  }
  if (url.search || url.hash) throw new KoeError('invalid_args', `The ${what} "${raw}" must not have a query or fragment.`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

export function resolveHosts(stored: Partial<Hosts>, env: NodeJS.ProcessEnv): { hosts: Hosts; from: Record<HostName, HostOrigin> } {
  const hosts = { ...DEFAULT_HOSTS };
  const from: Record<HostName, HostOrigin> = { huggingface: 'default', github: 'default' };
  for (const name of HOST_NAMES) {
    const fromEnv = env[HOST_ENV[name]];
    if (fromEnv && fromEnv.trim()) {
      hosts[name] = normalizeBase(fromEnv, `${HOST_ENV[name]} value`);
      from[name] = 'env';
    } else if (stored[name]) {
      hosts[name] = normalizeBase(stored[name]!);
      from[name] = 'setting';
    }
  }
  return { hosts, from };
}

export function sourceUrl(hosts: Hosts, host: HostName, source: string): string {
  return new URL(source, hosts[host]).href;
}
