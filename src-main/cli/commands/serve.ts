// `koe serve`: the studio UI in a browser plus the API, on 127.0.0.1 until interrupted.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Core } from '../../core/core';
import { startServer } from '../../server/server';
import { parseCorsOrigins } from '../../server/openai/cors';
import { Uploads } from '../../server/uploads';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { dirs, parse } from '../options';

export const serveCommand: Command = {
  name: 'serve',
  calls: ['app.info'],
  usage: `  koe serve [--port <n>] [--host <addr>] [--cors <origin,...>] [--no-ui]
                                     the studio in a browser and its API; prints the URL to open.
                                     The OpenAI-compatible speech API is at /v1 (needs a key: koe keys
                                     create). --host 0.0.0.0 (or a LAN address) opens /v1 alone to the
                                     network; it refuses to start without a key. --cors lets web pages
                                     of those origins (https://app.example.com) call /v1 from a browser
`,
  run: runServe,
};

async function runServe(args: string[]): Promise<void> {
  const started = performance.now();
  const { values, positionals } = parse(args, { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.1' }, 'no-ui': { type: 'boolean' }, cors: { type: 'string', default: '' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a whole number from 0 to 65535 (0 picks a free port)');
  let corsOrigins: string[];
  try {
    corsOrigins = parseCorsOrigins(values.cors);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  const hasUi = !values['no-ui'] && existsSync(`${rendererDir}index.html`);
  const { dataDir, modelsDir } = dirs(values);
  const uploads = new Uploads(join(dataDir, 'uploads'));
  // An upload outlives no server: the page that sent it is gone with the server that took it.
  await uploads.sweep(0);
  // Paths in calls may name only the uploads (to read) and this folder (to write); see file-paths.ts.
  const downloadsDir = join(dataDir, 'downloads');
  mkdirSync(downloadsDir, { recursive: true, mode: 0o700 });
  const core = await Core.create({
    dataDir,
    modelsDir,
    face: { kind: 'server', fileRoots: { read: [uploads.dir, downloadsDir], write: [downloadsDir] } },
    engineWorker: new URL('./engine-worker.js', import.meta.url),
    encodeWorker: new URL('./encode-worker.js', import.meta.url),
    fliteChild: { script: new URL('./flite-child.js', import.meta.url) },
  });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      handlers: core.handlers,
      rendererDir: hasUi ? rendererDir : null,
      takeDownload: (id) => core.downloads.take(id),
      uploads,
      port,
      host: values.host,
      // Origins named here, and those saved in Settings → Speech API (read per request, so an edit applies at once).
      speechApi: { keys: core.library.apiKeys, corsOrigins: () => [...corsOrigins, ...core.library.settings.getSetting('apiCorsOrigins')] },
      onConnect: (ctx) => core.attach(ctx),
      onDisconnect: (origin) => core.detach(origin),
    });
  } catch (e) {
    await core.close();
    // A LAN address without a key, or a port in use: the user's to fix, said in one line.
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const readyMs = Math.round(performance.now() - started);
  process.stdout.write(`Koe Studio is running at ${server.openUrl}\n`);
  if (values.host !== '127.0.0.1') process.stderr.write(`The speech API listens on ${values.host}:${server.port} (every request needs an API key).\n`);
  const cors = [...new Set([...corsOrigins, ...core.library.settings.getSetting('apiCorsOrigins')])];
  if (cors.length) process.stderr.write(`Web pages at ${cors.join(', ')} may call the speech API from a browser (with a key).\n`);
  if (!hasUi) process.stderr.write('(no built UI found: the API is available at /rpc and /api)\n');
  if (process.env.KOE_REPORT_READY) process.stderr.write(`ready in ${readyMs} ms\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await core.close();
  await uploads.sweep(0);
}
