// The Kokoro presets as library rows, each with whether it can speak now and, if not, why: no model
// yet, its pack not downloaded, or a language whose text path Koe lacks. Computed on the main
// side from the verified files (KokoroService resolves them through the model manager) and the
// G2P's availability, without loading the model or starting a worker, so the voices screen can
// show all 54 (greyed with the reason) before anything is downloaded.
import type { Voice } from '../../contract/schemas';
import type { KokoroLang } from '../../text/g2p/types';
import { kokoroCatalog, kokoroLanguageOf } from './voice-catalog';

export const NO_MODEL_REASON = 'Download the Kokoro model in Models';
export const NO_PACK_REASON = 'Download the Kokoro voices in Models';

export type LanguageAvailability = (lang: KokoroLang) => { available: boolean; reason: string | null };

export function kokoroLibraryVoices(installed: { hasModel: boolean; packs: ReadonlySet<string> }, availability: LanguageAvailability): Voice[] {
  const { hasModel, packs } = installed;
  return kokoroCatalog().map((v) => {
    const lang = availability(kokoroLanguageOf(v.id)!.code);
    const reason = !lang.available ? lang.reason ?? 'Koe cannot read this language for Kokoro yet' : !hasModel ? NO_MODEL_REASON : !packs.has(v.id) ? NO_PACK_REASON : null;
    return {
      ...v,
      id: `kokoro:${v.id}`,
      engine: 'kokoro',
      kind: 'system' as const,
      available: reason === null,
      unavailableReason: reason,
    };
  });
}
