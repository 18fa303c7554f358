// `koe normalize` and `koe phonemize`: what the text front end makes of a text, to check a
// pronunciation before rendering anything.
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace } from '../face';
import { dirs, parse } from '../options';

export const normalizeCommand: Command = {
  name: 'normalize',
  calls: ['text.normalize'],
  usage: `  koe normalize <text> [--lang <code>]   print the words that will be spoken
`,
  async run(args) {
    const { values, positionals } = parse(args, { lang: { type: 'string', default: 'en-us' } });
    const text = positionals.join(' ');
    if (!text.trim()) throw new UsageError('normalize needs some text, e.g. koe normalize "Dr. Smith paid $5.50 on 3/4/2024"');
    await withFace(dirs(values), async (face) => {
      const { spoken } = await face.call('text.normalize', { text, language: String(values.lang) });
      process.stdout.write(`${spoken}\n`);
    });
  },
};

export const phonemizeCommand: Command = {
  name: 'phonemize',
  calls: ['text.phonemize'],
  usage: `  koe phonemize <text> [--lang en-us|en-gb|es|fr-fr|hi|it|pt-br|ja|zh|<espeak code>] [--json] [--espeak]
      Kokoro's phonemes and where each word's came from (user, gold, silver, morphology, espeak;
      dictionary for Japanese and Mandarin readings, unknown for what nothing could read).
`,
  async run(args) {
    const { values, positionals } = parse(args, {
      lang: { type: 'string', default: 'en-us' },
      espeak: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const text = positionals.join(' ');
    if (!text.trim()) throw new UsageError('phonemize needs some text');
    await withFace(dirs(values), async (face) => {
      const result = await face.call('text.phonemize', { text, language: String(values.lang), espeak: !!values.espeak });
      if (result.engine === 'espeak') {
        process.stdout.write(`${result.phonemes}\n`);
        return;
      }
      if (result.note) process.stderr.write(`note: ${result.note}\n`);
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ phonemes: result.phonemes, words: result.words }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${result.phonemes}\n\n`);
      const words = result.words.filter((w) => w.source !== 'punctuation');
      const width = Math.min(24, Math.max(4, ...words.map((w) => w.text.length)));
      const pwidth = Math.min(28, Math.max(8, ...words.map((w) => w.phonemes.length)));
      for (const w of words) process.stdout.write(`${w.text.padEnd(width)}  ${w.phonemes.padEnd(pwidth)}  ${w.source}\n`);
    });
  },
};
