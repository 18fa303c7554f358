// The speech API as other programs use it: the official `openai` npm client against `koe serve` on
// 127.0.0.1, with a key made by `koe keys create`. Every format decodes to audio of a plausible
// length, streaming delivers audio before synthesis ends, the error cases come back as the client's
// typed errors, a revoked key stops at once, a LAN listener needs a key, and the server stays up.
import { test, expect } from '@playwright/test';
import { execFileSync, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startServe } from './harness';

const FIXTURE_MODELS = join(process.cwd(), 'models', 'fixtures');
const TEXT = 'The quick brown fox jumps over the lazy dog. It was a bright cold day in April.';
const root = mkdtempSync(join(tmpdir(), 'koe-openai-e2e-'));
const dataDir = join(root, 'data');
let server: { proc: ChildProcess; url: string };
let origin = '';
let key = '';
let client: OpenAI;

function koe(args: string[], dir = dataDir) {
  const r = spawnSync(process.execPath, ['out/main/cli.js', ...args, '--data-dir', dir], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function seconds(bytes: Uint8Array, format: string): number {
  const file = join(root, `out.${format === 'opus' ? 'ogg' : format}`);
  writeFileSync(file, bytes);
  const input = format === 'pcm' ? ['-f', 's16le', '-ar', '24000', '-ac', '1', '-i', file] : ['-i', file];
  return execFileSync('ffmpeg', ['-v', 'error', ...input, '-f', 'f32le', '-ac', '1', '-'], { maxBuffer: 1 << 28 }).length / 4 / 24000;
}

async function stop(p: ChildProcess) {
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await exited;
}

async function apiError(p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OpenAI.APIError);
    return e as InstanceType<typeof OpenAI.APIError>;
  }
  throw new Error('the request succeeded');
}

test.beforeAll(async () => {
  const created = koe(['keys', 'create', '--name', 'e2e']);
  expect(created.code).toBe(0);
  key = created.stdout.trim();
  // The key alone on stdout: what `KEY=$(koe keys create …)` captures.
  expect(created.stdout).toMatch(/^koe-[A-Za-z0-9_-]{40,}\n$/);
  server = await startServe(dataDir, ['--no-ui'], { KOE_MODELS_DIR: FIXTURE_MODELS });
  origin = new URL(server.url).origin;
  client = new OpenAI({ apiKey: key, baseURL: `${origin}/v1`, maxRetries: 0 });
});

test.afterAll(async () => {
  if (server) await stop(server.proc);
  rmSync(root, { recursive: true, force: true });
});

test('every response format decodes to audio of plausible length', async () => {
  for (const format of ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as const) {
    const res = await client.audio.speech.create({ model: 'espeak', voice: 'en-us', input: TEXT, response_format: format });
    const s = seconds(new Uint8Array(await res.arrayBuffer()), format);
    expect(s, format).toBeGreaterThan(2.5);
    expect(s, format).toBeLessThan(10);
  }
  // OpenAI's model and voice names reach Kokoro (the fixture model: its audio's length follows the text).
  const kokoro = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: TEXT, response_format: 'wav', speed: 1, instructions: 'Speak warmly.' });
  expect(seconds(new Uint8Array(await kokoro.arrayBuffer()), 'wav')).toBeGreaterThan(0.5);
});

test('streaming delivers the first bytes before synthesis ends, as raw audio and as SSE', async () => {
  const long = Array.from({ length: 30 }, (_, i) => `Sentence number ${i + 1} of a long text, read aloud as it is written.`).join(' ');
  const started = performance.now();
  const res = await client.audio.speech.create({ model: 'espeak', voice: 'en-us', input: long, response_format: 'pcm' });
  const reader = res.body!.getReader();
  let first = 0;
  let bytes = 0;
  let reads = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!first) first = performance.now() - started;
    bytes += value.length;
    reads++;
  }
  const total = performance.now() - started;
  expect(reads).toBeGreaterThan(3);
  // The first audio came while most of the text was still to be spoken.
  expect(first).toBeLessThan(total / 3);
  expect(bytes / 2 / 24000).toBeGreaterThan(60);

  const sse = await client.audio.speech.create({ model: 'espeak', voice: 'en-us', input: TEXT, response_format: 'mp3', stream_format: 'sse' });
  const events = (await sse.text()).split('\n\n').filter(Boolean).map((e) => JSON.parse(e.slice('data: '.length)) as { type: string; audio?: string });
  expect(events.at(-1)!.type).toBe('speech.audio.done');
  const mp3 = Buffer.concat(events.filter((e) => e.type === 'speech.audio.delta').map((e) => Buffer.from(e.audio!, 'base64')));
  expect(seconds(mp3, 'mp3')).toBeGreaterThan(2.5);
});

