// Settings, and what changing them sets in motion: the audio cache's cap, the Kokoro engine's
// configuration, and measuring the installed Kokoro variants on this machine.
import type { Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { MIB } from '../../library/audio-cache-repo';
import { applyKokoroSettings, feedRecommendation, measureKokoro, plansFor } from '../kokoro-settings';
import type { Services } from '../services';

const KOKORO_KEYS = ['kokoroQuality', 'kokoroProvider', 'kokoroThreads', 'kokoroGraphOptimization', 'kokoroWarmUp', 'kokoroIdleUnloadMinutes'] as const;

type SettingsCallName = 'settings.get' | 'settings.set' | 'kokoro.plans' | 'kokoro.measure' | 'cache.stats' | 'cache.clear';

export function createSettingsHandlers(s: Pick<Services, 'library' | 'kokoro' | 'router' | 'models' | 'face'>): Pick<Handlers, SettingsCallName> {
  const { library } = s;
  return {
    'settings.get': async () => library.settings.getSettings(),
    'settings.set': async (args) => {
      if (args.defaultVoiceId !== undefined && !library.voices.getVoice(args.defaultVoiceId)) {
        throw new KoeError('not_found', `Unknown voice "${args.defaultVoiceId}".`);
      }
      const before = library.settings.getSettings();
      const after = library.settings.setSettings(args);
      if (after.audioCacheMaxMB !== before.audioCacheMaxMB) library.audioCache.setMaxBytes(after.audioCacheMaxMB * MIB);
      if (KOKORO_KEYS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))) await applyKokoroSettings(s.kokoro, after);
      s.face.settingsChanged?.(after);
      return after;
    },
    'kokoro.plans': async () => {
      const settings = library.settings.getSettings();
      return { installed: s.kokoro.installedFiles(), active: s.kokoro.activeFile(), plans: plansFor(s.kokoro, settings) };
    },
    'kokoro.measure': async () => {
      const settings = library.settings.getSettings();
      const measurements = await measureKokoro(s.kokoro, s.router, settings);
      const after = library.settings.setSettings({ kokoroMeasurements: measurements });
      feedRecommendation(s.models, measurements);
      await applyKokoroSettings(s.kokoro, after);
      return { measurements, plans: plansFor(s.kokoro, after) };
    },
    'cache.stats': async () => library.audioCache.cacheStats(),
    'cache.clear': async () => {
      const { entries, bytes } = library.audioCache.cacheStats();
      library.audioCache.clear();
      return { entries, freedBytes: bytes };
    },
  };
}
