// The voice encoder as the clone service gets it from the core: before each encode, the language's
// files (the encoder graph and the set it belongs to) must be verified by the model manager, so a
// cloned voice is never computed from a file that was dropped in, cut short or changed since. The
// clone service's own presence check comes first and gives the usual message; this is the backstop.
import { KoeError } from '../../contract/errors';
import type { ModelResolver } from '../onnx/model-resolver';
import type { CondEncoder } from './encoder';
import { pocketLanguage, pocketRel } from './model-files';

const SET = ['manifest.json', 'model.onnx', 'assets.json', 'encoder.onnx'] as const;

/** Every file cloning in `language` needs is verified by the model manager. */
export function verifiedCanClone(resolve: ModelResolver, language: string): boolean {
  return SET.every((f) => resolve(pocketRel(language, f)) !== null);
}

export function verifiedEncoder(resolve: ModelResolver, language: string, inner: CondEncoder): CondEncoder {
  return {
    encode: async (audio24k, signal) => {
      const missing = SET.filter((f) => resolve(pocketRel(language, f)) === null);
      if (missing.length) {
        const name = pocketLanguage(language)?.name ?? language;
        throw new KoeError('not_found', `Cloning needs Pocket TTS (${name}) with its voice encoder, verified: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing or not verified. Download Pocket TTS in Models.`);
      }
      return inner.encode(audio24k, signal);
    },
    dispose: () => inner.dispose(),
  };
}
