// `koe voices`: the voice library as a table, or JSON for scripts.
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace } from '../face';
import { cliModelHint } from '../model-hints';
import { dirs, parse } from '../options';

export const voicesCommand: Command = {
  name: 'voices',
  calls: ['voices.list', 'models.list'],
  usage: `  koe voices [--json] [--language <code>] [--query <text>]
`,
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, language: { type: 'string' }, query: { type: 'string' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    await withFace(dirs(values), async (face) => {
      const voices = await face.call('voices.list', { ...(values.language ? { language: values.language } : {}), ...(values.query ? { query: values.query } : {}) });
      if (values.json) {
        process.stdout.write(`${JSON.stringify(voices, null, 2)}\n`);
        return;
      }
      // Voices that cannot speak yet say which command fetches what they lack.
      const kokoro = voices.some((v) => !v.available) ? (await face.call('models.list', {})).recommended.id : undefined;
      const rows = voices.map((v) => [v.id, v.name, v.language, v.gender, v.kind, v.available ? 'ready' : cliModelHint(v.unavailableReason ?? 'not available', kokoro)]);
      const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i]!.length), 4));
      for (const r of rows) process.stdout.write(`${r.map((c, i) => (i < 5 ? c.padEnd(widths[i]!) : c)).join('  ')}\n`);
      const missing = voices.filter((v) => !v.available).length;
      process.stderr.write(`${voices.length} voice${voices.length === 1 ? '' : 's'}${missing ? `, ${missing} not installed` : ''}\n`);
    });
  },
};
