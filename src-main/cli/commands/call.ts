// `koe call <name> [json]` and `koe calls`: any contract call from the command line, derived from
// the call table itself, so scripting the studio needs no server and no command written for it.
// Events the call causes (progress) are printed to stderr as JSON lines with --events.
import { CALL_NAMES, calls, EVENT_NAMES, isCallName } from '../../contract/calls';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace } from '../face';
import { dirs, parse } from '../options';

export const callCommand: Command = {
  name: 'call',
  calls: [],
  usage: `  koe call <name> ['<json arguments>'] [--events]
                                any contract call, e.g. koe call voices.list '{"language":"fr"}';
                                prints the result as JSON (koe calls lists them)
`,
  async run(args) {
    const { values, positionals } = parse(args, { events: { type: 'boolean' } });
    const [name, json, extra] = positionals;
    if (!name) throw new UsageError('call needs a call name (koe calls lists them)');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}" (pass the arguments as one JSON object)`);
    if (!isCallName(name)) throw new UsageError(`there is no call named "${name}" (koe calls lists them)`);
    let parsed: unknown = {};
    if (json !== undefined) {
      try {
        parsed = JSON.parse(json);
      } catch (e) {
        throw new UsageError(`the arguments are not JSON: ${(e as Error).message}`);
      }
    }
    await withFace(dirs(values), async (face) => {
      if (values.events) for (const ev of EVENT_NAMES) face.on(ev, (payload) => process.stderr.write(`${JSON.stringify({ event: ev, payload }, (_k, v: unknown) => (v instanceof Float32Array ? `<${v.length} samples>` : v))}\n`));
      const result = await face.call(name, parsed as never);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    });
  },
};

export const callsCommand: Command = {
  name: 'calls',
  calls: [],
  usage: `  koe calls                     every contract call with what it does
`,
  async run(args) {
    const { positionals } = parse(args, {});
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const width = Math.max(...CALL_NAMES.map((n) => n.length));
    for (const name of CALL_NAMES) process.stdout.write(`${name.padEnd(width)}  ${calls[name].doc}\n`);
  },
};
