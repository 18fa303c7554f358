// `koe models` as a user runs it, against a model host on 127.0.0.1: list, download with progress,
// a cut connection and Ctrl-C resumed by running the command again, import, remove, and one-line
// errors. The lexicons are served from the reference copy so their pinned checksums really apply.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureServer } from '../test-support/models/host';

const MISAKI = process.env.KOE_MISAKI_DIR || join(process.cwd(), '..', 'shared', 'data', 'misaki');
const LEX_BASE = 'gh/hexgrad/misaki/fba1236595f2d2bf21d414ba6e57d25256afada3/misaki/data';

let server: FixtureServer;
let dataDir: string;
let modelsDir: string;

test.skip(!existsSync(MISAKI), 'needs misaki lexicons in KOE_MISAKI_DIR or ../shared/data/misaki');

test.beforeAll(async () => {
  server = await FixtureServer.start();
  for (const f of ['us_gold.json', 'us_silver.json', 'gb_gold.json', 'gb_silver.json']) server.serve(`${LEX_BASE}/${f}`, readFileSync(join(MISAKI, f)));
});
test.afterAll(() => server.close());
test.beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'koe-models-cli-'));
  modelsDir = join(dataDir, 'elsewhere', 'models');
  server.reset();
});
test.afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI without blocking this process, which also serves the model host. */
function koe(args: string[], opts: { onStderr?: (text: string, kill: () => void) => void } = {}): Promise<Run> {
  const env = { ...process.env, KOE_MODELS_DIR: modelsDir, KOE_MODEL_HOST: `${server.base}hf/`, KOE_GITHUB_RAW_HOST: `${server.base}gh/` };
  const child = spawn(process.execPath, ['bin/koe.js', ...args, '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    opts.onStderr?.(stderr, () => child.kill('SIGINT'));
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function expectOneLineError(r: Run, pattern: RegExp) {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('Run "koe help"') && !l.startsWith('progress '));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

test('list shows the catalog as text and JSON, in the folder KOE_MODELS_DIR names', async () => {
  const text = await koe(['models', 'list']);
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/^kokoro-v1\.0-fp32 \*\s+missing\s+325\.5 MB/m);
  expect(text.stdout).toMatch(/^kokoro-v1\.0-voices\s+missing\s+28\.2 MB/m);
  expect(text.stderr).toMatch(/recommended: .*8-bit slower than fp32 on CPU/);
  const json = await koe(['models', 'list', '--json']);
  const list = JSON.parse(json.stdout) as { modelsDir: string; assets: { id: string }[]; diskUse: { total: number }; hosts: { github: { from: string } } };
  expect(list.modelsDir).toBe(modelsDir);
  expect(list.assets.map((a) => a.id)).toEqual(expect.arrayContaining(['kokoro-v1.0-fp32', 'kokoro-v1.0-voices', 'misaki-en-us', 'misaki-en-gb', 'pocket-tts-en']));
  expect(list.assets).toHaveLength(12); // 8 Kokoro variants, the voice set, 2 lexicon sets, Pocket TTS English
  expect(list.diskUse.total).toBe(0);
  expect(list.hosts.github.from).toBe('env');
});

test('download with progress; a cut connection is resumed with Range', async () => {
  server.plan(`${LEX_BASE}/us_gold.json`, { kind: 'cut', after: 1_000_000 });
  const r = await koe(['models', 'download', 'misaki-en-us', '--progress']);
  expect(r.stderr).toMatch(/progress misaki-en-us downloading \d+\/6099986/);
  expect(r.stderr).toMatch(/progress misaki-en-us retrying/);
  expect(r.stderr).toMatch(/Installed misaki American English lexicons/);
  expect(r.code).toBe(0);
  expect(server.requestsFor(`${LEX_BASE}/us_gold.json`).map((q) => q.status)).toEqual([200, 206]);
  expect(readFileSync(join(modelsDir, 'misaki', 'us_gold.json')).equals(readFileSync(join(MISAKI, 'us_gold.json')))).toBe(true);
  const list = JSON.parse((await koe(['models', 'list', '--json'])).stdout) as { assets: { id: string; state: string }[] };
  expect(list.assets.find((a) => a.id === 'misaki-en-us')!.state).toBe('installed');
});

test('Ctrl-C keeps the partial download, and the same command resumes it', async () => {
  server.plan(`${LEX_BASE}/gb_gold.json`, { kind: 'stall', after: 500_000 });
  let interrupted = false;
  const first = await koe(['models', 'download', 'misaki-en-gb', '--progress'], {
    onStderr: (text, kill) => {
      // Once, like one press of Ctrl-C (a second press would end the process the default way).
      if (!interrupted && /downloading 500000\//.test(text)) {
        interrupted = true;
        kill();
      }
    },
  });
  expectOneLineError(first, /cancelled; the partial file is kept so it can resume/);
  expect(statSync(join(modelsDir, 'misaki', 'gb_gold.json.part')).size).toBe(500_000);
  const second = await koe(['models', 'download', 'misaki-en-gb']);
  expect(second.code).toBe(0);
  expect(server.log.at(-2)).toMatchObject({ range: 'bytes=500000-', status: 206 });
  expect(readdirSync(join(modelsDir, 'misaki')).sort()).toEqual(['gb_gold.json', 'gb_silver.json']);
});

test('import a folder, then remove', async () => {
  const r = await koe(['models', 'import', MISAKI]);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/Imported misaki\/us_silver\.json as misaki-en-us \(verified by sha256; misaki-en-us is now installed\)/);
  expect(server.log).toEqual([]);
  const gone = await koe(['models', 'remove', 'misaki-en-us']);
  expect(gone.code).toBe(0);
  expect(gone.stderr).toMatch(/Removed misaki American English lexicons \(gold \+ silver\) \(freed 6\.1 MB\)/);
  expect(existsSync(join(modelsDir, 'misaki', 'us_gold.json'))).toBe(false);
  expect(existsSync(join(modelsDir, 'misaki', 'gb_gold.json'))).toBe(true);
});

test('bad input: one clear line, non-zero exit', async () => {
  expectOneLineError(await koe(['models', 'download', 'kokoro-v9']), /Unknown model "kokoro-v9"/);
  expectOneLineError(await koe(['models', 'download', 'kokoro-v1.0-q8', '--only']), /Kokoro-82M v1\.0 \(q8\) is not on the model host \(404/);
  expectOneLineError(await koe(['models', 'import', join(dataDir, 'nothing.onnx')]), /There is no file at/);
  expectOneLineError(await koe(['models', 'import', join(MISAKI, 'README.md'), '--id', 'misaki-en-us']), /is not a file the catalog knows as misaki American English/);
  expectOneLineError(await koe(['models']), /models needs a subcommand/);
  expectOneLineError(await koe(['models', 'remove']), /models remove needs a model id/);
});
