// User settings as typed values with defaults. Each setting is its own row holding JSON, so a value
// written by a newer or buggy build only loses that one setting (it reads as its default) instead
// of failing startup or resetting everything.
import type { Database } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import { Settings } from '../contract/schemas';
import { statementCache, type Prepare } from './statements';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  defaultVoiceId: 'espeak:en-us',
  exportBitDepth: 24,
  gapMs: 350,
  speed: 1,
  theme: 'dark',
  exportFormat: 'wav',
  exportLoudness: null,
  exportStems: false,
  exportSubtitles: 'none',
  exportChannels: 1,
  kokoroQuality: 'balanced',
  kokoroProvider: 'auto',
  kokoroThreads: 0,
  kokoroGraphOptimization: 'all',
  kokoroWarmUp: true,
  kokoroIdleUnloadMinutes: 10,
  kokoroMeasurements: [],
  audioCacheMaxMB: 1024,
  apiEnabled: false,
  apiLan: false,
  // Kokoro-FastAPI's port, so a client set up for it finds the studio where it looked.
  apiPort: 8880,
  apiCorsOrigins: [],
  welcomeDone: false,
});

type Key = keyof Settings;
const KEYS = Object.keys(DEFAULT_SETTINGS) as Key[];

export class SettingsRepo {
  private readonly sql: Prepare;

  constructor(private readonly db: Database) {
    this.sql = statementCache(db);
  }

  getSettings(): Settings {
    const rows = this.sql('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored = new Map(rows.map((r) => [r.key, r.value]));
    const out = { ...DEFAULT_SETTINGS } as Record<Key, unknown>;
    for (const key of KEYS) {
      const raw = stored.get(key);
      if (raw !== undefined) out[key] = parseValue(key, raw) ?? DEFAULT_SETTINGS[key];
    }
    return out as Settings;
  }

  /** Whether `key` was ever stored (as opposed to reading as its default). */
  hasSetting(key: Key): boolean {
    return this.sql('SELECT 1 FROM settings WHERE key = ?').get(key) !== undefined;
  }

  getSetting<K extends Key>(key: K): Settings[K] {
    const row = this.sql('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return (row ? parseValue(key, row.value) : undefined) ?? DEFAULT_SETTINGS[key];
  }

  /** Validates every given value first, so a bad one writes nothing; returns the full settings. */
  setSettings(patch: Partial<Settings>): Settings {
    const checked: [Key, unknown][] = [];
    const problems: Record<string, string> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (!KEYS.includes(key as Key)) {
        problems[key] = 'unknown setting';
        continue;
      }
      const r = Settings.shape[key as Key].safeParse(value);
      if (r.success) checked.push([key as Key, r.data]);
      else problems[key] = r.error.issues[0]?.message ?? 'invalid value';
    }
    if (Object.keys(problems).length > 0) {
      throw new KoeError('invalid_args', `Invalid settings: ${Object.entries(problems).map(([k, p]) => `${k} (${p})`).join(', ')}.`, problems);
    }
    const put = this.sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of checked) put.run(key, JSON.stringify(value));
    })();
    return this.getSettings();
  }

  setSetting<K extends Key>(key: K, value: Settings[K]): Settings {
    return this.setSettings({ [key]: value } as Partial<Settings>);
  }
}

function parseValue<K extends Key>(key: K, raw: string): Settings[K] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const r = Settings.shape[key].safeParse(value);
  return r.success ? (r.data as Settings[K]) : undefined;
}
