// Kokoro's text path: normalized text → Kokoro phonemes → model ids, for every Kokoro language Koe
// Studio can read well. English follows misaki (lexicons first, espeak last); es/fr/hi/it/pt-br
// follow misaki's espeak path; Japanese (japanese/) and Mandarin (mandarin/) follow misaki's
// cutlet and pypinyin paths with analyzers from npm.
// The lexicons are loaded on first use per accent and kept; espeak is injected so tests and other
// threads can supply their own, and so are the Japanese and Mandarin analyzers (each loaded once per
// thread, on first use, and shared by every G2P built on that thread).
import { existsSync } from 'node:fs';
import { KoeError } from '../../contract/errors';
import { abortError } from '../../lib/abort';
import { EspeakBatcher } from './espeak-batch';
import { phonemizeWithEspeak } from './espeak-language';
import { EnglishG2P } from './english';
import { defaultCjkAnalyzers, type CjkAnalyzers } from './cjk-analyzers';
import { readWithUserEntries } from './cjk-user';
import { JapaneseG2P } from './japanese/japanese';
import { espeakEspeakVoiceFor, isKokoroLang, UNSUPPORTED_REASON } from './languages';
import { MandarinG2P } from './mandarin/mandarin';
import { Lexicon } from './lexicon';
import type { EspeakIpa, G2P, G2PResult, KokoroLang, LexiconFiles, PhonemizeOptions } from './types';
import { UserDictionaries } from './user-dictionary';

export type { CjkWordSource, EspeakIpa, G2P, G2PResult, G2PWord, KokoroLang, LexiconFiles, PhonemizeOptions, UserEntry, WordSource } from './types';
export type { CjkAnalyzers } from './cjk-analyzers';
export { cjkAnalyzersInThread, serveCjkRequests } from './cjk-thread';
export { tokenize, countTokens, MAX_PHONEME_TOKENS, KOKORO_VOCAB } from './vocab';
export { validateUserPhonemes } from './user-phonemes';
export { chunkForKokoro } from './chunk';
export { espeakEspeakVoiceFor, KOKORO_LANGS, isKokoroLang } from './languages';
export { wasmEspeakIpa } from './espeak-ipa';

const NO_LEXICON_NOTE =
  'The English pronunciation dictionaries are not installed, so English is read by eSpeak alone (less natural for Kokoro). Download the Kokoro model files again to add them.';

export function createG2P(opts: { lexicons: LexiconFiles | null; espeak: EspeakIpa; cjk?: CjkAnalyzers }): G2P {
  const batcher = new EspeakBatcher(opts.espeak);
  const english = new Map<'a' | 'b', Promise<EnglishG2P>>();
  const cjk = opts.cjk ?? defaultCjkAnalyzers();
  // English words inside Japanese or Chinese text are read by the American English path, as
  // misaki's `en_callable` does.
  const latin = async (text: string, signal?: AbortSignal): Promise<G2PResult> => (await englishFor('a')).phonemize(text, { user: null, ...(signal ? { signal } : {}) });
  const japanese = new JapaneseG2P(cjk.japanese, latin);
  const mandarin = new MandarinG2P(cjk.mandarin, latin);

  function englishFor(lang: 'a' | 'b'): Promise<EnglishG2P> {
    let g = english.get(lang);
    if (!g) {
      const british = lang === 'b';
      const files = opts.lexicons;
      g = files
        ? Lexicon.load(british ? files.gbGold : files.usGold, british ? files.gbSilver : files.usSilver, british).then((lex) => new EnglishG2P(lex, batcher, british))
        : Promise.resolve(new EnglishG2P(null, batcher, british));
      // A failed load (file missing, then downloaded) is retried on the next call.
      g.catch(() => english.delete(lang));
      english.set(lang, g);
    }
    return g;
  }

  return {
    async phonemize(text: string, lang: KokoroLang, o?: PhonemizeOptions): Promise<G2PResult> {
      if (!isKokoroLang(lang)) throw new KoeError('invalid_args', `“${String(lang)}” is not a Kokoro language code (a, b, e, f, h, i, p, j, z).`);
      const reason = UNSUPPORTED_REASON[lang];
      if (reason) throw new KoeError('unsupported', reason);
      if (o?.signal?.aborted) throw abortError();
      const user = UserDictionaries.from(o?.user);
      const input = typeof text === 'string' ? text : '';
      if (lang === 'a' || lang === 'b') {
        const g2p = await englishFor(lang);
        return g2p.phonemize(input, { user, signal: o?.signal });
      }
      if (lang === 'j' || lang === 'z') {
        const reader = lang === 'j' ? japanese : mandarin;
        return readWithUserEntries(input, o?.user, (t) => reader.phonemize(t, o?.signal ? { signal: o.signal } : {}));
      }
      return phonemizeWithEspeak(input, espeakEspeakVoiceFor(lang)!, batcher, user, o?.signal);
    },

    availability(lang: KokoroLang) {
      if (!isKokoroLang(lang)) return { available: false, reason: `“${String(lang)}” is not a Kokoro language code.` };
      const reason = UNSUPPORTED_REASON[lang];
      if (reason) return { available: false, reason };
      if (lang === 'j' || lang === 'z') return cjk.availability(lang);
      if (lang !== 'a' && lang !== 'b') return { available: true, reason: null };
      const files = opts.lexicons;
      if (!files) return { available: true, reason: NO_LEXICON_NOTE };
      const needed = lang === 'b' ? [files.gbGold, files.gbSilver] : [files.usGold, files.usSilver];
      const missing = needed.filter((f) => !existsSync(f));
      return missing.length
        ? { available: false, reason: `The English pronunciation dictionaries are missing (${missing.join(', ')}). Download the Kokoro model files again.` }
        : { available: true, reason: null };
    },
  };
}
