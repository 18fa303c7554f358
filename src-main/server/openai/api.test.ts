// The speech API on a real core over loopback: keys (hashed, revoked at once), every response format
// decoded by ffmpeg to audio of a plausible length, OpenAI-shaped errors with their status codes,
// and a server that keeps answering whatever arrives.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../test-support/rng';
import { useTestServer } from '../../../test-support/server';

const t = useTestServer('koe-openai-api');
const TEXT = 'The quick brown fox jumps over the lazy dog. It was a bright cold day in April.';

function url(path: string): string {
  return `${t.server.url}${path}`;
}

async function speech(body: unknown, key: string | null): Promise<Response> {
  return fetch(url('/v1/audio/speech'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function newKey(name = 'test'): string {
  return t.core.library.apiKeys.create(name).secret;
}

/** Seconds of audio ffmpeg decodes from `bytes` (pcm: raw 24 kHz s16le). */
function decodedSeconds(bytes: Uint8Array, format: string): number {
  const file = join(t.dir, `probe.${format === 'opus' ? 'ogg' : format}`);
  writeFileSync(file, bytes);
  const input = format === 'pcm' ? ['-f', 's16le', '-ar', '24000', '-ac', '1', '-i', file] : ['-i', file];
  const pcm = execFileSync('ffmpeg', ['-v', 'error', ...input, '-f', 'f32le', '-ac', '1', '-ar', '24000', '-'], { maxBuffer: 1 << 28 });
  return pcm.length / 4 / 24000;
}

async function expectApiError(res: Response, status: number, param: string | null, code?: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { message: string; type: string; param: string | null; code: string | null } };
  expect(body.error).toMatchObject({ message: expect.any(String), type: expect.any(String), param });
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  if (code) expect(body.error.code).toBe(code);
  return body.error;
}

describe('API keys', () => {
  it('keeps only a hash: the secret is nowhere in the database file', async () => {
    const secret = newKey('hash check');
    const rows = t.core.library.db.prepare('SELECT * FROM api_keys').all() as Record<string, unknown>[];
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(10));
    t.core.library.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(t.core.library.path);
    expect(file.includes(Buffer.from(secret.slice(10)))).toBe(false);
  });

  it('refuses a missing, a wrong and a revoked key with 401, and a revoke takes effect on the next request', async () => {
    await expectApiError(await fetch(url('/v1/models')), 401, null, 'missing_api_key');
    await expectApiError(await fetch(url('/v1/models'), { headers: { Authorization: 'Bearer koe-not-a-key' } }), 401, null, 'invalid_api_key');
    const secret = newKey('to revoke');
    expect((await fetch(url('/v1/models'), { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(200);
    const id = t.core.library.apiKeys.list().find((k) => k.name === 'to revoke')!.id;
    const revoked = await t.api('apiKeys.revoke', JSON.stringify({ id }));
    expect(revoked.body).toMatchObject({ ok: true, result: { revoked: true } });
    await expectApiError(await fetch(url('/v1/models'), { headers: { Authorization: `Bearer ${secret}` } }), 401, null, 'invalid_api_key');
  });

  it('lists keys without their secrets and records their use', async () => {
    const secret = newKey('listed');
    await fetch(url('/v1/models'), { headers: { Authorization: `Bearer ${secret}` } });
    const list = await t.api('apiKeys.list', '{}');
    const k = (list.body.result as { name: string; prefix: string; lastUsedAt: string | null }[]).find((x) => x.name === 'listed')!;
    expect(k.lastUsedAt).not.toBeNull();
    expect(secret.startsWith(k.prefix)).toBe(true);
    expect(JSON.stringify(list.body)).not.toContain(secret);
  });
});

describe('POST /v1/audio/speech', () => {
  for (const format of ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as const) {
    it(`answers ${format} that decodes to audio of plausible length`, async () => {
      const key = newKey(format);
      const res = await speech({ model: 'espeak', voice: 'en-us', input: TEXT, response_format: format }, key);
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const seconds = decodedSeconds(bytes, format);
      // ~16 words a sentence, two sentences: eSpeak reads them in about 3 to 8 seconds.
      expect(seconds).toBeGreaterThan(2.5);
      expect(seconds).toBeLessThan(10);
    });
  }

  it('speaks faster with a higher speed, and accepts OpenAI voice names with tts-1 and the espeak model', async () => {
    const key = newKey('speed');
    const slow = decodedSeconds(new Uint8Array(await (await speech({ model: 'espeak', voice: 'alloy', input: TEXT, response_format: 'wav', speed: 0.5 }, key)).arrayBuffer()), 'wav');
    const fast = decodedSeconds(new Uint8Array(await (await speech({ model: 'espeak', voice: 'espeak:en-us', input: TEXT, response_format: 'wav', speed: 4 }, key)).arrayBuffer()), 'wav');
    expect(slow).toBeGreaterThan(fast * 2);
  });

  it("says in Server-Timing what the first audio waited for: the engine's own part and the server's whole", async () => {
    const key = newKey('timing');
    const input = 'Timed once by the engine, then by the cache.';
    for (let i = 0; i < 2; i++) {
      const res = await speech({ model: 'espeak', voice: 'en-us', input, response_format: 'pcm' }, key);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      const m = /engine;desc="[^"]*";dur=([\d.]+), server;desc="[^"]*";dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
      expect(m, res.headers.get('server-timing') ?? 'no Server-Timing').not.toBeNull();
      expect(Number(m![1])).toBeLessThanOrEqual(Number(m![2]));
    }
  });

  it('streams SSE events as OpenAI defines them', async () => {
    const res = await speech({ model: 'espeak', voice: 'en-us', input: TEXT, response_format: 'pcm', stream_format: 'sse' }, newKey('sse'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await res.text())
      .split('\n\n')
      .filter(Boolean)
      .map((e) => JSON.parse(e.replace(/^data: /, '')) as { type: string; audio?: string; usage?: unknown });
    expect(events.at(-1)).toMatchObject({ type: 'speech.audio.done', usage: { input_tokens: TEXT.length, output_tokens: expect.any(Number), total_tokens: expect.any(Number) } });
    const deltas = events.slice(0, -1);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.every((e) => e.type === 'speech.audio.delta' && typeof e.audio === 'string')).toBe(true);
    const pcm = Buffer.concat(deltas.map((e) => Buffer.from(e.audio!, 'base64')));
    expect(decodedSeconds(pcm, 'pcm')).toBeGreaterThan(2.5);
  });

  it('gives OpenAI-shaped errors with the right status codes', async () => {
    const key = newKey('errors');
    const ok = { model: 'espeak', voice: 'en-us', input: 'Hello.' };
    await expectApiError(await speech({ ...ok, voice: 'no-such-voice' }, key), 400, 'voice', 'voice_not_found');
    await expectApiError(await speech({ ...ok, input: '' }, key), 400, 'input');
    await expectApiError(await speech({ ...ok, input: '   ' }, key), 400, 'input');
    await expectApiError(await speech({ ...ok, input: 'a'.repeat(4097) }, key), 400, 'input', 'string_above_max_length');
    await expectApiError(await speech({ ...ok, response_format: 'ogg' }, key), 400, 'response_format');
    await expectApiError(await speech({ ...ok, speed: 5 }, key), 400, 'speed');
    await expectApiError(await speech({ ...ok, speed: 0.1 }, key), 400, 'speed');
    await expectApiError(await speech({ ...ok, speed: '1' }, key), 400, 'speed');
    await expectApiError(await speech({ ...ok, model: 'gpt-5' }, key), 404, 'model', 'model_not_found');
    await expectApiError(await speech({ ...ok, model: 'espeak', voice: 'kokoro:af_heart' }, key), 400, 'voice');
    await expectApiError(await speech({ ...ok, model: 'kokoro', voice: 'alloy' }, key), 400, 'voice', 'voice_unavailable');
    await expectApiError(await speech('{"model":', key), 400, null, 'invalid_json');
    await expectApiError(await speech('[1,2]', key), 400, null);
    await expectApiError(await speech({ ...ok, input: 'x'.repeat(300_000) }, key), 413, null, 'request_too_large');
    await expectApiError(await fetch(url('/v1/audio/speech'), { headers: { Authorization: `Bearer ${key}` } }), 405, null);
    await expectApiError(await fetch(url('/v1/chat/completions'), { headers: { Authorization: `Bearer ${key}` } }), 404, null);
  });
});

describe('GET /v1/models and /v1/audio/voices', () => {
  it('lists the models and the voices with engine, language, gender and whether installed', async () => {
    const headers = { Authorization: `Bearer ${newKey('lists')}` };
    const models = (await (await fetch(url('/v1/models'), { headers })).json()) as { object: string; data: { id: string; object: string }[] };
    expect(models.object).toBe('list');
    expect(models.data.map((m) => m.id)).toEqual(expect.arrayContaining(['kokoro', 'pocket', 'espeak', 'tts-1', 'tts-1-hd']));
    expect((await fetch(url('/v1/models/tts-1'), { headers })).status).toBe(200);
    const voices = (await (await fetch(url('/v1/audio/voices'), { headers })).json()) as { voices: { id: string; engine: string; installed: boolean; language: string; gender: string }[]; openai_voices: Record<string, string> };
    expect(voices.voices.find((v) => v.id === 'espeak:en-us')).toMatchObject({ engine: 'espeak', installed: true, language: 'en-us' });
    expect(voices.voices.find((v) => v.id === 'kokoro:af_alloy')).toMatchObject({ engine: 'kokoro', installed: false });
    expect(voices.openai_voices.alloy).toBe('kokoro:af_alloy');
  });
});

describe('the server stays up', () => {
  it('answers every random body with an OpenAI-shaped error or audio', async () => {
    const key = newKey('fuzz');
    const rand = seededRandom(15);
    const values: unknown[] = [null, true, -1, 1e308, '', 'x', [], {}, { toString: 1 }, '__proto__', 'a'.repeat(5000), 0.25, 4, 'tts-1', 'alloy', 'mp3', 'sse'];
    const pick = () => values[Math.floor(rand() * values.length)];
    for (let i = 0; i < 60; i++) {
      const body: Record<string, unknown> = {};
      for (const f of ['model', 'input', 'voice', 'response_format', 'speed', 'instructions', 'stream_format']) if (rand() < 0.7) body[f] = pick();
      const res = await speech(body, key);
      if (res.status === 200) await res.arrayBuffer();
      else expect(((await res.json()) as { error: { message: string } }).error.message).toEqual(expect.any(String));
    }
    // A client that hangs up mid-stream cancels its synthesis; the next request is served.
    const ctrl = new AbortController();
    const res = await fetch(url('/v1/audio/speech'), { method: 'POST', signal: ctrl.signal, headers: { Authorization: `Bearer ${key}` }, body: JSON.stringify({ model: 'espeak', voice: 'en-us', input: TEXT.repeat(20) }) });
    const reader = res.body!.getReader();
    await reader.read();
    ctrl.abort();
    expect((await speech({ model: 'espeak', voice: 'en-us', input: 'Still here.' }, key)).status).toBe(200);
  });
});
