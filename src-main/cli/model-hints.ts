// The core says what a voice lacks in the studio's words ("Download the Kokoro model in Models"); on
// the command line the useful answer is the command that fetches it. The sentences are the engines'
// own (kokoro/library-voices.ts, pocket/library-voices.ts); model-hints.test.ts holds them equal.
const HINTS: { says: string; model: (kokoro: string) => string; what: string }[] = [
  { says: 'Download the Kokoro model in Models', model: (kokoro) => kokoro, what: 'the Kokoro model' },
  { says: 'Download the Kokoro voices in Models', model: () => 'kokoro-v1.0-voices', what: "the Kokoro voices pack" },
  { says: 'Download Pocket TTS in Models', model: () => 'pocket-tts-en', what: 'Pocket TTS' },
];

/**
 * The message with each studio instruction replaced by its command. `kokoro`: the variant
 * recommended for this machine when known (models.list), else the one to look up.
 */
export function cliModelHint(message: string, kokoro?: string): string {
  let out = message;
  for (const h of HINTS) {
    if (!out.includes(h.says)) continue;
    const id = h.model(kokoro ?? '<variant>');
    const cmd = `koe models download ${id}`;
    out = out.replace(h.says, `${h.what} is not installed: run "${cmd}"${id.includes('<') ? ' (koe models list marks the recommended variant with *)' : ''}`);
  }
  return out;
}
