// The EspeakIpa the app uses: the embedded espeak-ng wasm CLI with `--ipa` and a tie character.
// Plain `--ipa` prints no joiners; `--tie=^` marks the letters of one phoneme (`t^ʃ`), which the
// misaki rewrite rules need to tell a diphthong from two vowels. Never `-b=1` (ENGINES 1.6: it
// garbles non-ASCII text); the text travels in a file, so it is never read as an option.
import { KoeError } from '../../contract/errors';
import { INPUT_FILE, runEspeak, warmEspeak } from '../../espeak-ng/espeak-wasm';
import type { EspeakIpa } from './types';

export const wasmEspeakIpa: EspeakIpa = {
  async ipa(text, espeakVoice, opts) {
    const args = ['-q', '--ipa', ...(opts?.tie ? [`--tie=${opts.tie}`] : []), '-v', espeakVoice, '-f', INPUT_FILE];
    // The next call's instance starts preparing as soon as this one is done (espeak-wasm.ts).
    const run = await runEspeak(args, text).finally(warmEspeak);
    if (run.status !== 0) {
      throw new KoeError('engine', `eSpeak NG could not phonemize this text (${espeakVoice}): ${run.stderr.join(' ') || `exit status ${run.status}`}`);
    }
    return run.stdout.join('\n');
  },
};
