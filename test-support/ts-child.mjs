// Test-only child-process entry: installs the TypeScript hooks, then runs the .ts entry given as the
// first argument (the engine's child entry under test). Never part of the app.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./ts-hooks.mjs', import.meta.url);
await import(pathToFileURL(process.argv[2]).href);
