import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KoeError } from '../contract/errors';
import { openLibrary, type Library } from './db';
import { DEFAULT_SETTINGS } from './settings-repo';

describe('settings', () => {
  let lib: Library;
  beforeEach(() => {
    lib = openLibrary(':memory:');
  });
  afterEach(() => lib.close());

  const store = (key: string, value: string) => lib.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, value);

  it('starts from the defaults', () => {
    expect(lib.settings.getSettings()).toEqual({
      defaultVoiceId: 'espeak:en-us', exportBitDepth: 24, gapMs: 350, speed: 1, theme: 'dark',
      exportFormat: 'wav', exportLoudness: null, exportStems: false, exportSubtitles: 'none', exportChannels: 1,
      kokoroQuality: 'balanced', kokoroProvider: 'auto', kokoroThreads: 0, kokoroGraphOptimization: 'all', kokoroWarmUp: true, kokoroIdleUnloadMinutes: 10, kokoroMeasurements: [], audioCacheMaxMB: 1024,
      apiEnabled: false, apiLan: false, apiPort: 8880, apiCorsOrigins: [], welcomeDone: false,
    });
    expect(lib.settings.getSetting('theme')).toBe('dark');
  });

  it('stores changes and returns the whole set', () => {
    expect(lib.settings.setSettings({ theme: 'light', gapMs: 0 })).toEqual({ ...DEFAULT_SETTINGS, theme: 'light', gapMs: 0 });
    lib.settings.setSetting('exportBitDepth', 16);
    expect(lib.settings.getSettings()).toMatchObject({ theme: 'light', gapMs: 0, exportBitDepth: 16 });
    expect(lib.settings.getSetting('exportBitDepth')).toBe(16);
  });

  it('refuses invalid values and writes none of the batch', () => {
    const attempt = () => lib.settings.setSettings({ theme: 'light', speed: 9 });
    expect(attempt).toThrow(KoeError);
    try {
      attempt();
    } catch (e) {
      expect((e as KoeError).code).toBe('invalid_args');
      expect((e as KoeError).details).toHaveProperty('speed');
    }
    expect(() => lib.settings.setSettings({ nope: 1 } as never)).toThrow(/unknown setting/);
    expect(lib.settings.getSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it("keeps the speech API's browser origins only as browsers send them", () => {
    expect(lib.settings.setSettings({ apiCorsOrigins: ['https://app.example.com', 'http://localhost:3000'] }).apiCorsOrigins).toEqual(['https://app.example.com', 'http://localhost:3000']);
    for (const bad of ['*', 'https://app.example.com/', 'https://a.example/path', 'localhost:3000', 'file:///x']) {
      expect(() => lib.settings.setSettings({ apiCorsOrigins: [bad] }), bad).toThrow(/allowed origin looks like/);
    }
    expect(lib.settings.getSettings().apiCorsOrigins).toEqual(['https://app.example.com', 'http://localhost:3000']);
  });

  it('falls back to defaults for bad or foreign stored values without throwing', () => {
    store('theme', '"neon"');
    store('gapMs', 'not json');
    store('speed', '99');
    store('exportBitDepth', '"24"');
    store('defaultVoiceId', 'null');
    store('someOtherModule', '{"x":1}');
    expect(lib.settings.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(lib.settings.getSetting('gapMs')).toBe(350);
    store('gapMs', '1200');
    expect(lib.settings.getSettings().gapMs).toBe(1200);
  });
});
