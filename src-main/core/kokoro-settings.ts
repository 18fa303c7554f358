// Turns the user's Kokoro settings (quality mode, provider, threads, graph optimization, warm-up,
// idle unload) into the engine's configuration, and measures the installed variants so the quality
// modes and the Models screen's recommendation come from this machine, not from assumptions.
import { KoeError } from '../contract/errors';
import type { Settings } from '../contract/schemas';
import { CATALOG } from '../models/catalog';
import type { ModelManager } from '../models/manager';
import { qualityPlan, type KokoroMeasurement, type QualityMode, type QualityPlan } from '../engines/kokoro/quality';
import type { KokoroService } from '../engines/kokoro/service';
import type { SessionSettings } from '../engines/kokoro/session-host';
import type { EngineRouter } from '../engines/router';
import { concat } from '../audio/pcm';

const SAMPLE = 'The quick brown fox jumps over the lazy dog. Then it rests in the shade for a while, and the afternoon goes quiet.';

export function sessionSettingsOf(s: Settings): SessionSettings {
  return {
    ...(s.kokoroProvider === 'cpu' ? { providers: ['cpu'] } : {}),
    ...(s.kokoroThreads > 0 ? { intraOpNumThreads: s.kokoroThreads } : {}),
    graphOptimizationLevel: s.kokoroGraphOptimization,
    warmUp: s.kokoroWarmUp,
    idleUnloadMs: s.kokoroIdleUnloadMinutes * 60_000,
  };
}

export function plansFor(kokoro: KokoroService, s: Settings): Record<QualityMode, QualityPlan> {
  const installed = kokoro.installedFiles();
  return {
    fast: qualityPlan('fast', installed, s.kokoroMeasurements),
    balanced: qualityPlan('balanced', installed, s.kokoroMeasurements),
    best: qualityPlan('best', installed, s.kokoroMeasurements),
  };
}

export async function applyKokoroSettings(kokoro: KokoroService, s: Settings): Promise<void> {
  const plan = plansFor(kokoro, s)[s.kokoroQuality];
  await kokoro.reconfigure({ modelFile: plan.modelFile, session: sessionSettingsOf(s), chunking: plan.chunking });
}

/** Catalog asset of a model file, so measurements feed the Models screen's recommendation. */
function assetOf(file: string): string | null {
  return CATALOG.find((a) => a.kind === 'kokoro-model' && a.files.some((f) => f.path.endsWith(`/${file}`)))?.id ?? null;
}

export function feedRecommendation(models: ModelManager, measurements: readonly KokoroMeasurement[]): void {
  const provider = measurements[0]?.provider ?? 'cpu';
  models.setMeasurements(
    provider,
    measurements.flatMap((m) => {
      const assetId = assetOf(m.file);
      return assetId ? [{ assetId, provider: m.provider, rtf: m.rtf }] : [];
    }),
  );
}

/**
 * Speaks a fixed passage with every installed variant (after a warm-up sentence) and returns the
 * real-time factor and time to first audio of each. Leaves the engine configured as `settings` says.
 */
export async function measureKokoro(kokoro: KokoroService, router: EngineRouter, settings: Settings, signal?: AbortSignal): Promise<KokoroMeasurement[]> {
  const files = kokoro.installedFiles();
  if (files.length === 0) throw new KoeError('unsupported', 'No Kokoro model is installed: download one in Models first.');
  const out: KokoroMeasurement[] = [];
  try {
    for (const file of files) {
      await kokoro.reconfigure({ modelFile: file, session: sessionSettingsOf(settings), chunking: { firstChunkMaxTokens: 32, maxTokens: 510 } });
      const speak = async () => {
        const t0 = performance.now();
        let first = -1;
        const parts: Float32Array[] = [];
        for await (const pcm of router.synthesize('kokoro:af_heart', { text: SAMPLE, voice: '', speed: 1, pitch: 50 }, signal)) {
          if (first < 0) first = performance.now() - t0;
          parts.push(pcm);
        }
        return { ms: performance.now() - t0, first, samples: concat(parts).length };
      };
      await speak(); // load + warm-up are not the speed a user hears afterwards
      const run = await speak();
      const status = kokoro.status();
      out.push({
        file,
        provider: status?.provider ?? 'cpu',
        threads: status?.threads ?? 0,
        rtf: run.ms / 1000 / Math.max(1e-9, run.samples / 24000),
        firstAudioMs: run.first,
      });
    }
  } finally {
    await applyKokoroSettings(kokoro, settings);
  }
  return out;
}
