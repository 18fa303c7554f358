// `koe doctor`: the installation's health (app.health) as one line per check; exits 1 when a check
// failed, so a script or a support thread can act on it.
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace } from '../face';
import { dirs, parse } from '../options';

const MARK = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', info: 'info' } as const;

export const doctorCommand: Command = {
  name: 'doctor',
  calls: ['app.health'],
  usage: `  koe doctor [--json]          check Node, SQLite, ONNX Runtime, the data folder, models and engines
`,
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    await withFace(dirs(values), async (face) => {
      const { checks } = await face.call('app.health', {});
      if (values.json) process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
      else for (const c of checks) process.stdout.write(`${MARK[c.status]}  ${c.label}: ${c.detail}\n`);
      const failed = checks.filter((c) => c.status === 'fail').length;
      if (failed > 0) {
        process.stderr.write(`koe: ${failed} check${failed === 1 ? '' : 's'} failed\n`);
        process.exitCode = 1;
      }
    });
  },
};