test('the error cases are OpenAI errors with the right status, and the server stays up', async () => {
  const base = { model: 'espeak', voice: 'en-us', input: 'Hello.' } as const;
  expect(await apiError(client.audio.speech.create({ ...base, voice: 'nobody' }))).toMatchObject({ status: 400, param: 'voice', code: 'voice_not_found' });
  expect(await apiError(client.audio.speech.create({ ...base, input: '' }))).toMatchObject({ status: 400, param: 'input' });
  expect(await apiError(client.audio.speech.create({ ...base, input: 'a'.repeat(4097) }))).toMatchObject({ status: 400, param: 'input', code: 'string_above_max_length' });
  expect(await apiError(client.audio.speech.create({ ...base, response_format: 'ogg' as 'mp3' }))).toMatchObject({ status: 400, param: 'response_format' });
  expect(await apiError(client.audio.speech.create({ ...base, speed: 4.5 }))).toMatchObject({ status: 400, param: 'speed' });
  expect(await apiError(client.audio.speech.create({ ...base, model: 'no-such-model' }))).toMatchObject({ status: 404, code: 'model_not_found' });
  expect(await apiError(client.audio.speech.create({ ...base, input: 'x'.repeat(300_000) }))).toMatchObject({ status: 413 });

  // Missing key: a plain request, since the client always sends one.
  const missing = await fetch(`${origin}/v1/audio/speech`, { method: 'POST', body: JSON.stringify(base) });
  expect(missing.status).toBe(401);
  expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'missing_api_key', param: null, message: expect.any(String) } });
  const wrong = new OpenAI({ apiKey: 'koe-wrong', baseURL: `${origin}/v1`, maxRetries: 0 });
  expect(await apiError(wrong.models.list())).toBeInstanceOf(OpenAI.AuthenticationError);

  // Revoked from another process (the CLI) while the server runs: refused on the very next request.
  const second = koe(['keys', 'create', '--name', 'short-lived']).stdout.trim();
  const shortLived = new OpenAI({ apiKey: second, baseURL: `${origin}/v1`, maxRetries: 0 });
  expect((await shortLived.models.list()).data.map((m) => m.id)).toContain('tts-1');
  const id = (JSON.parse(koe(['keys', 'list', '--json']).stdout) as { id: string; name: string }[]).find((k) => k.name === 'short-lived')!.id;
  expect(koe(['keys', 'revoke', id]).code).toBe(0);
  expect(await apiError(shortLived.models.list())).toMatchObject({ status: 401, code: 'invalid_api_key' });

  // Still serving after all of it.
  expect((await client.models.list()).data.length).toBeGreaterThan(0);
});

test('listening beyond loopback needs a key: refused to start without one, and every LAN request without one is refused', async () => {
  const bare = join(root, 'bare');
  const refused = koe(['serve', '--host', '0.0.0.0', '--no-ui'], bare);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/needs an API key: create one first/);

  const lanDir = join(root, 'lan');
  const lanKey = koe(['keys', 'create', '--name', 'lan'], lanDir).stdout.trim();
  const lan = await startServe(lanDir, ['--host', '0.0.0.0', '--no-ui']);
  try {
    const port = new URL(lan.url).port;
    const address = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.1';
    const none = await fetch(`http://${address}:${port}/v1/models`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'missing_api_key' } });
    const withKey = await fetch(`http://${address}:${port}/v1/models`, { headers: { Authorization: `Bearer ${lanKey}` } });
    expect(withKey.status).toBe(200);
    // The studio itself stays on loopback: its pages and RPC are not served to a LAN address.
    if (address !== '127.0.0.1') expect((await fetch(`http://${address}:${port}/api/app.info`, { method: 'POST' })).status).toBe(421);
  } finally {
    await stop(lan.proc);
  }
});
