import { describe, expect, it } from 'vitest';
import { NO_MODEL_REASON, NO_PACK_REASON } from '../engines/kokoro/library-voices';
import { NO_POCKET_REASON } from '../engines/pocket/library-voices';
import { cliModelHint } from './model-hints';

describe('model hints on the command line', () => {
  it("turns each engine's studio instruction into the command that fetches the model", () => {
    expect(cliModelHint(NO_MODEL_REASON, 'kokoro-v1.0-q8')).toBe('the Kokoro model is not installed: run "koe models download kokoro-v1.0-q8"');
    expect(cliModelHint(NO_PACK_REASON)).toBe('the Kokoro voices pack is not installed: run "koe models download kokoro-v1.0-voices"');
    expect(cliModelHint(`Voice "Heart": ${NO_POCKET_REASON}.`)).toBe('Voice "Heart": Pocket TTS is not installed: run "koe models download pocket-tts-en".');
    expect(cliModelHint(NO_MODEL_REASON)).toMatch(/koe models download <variant>" \(koe models list marks the recommended variant with \*\)/);
  });

  it('leaves other messages alone', () => {
    expect(cliModelHint('Script file not found: x.txt')).toBe('Script file not found: x.txt');
  });
});
