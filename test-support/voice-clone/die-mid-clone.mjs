// Test-only child process: starts a clone and kills itself with SIGKILL inside the library
// transaction, after both rows are written and before the commit — the app closed mid-clone.
// argv: <dataDir> <modelsDir>. Runs the TypeScript source through the test hooks.
import { register } from 'node:module';

register('../ts-hooks.mjs', import.meta.url);
const { dieMidClone } = await import('./die-mid-clone.ts');
await dieMidClone(process.argv[2], process.argv[3]);
