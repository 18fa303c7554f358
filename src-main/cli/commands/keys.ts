// `koe keys`: API keys for the speech API (/v1 on `koe serve` and the desktop app). `create` prints
// the new key alone on stdout, so `KEY=$(koe keys create --name x)` works; it is never shown again.
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace } from '../face';
import { dirs, parse } from '../options';

export const keysCommand: Command = {
  name: 'keys',
  calls: ['apiKeys.create', 'apiKeys.list', 'apiKeys.revoke'],
  usage: `  koe keys create --name <name>      a new API key for the speech API, printed once (stdout)
  koe keys list [--json]             the keys that work, with name, created and last used
  koe keys revoke <id>               stop a key at once, even on a running server
`,
  async run(args) {
    const [sub, ...rest] = args;
    const { values, positionals } = parse(rest, { name: { type: 'string' }, json: { type: 'boolean' } });
    await withFace(dirs(values), async (face) => {
      if (sub === 'create') {
        if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
        if (!values.name) throw new UsageError('koe keys create needs --name <name> (what the key is for, e.g. "Open WebUI")');
        const { key, secret } = await face.call('apiKeys.create', { name: values.name });
        process.stdout.write(`${secret}\n`);
        process.stderr.write(`Created key ${key.id} "${key.name}". Keep it now: it is not shown again.\n`);
      } else if (sub === 'list') {
        const keys = await face.call('apiKeys.list', {});
        if (values.json) {
          process.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
          return;
        }
        for (const k of keys) process.stdout.write(`${k.id}  ${k.prefix}…  ${k.name}  created ${k.createdAt}  last used ${k.lastUsedAt ?? 'never'}\n`);
        process.stderr.write(`${keys.length} key${keys.length === 1 ? '' : 's'}\n`);
      } else if (sub === 'revoke') {
        if (positionals.length !== 1) throw new UsageError('koe keys revoke needs the id of one key (see koe keys list)');
        const { revoked } = await face.call('apiKeys.revoke', { id: positionals[0]! });
        if (!revoked) throw new UsageError(`no working key has the id "${positionals[0]}" (see koe keys list)`);
        process.stderr.write(`Revoked key ${positionals[0]}.\n`);
      } else {
        throw new UsageError(sub ? `unknown keys command "${sub}": use create, list or revoke` : 'koe keys needs create, list or revoke');
      }
    });
  },
};
