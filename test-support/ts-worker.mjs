// Test-only worker entry: installs the TypeScript hooks, then runs the .ts entry named in workerData.
import { register } from 'node:module';
import { workerData } from 'node:worker_threads';

register('./ts-hooks.mjs', import.meta.url);
await import(workerData.entry);
