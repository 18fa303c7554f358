// Speaking and reading text: live synthesis streams (audio arrives as render.chunk events), the
// words a text becomes, and the phonemes Kokoro or espeak-ng would read.
import type { Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { EspeakEngine } from '../../engines/espeak/espeak-engine';
import type { Lane } from '../../engines/scheduler';
import { checkedEntry } from '../../speech/lexicon';
import { prepareText } from '../../text/index';
import type { KokoroLang } from '../../text/g2p/index';
import type { Services } from '../services';

/** Language tags accepted for the Kokoro path, and the Kokoro language each one means. */
const KOKORO_LANG_OF: Record<string, KokoroLang> = {
  a: 'a', 'en-us': 'a', en: 'a', b: 'b', 'en-gb': 'b', e: 'e', es: 'e', f: 'f', 'fr-fr': 'f', fr: 'f',
  h: 'h', hi: 'h', i: 'i', it: 'i', p: 'p', 'pt-br': 'p', j: 'j', ja: 'j', z: 'z', cmn: 'z', zh: 'z',
};

type SpeechCallName = 'render.start' | 'render.cancel' | 'text.normalize' | 'text.phonemize';

export function createSpeechHandlers(s: Pick<Services, 'library' | 'streams' | 'kokoro'>): Pick<Handlers, SpeechCallName> {
  // espeak's IPA comes from an engine in this thread: phonemizing a line is quick, and the worker
  // pool's engines only speak.
  let espeak: EspeakEngine | null = null;
  return {
    'render.start': async (args, ctx) => {
      const settings = s.library.settings.getSettings();
      const params = args.params ?? { speed: settings.speed, pitch: 50 };
      const pronunciations = args.pronunciations?.map((p) => checkedEntry(p));
      // The studio's playback and previews go first; an API request takes turns with other keys.
      const lane: Lane = ctx.apiKeyId ? { priority: 'api', owner: `key:${ctx.apiKeyId}` } : { priority: 'interactive', owner: ctx.origin };
      s.streams.start(args.streamId, { text: args.text, voiceId: args.voiceId, params, projectId: args.projectId ?? null, lane, ...(pronunciations ? { pronunciations } : {}) }, ctx);
      return { streamId: args.streamId };
    },
    'render.cancel': async (args, ctx) => ({ cancelled: s.streams.cancel(args.streamId, ctx) }),

    'text.normalize': async (args) => prepareText(args.text, args.language),

    'text.phonemize': async (args) => {
      const lang = args.language.toLowerCase();
      const kokoroLang = KOKORO_LANG_OF[lang];
      if (args.espeak || !kokoroLang) {
        espeak ??= new EspeakEngine();
        await espeak.load();
        const known = (await espeak.voices()).some((v) => v.id === lang);
        if (!known) throw new KoeError('not_found', `Unknown language "${lang}". Run "koe voices" to see the languages (espeak:<code>).`);
        const { spoken } = prepareText(args.text, lang);
        return { engine: 'espeak' as const, phonemes: await espeak.phonemize(spoken, lang), words: [], note: null };
      }
      const { spoken } = prepareText(args.text, lang.length === 1 ? (kokoroLang === 'b' ? 'en-gb' : 'en-us') : lang);
      const result = await s.kokoro.phonemize(spoken, kokoroLang);
      return { engine: 'kokoro' as const, phonemes: result.phonemes, words: result.words, note: result.note };
    },
  };
}
