#!/usr/bin/env node
// `koe` launcher: runs the built CLI bundle. The build happens during `npm install` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('koe: Koe Studio is not built yet. Run "npm run build" in the project folder first.\n');
  process.exit(1);
}
await import(new URL('../out/main/cli.js', import.meta.url).href);
