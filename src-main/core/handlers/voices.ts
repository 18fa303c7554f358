// The voice library and how words are said: list voices, save and delete Kokoro blends, and the
// global and per-project pronunciations (phonemes checked against Kokoro's symbols on the way in).
import type { Handlers } from '../../contract/dispatch';
import { KoeError } from '../../contract/errors';
import { checkedEntry } from '../../speech/lexicon';
import type { Services } from '../services';

type VoiceCallName = 'voices.list' | 'voices.saveBlend' | 'voices.delete' | Exclude<Extract<keyof Handlers, `pronunciations.${string}`>, 'pronunciations.importPls' | 'pronunciations.exportPls'>;

export function createVoiceHandlers(s: Pick<Services, 'library' | 'router' | 'kokoro'>): Pick<Handlers, VoiceCallName> {
  const { voices, pronunciations } = s.library;
  return {
    'voices.list': async (args) => voices.listVoices(args),
    'voices.saveBlend': async (args) => {
      const parts = args.parts.map((p) => {
        const ref = s.router.voiceRef(p.voiceId);
        if (!s.router.get(ref.engine)?.capabilities().blends) throw new KoeError('unsupported', `Only Kokoro voices can be blended; "${p.voiceId}" is a ${ref.engine} voice.`);
        return { voice: ref.voice, weight: p.weight };
      });
      const slug = args.name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'blend';
      let id = `blend-${slug}`;
      for (let n = 2; voices.getVoice(`kokoro:${id}`); n++) id = `blend-${slug}-${n}`;
      const voice = await s.kokoro.saveBlend({ id, name: args.name, parts });
      return voices.putUserVoice(voice);
    },
    'voices.delete': async (args) => {
      const voice = voices.getVoice(args.id);
      const deleted = voices.deleteVoice(args.id);
      if (deleted && voice?.kind === 'blend' && voice.engine === 'kokoro') await s.kokoro.removeCustom(s.router.voiceRef(voice.id).voice);
      return { deleted };
    },
    'pronunciations.list': async (args) => pronunciations.list(args.projectId ?? null),
    'pronunciations.set': async (args) => {
      const checked = checkedEntry({ word: args.word, ...(args.phonemes ? { phonemes: args.phonemes } : {}), ...(args.respelling ? { respelling: args.respelling } : {}) });
      return pronunciations.set({ ...args, phonemes: checked.phonemes ?? null, respelling: checked.respelling ?? null });
    },
    'pronunciations.delete': async (args) => ({ deleted: pronunciations.delete(args.id) }),
  };
}
