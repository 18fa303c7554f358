// The master bus through a real Core: its gain and limiter persist with the project and undo like
// any timeline edit, what plays (timeline.mixWindow) carries them with its meters, and the exported
// file's level follows the gain, through the same mixer.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../audio/wav';
import { PeakLimiter } from '../audio/export/limiter';
import { mixToBuffers } from '../audio/export/mixer';
import { dispatch, type CallContext } from '../contract/dispatch';
import { Core } from '../core/core';

describe('master bus', () => {
  let dir: string;
  let core: Core;
  const ctx: CallContext = { origin: 'master-bus-test', emit: () => {} };
  const call = async (name: string, args: unknown) => {
    const reply = await dispatch(core.handlers, name, args, ctx);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.result as Record<string, any>;
  };
  const decode = (b64: string): Float32Array => {
    const b = Buffer.from(b64, 'base64');
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const peakDb = (x: Float32Array) => 20 * Math.log10(x.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
  const master = async (projectId: string, op: { gainDb?: number; limiter?: boolean }) => {
    const view = await call('timeline.get', { projectId });
    await call('timeline.edit', { projectId, revision: view.revision, op: { type: 'master', ...op } });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'koe-master-'));
    core = await Core.create({ dataDir: join(dir, 'data'), modelsDir: join(dir, 'models'), face: { kind: 'cli' } });
    core.attach(ctx);
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function rendered(name: string) {
    const project = await call('projects.create', { name, script: 'Ana: Hello there, how are you today?\n\nBen: Fine, thanks, and you?' });
    await call('timeline.render', { projectId: project.id });
    await core.renderQueue.whenIdle(project.id);
    const view = await call('timeline.get', { projectId: project.id });
    return { id: project.id as string, end: Math.max(...view.clips.map((c: { startSample: number; samples: number }) => c.startSample + c.samples)) };
  }

  it('keeps its gain and limiter with the project, undoably, and refuses a gain out of range', async () => {
    const { id } = await rendered('Keep');
    expect((await call('timeline.get', { projectId: id })).master).toEqual({ gainDb: 0, limiter: false });
    await master(id, { gainDb: -6 });
    await master(id, { limiter: true });
    expect((await call('timeline.get', { projectId: id })).master).toEqual({ gainDb: -6, limiter: true });
    const view = await call('timeline.get', { projectId: id });
    await call('timeline.undo', { projectId: id, revision: view.revision });
    expect((await call('timeline.get', { projectId: id })).master).toEqual({ gainDb: -6, limiter: false });
    await expect(master(id, { gainDb: 40 })).rejects.toMatchObject({ code: 'invalid_args' });
    expect((await call('timeline.get', { projectId: id })).master).toEqual({ gainDb: -6, limiter: false });
  });

  it('plays the gain, meters the master and each lane, and limits peaks to the ceiling when on', async () => {
    const { id, end } = await rendered('Play');
    const win = () => call('timeline.mixWindow', { projectId: id, fromSample: 0, toSample: Math.min(end, 24000 * 4), meters: true });
    const plain = await win();
    expect(plain.meters.lanes.map((l: { speaker: string }) => l.speaker).sort()).toEqual(['Ana', 'Ben']);
    expect(plain.meters.master.peakDb).toHaveLength(Math.ceil(plain.toSample / 2400));
    const loudest = (a: number[]) => Math.max(...a);
    expect(loudest(plain.meters.master.lufs)).toBeGreaterThan(-60);
    // The plain window is what `mix` gives; the meter's peak is the window's own.
    const plainPcm = decode(plain.pcm);
    expect(Math.abs(loudest(plain.meters.master.peakDb) - peakDb(plainPcm))).toBeLessThan(0.01);

    await master(id, { gainDb: 12 });
    const loud = await win();
    const loudPcm = decode(loud.pcm);
    expect(peakDb(loudPcm) - peakDb(plainPcm)).toBeCloseTo(12, 1);
    expect(loudest(loud.meters.master.lufs) - loudest(plain.meters.master.lufs)).toBeCloseTo(12, 1);
    expect(Math.max(...loud.meters.master.reductionDb.map(Math.abs))).toBe(0);

    await master(id, { limiter: true });
    const limited = await win();
    expect(peakDb(decode(limited.pcm))).toBeLessThanOrEqual(-1);
    expect(Math.min(...limited.meters.master.reductionDb)).toBeLessThan(-1);
  });

  it('limits playback windows as one pass over the whole mix would: the joins are seamless', async () => {
    const { id, end } = await rendered('Joins');
    await master(id, { gainDb: 15, limiter: true });
    const whole = mixToBuffers(core.timeline.exportTimeline(id).timeline, { channels: 1 }).mix[0]!;
    const lim = new PeakLimiter({ sampleRate: 24000, channels: 1, ceilingDbtp: -1 });
    const parts = [lim.process([whole])[0]!, lim.flush()[0]!];
    const once = new Float32Array(whole.length);
    once.set(parts[0]!, 0);
    once.set(parts[1]!, parts[0]!.length);
    let worst = 0;
    for (let from = 0, size = 12345; from < end; from += size, size = 48000) {
      const to = Math.min(end, from + size);
      const w = decode((await call('timeline.mixWindow', { projectId: id, fromSample: from, toSample: to, meters: true })).pcm);
      for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(w[i]! - once[from + i]!));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('exports at the master gain (6 dB quieter at −6 dB) and through the master limiter', async () => {
    const { id } = await rendered('Export');
    const level = async (file: string) => {
      const r = await call('export.mix', { jobId: `job-${file.replace(".wav", "")}-master`, projectId: id, format: 'wav', bitDepth: 24, destination: { kind: 'file', path: join(dir, file) } });
      const wav = decodeWav(readFileSync(r.path as string));
      return peakDb(wav.channelData[0]!);
    };
    const at0 = await level('zero.wav');
    await master(id, { gainDb: -6 });
    const atMinus6 = await level('minus6.wav');
    expect(at0 - atMinus6).toBeCloseTo(6, 1);
    // +15 dB would clip; with the limiter on, the file stays under the −1 dBTP ceiling.
    await master(id, { gainDb: 15, limiter: true });
    expect(await level('limited.wav')).toBeLessThanOrEqual(-1);
    expect(at0 + 15).toBeGreaterThan(0);
  });
});
