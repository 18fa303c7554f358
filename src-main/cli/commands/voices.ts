// `koe voices`: the voice library as a table, or JSON for scripts.
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace } from '../face';
import { dirs, parse } from '../options';

export const voicesCommand: Command = {
  name: 'voices',
  calls: ['voices.list'],
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
      const rows = voices.map((v) => [v.id, v.name, v.language, v.gender, v.kind]);
      const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 4));
      for (const r of rows) process.stdout.write(`${r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ')}\n`);
      process.stderr.write(`${voices.length} voice${voices.length === 1 ? '' : 's'}\n`);
    });
  },
};
