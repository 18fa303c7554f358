// The cloning calls through the shared dispatcher on a real Core (fixture Pocket TTS model, real
// library): recorder PCM in, progress events out, the voice in the library and speaking through
// the speech service, export as a download, delete; and the contract refusing bad arguments.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type CallContext } from '../../contract/dispatch';
import type { EventName } from '../../contract/calls';
import { pocketFixtures } from '../../../test-support/engines/pocket-fixtures';
import { mix, speechLike, whiteNoise } from '../../../test-support/voice-clone/signals';
import { Core } from '../core';

let dir: string;
let core: Core;
const events: { name: EventName; payload: unknown }[] = [];
const ctx: CallContext = { origin: 'test', emit: (name, payload) => void events.push({ name, payload }) };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koe-clone-core-'));
  const modelsDir = join(dir, 'models');
  cpSync(pocketFixtures().dir, join(modelsDir, 'pocket', 'en'), { recursive: true });
  core = await Core.create({ dataDir: join(dir, 'data'), modelsDir, face: { kind: 'cli' } });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(name: string, args: unknown) {
  const reply = await dispatch(core.handlers, name, args, ctx);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result as Record<string, unknown>;
}

/** What the recorder sends: interleaved little-endian float32, base64. */
function recorderPcm(seconds: number, rate = 48_000) {
  const mono = mix(speechLike(seconds, rate), whiteNoise(seconds, rate, -80));
  const stereo = new Float32Array(mono.length * 2);
  mono.forEach((x, i) => {
    stereo[2 * i] = x;
    stereo[2 * i + 1] = x;
  });
  return { kind: 'pcm', base64: Buffer.from(stereo.buffer).toString('base64'), sampleRate: rate, channels: 2 };
}

describe('clone calls', () => {
  it('checks, clones with progress, lists, speaks, exports and deletes', async () => {
    const { statement } = await call('clone.consentText', {});
    expect(String(statement)).toMatch(/my own voice/);
    const report = await call('clone.check', { source: recorderPcm(9) });
    expect(report).toMatchObject({ ok: true, input: { format: 'PCM', sampleRate: 48_000, channels: 2 } });

    const made = await call('clone.create', { source: recorderPcm(9), name: 'Studio me', consent: { statement: String(statement), accepted: true, who: 'Ana' }, jobId: 'job-12345' });
    const voiceId = (made.voice as { id: string }).id;
    expect(events.filter((e) => e.name === 'clone.progress').map((e) => (e.payload as { stage: string }).stage)).toEqual(['reading', 'checking', 'processing', 'encoding', 'saving', 'done']);
    expect((await call('voices.list', { query: 'clone' })) as unknown).toEqual([expect.objectContaining({ id: voiceId, kind: 'clone', available: true })]);
    expect(await call('clone.list', {})).toEqual([expect.objectContaining({ voiceId, name: 'Studio me', consent: expect.objectContaining({ who: 'Ana' }) })]);

    const pcm = await core.speech.render({ text: String(made.previewText), voiceId, params: { speed: 1, pitch: 50 } });
    expect(pcm.length).toBeGreaterThan(24_000);

    const exported = await call('clone.export', { voiceId, destination: { kind: 'download' } });
    expect(exported).toMatchObject({ path: null, fileName: 'Studio-me.koevoice', downloadUrl: expect.stringMatching(/^\/download\//) });
    expect(await call('clone.rename', { voiceId, name: 'Studio me 2' })).toMatchObject({ name: 'Studio me 2' });
    expect(await call('clone.delete', { voiceId })).toEqual({ deleted: true });
    expect(await call('clone.list', {})).toEqual([]);
  });

  it('cancels a clone in flight by its job id, storing nothing', async () => {
    const statement = String((await call('clone.consentText', {})).statement);
    // Cancel from the first progress event: the clone has started reading, nothing is stored yet.
    let cancelled: Promise<Record<string, unknown>> | null = null;
    const cancelCtx: CallContext = {
      origin: 'test',
      emit: (name, payload) => {
        if (name === 'clone.progress' && !cancelled) cancelled = call('clone.cancel', { jobId: (payload as { jobId: string }).jobId });
      },
    };
    const reply = await dispatch(core.handlers, 'clone.create', { source: recorderPcm(9), name: 'Never', consent: { statement, accepted: true, who: 'Ana' }, jobId: 'job-cancel-1' }, cancelCtx);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatchObject({ code: 'cancelled', message: expect.stringMatching(/nothing was stored/) });
    expect(await cancelled).toEqual({ cancelled: true });
    expect(await call('clone.list', {})).toEqual([]);
    // The job is gone once it ended: a late cancel finds nothing.
    expect(await call('clone.cancel', { jobId: 'job-cancel-1' })).toEqual({ cancelled: false });
  });

  it('refuses bad arguments before any work, and a clone without consent after', async () => {
    await expect(call('clone.check', { source: { kind: 'file', path: 'relative.wav' } })).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/absolute/) });
    await expect(call('clone.check', { source: { kind: 'bytes', base64: 'not base64!' } })).rejects.toMatchObject({ code: 'invalid_args' });
    await expect(call('clone.create', { source: recorderPcm(7), name: '', consent: { statement: 'x', accepted: true, who: 'A' } })).rejects.toMatchObject({ code: 'invalid_args' });
    await expect(call('clone.create', { source: recorderPcm(7), name: 'No', consent: { statement: 'This is my own voice, I agree.', accepted: false, who: 'A' } })).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/needs consent/) });
    expect(await call('clone.list', {})).toEqual([]);
  });
});
