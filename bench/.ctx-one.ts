import { loadavg } from 'node:os';
import { benchPocketContext } from './pocket-context';
process.stdout.write(`load ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
for (const r of await benchPocketContext()) process.stdout.write(`${r.name}: ${r.value} ${r.unit} (${r.target})\n`);
process.stdout.write(`load ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
