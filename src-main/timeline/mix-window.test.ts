// Playback windows are the export mix cut into pieces: laid end to end they equal the whole mix
// sample for sample, whatever the window sizes, with gains, fades, trims, overlaps, pan and
// mute/solo in play. Checked on synthetic timelines and through `timeline.mixWindow` on a real Core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixToBuffers } from '../audio/export/mixer';
import type { ExportTimeline } from '../audio/export/timeline';
import { dispatch, type CallContext } from '../contract/dispatch';
import { Core } from '../core/core';
import { mixRange } from './mix-window';

function tone(n: number, f: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = 0.4 * Math.sin((2 * Math.PI * f * i) / 24000 + seed) + 0.05 * Math.sin(i * 0.37 * seed);
  return a;
}

const synthetic = (): ExportTimeline => ({
  sampleRate: 24000,
  tracks: [
    { id: 'a', gainDb: -2, pan: -0.6 },
    { id: 'b', gainDb: 1.5, pan: 0.3 },
    { id: 'c', mute: true },
  ],
  clips: [
    { trackId: 'a', startSample: 1000, pcm: tone(30000, 220, 1), gainDb: -1, fadeInSamples: 2400, fadeOutSamples: 5000, trimStartSamples: 300, trimEndSamples: 700 },
    { trackId: 'b', startSample: 20000, pcm: tone(25000, 330, 2), fadeInSamples: 100, fadeOutSamples: 9000 },
    { trackId: 'a', startSample: 26000, pcm: tone(12000, 440, 3), gainDb: 3 }, // overlaps both
    { trackId: 'c', startSample: 0, pcm: tone(50000, 550, 4) },
  ],
});

/** Cuts [0, end) into windows of the given sizes (cycled) and mixes each on its own. */
function windowed(t: ExportTimeline, end: number, sizes: number[], channels: 1 | 2): Float32Array[] {
  const out = Array.from({ length: channels }, () => new Float32Array(end));
  for (let from = 0, i = 0; from < end; i++) {
    const to = Math.min(end, from + sizes[i % sizes.length]!);
    mixRange(t, from, to, channels).forEach((c, ch) => out[ch]!.set(c, from));
    from = to;
  }
  return out;
}

describe('mix windows', () => {
  it('concatenate to the whole mix sample for sample, mono and stereo, any window sizes', () => {
    const t = synthetic();
    for (const channels of [1, 2] as const) {
      const whole = mixToBuffers(t, { channels }).mix;
      const end = whole[0]!.length;
      for (const sizes of [[2400], [48000, 96000], [1, 4999, 777, 65536, 3]]) {
        const w = windowed(t, end, sizes, channels);
        for (let c = 0; c < channels; c++) expect(Buffer.compare(Buffer.from(w[c]!.buffer), Buffer.from(whole[c]!.buffer))).toBe(0);
      }
    }
  });

  it('solo: only the soloed track is heard in every window', () => {
    const t = synthetic();
    t.tracks[1]!.solo = true;
    const whole = mixToBuffers(t).mix[0]!;
    const w = windowed(t, whole.length, [5000], 1)[0]!;
    expect(Array.from(w)).toEqual(Array.from(whole));
    expect(w.subarray(1000, 19000).every((x) => x === 0)).toBe(true); // track a is not heard
  });

  it('a window past the end is silence of the asked length', () => {
    const [c] = mixRange(synthetic(), 10_000_000, 10_024_000, 1);
    expect(c!.length).toBe(24000);
    expect(c!.every((x) => x === 0)).toBe(true);
  });
});

describe('timeline.mixWindow on a real core', () => {
  let dir: string;
  let core: Core;
  const ctx: CallContext = { origin: 'mix-window-test', emit: () => {} };
  const call = async (name: string, args: unknown) => {
    const reply = await dispatch(core.handlers, name, args, ctx);
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
    return reply.result as Record<string, any>;
  };
  const decode = (b64: string, channels: number): Float32Array[] => {
    const b = Buffer.from(b64, 'base64');
    const all = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    const n = all.length / channels;
    return Array.from({ length: channels }, (_, i) => all.subarray(i * n, (i + 1) * n));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'koe-mix-window-'));
    core = await Core.create({ dataDir: join(dir, 'data'), modelsDir: join(dir, 'models'), face: { kind: 'cli' } });
    core.attach(ctx);
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('returns the export mix in windows that join exactly; unrendered lines are listed as missing', async () => {
    const project = await call('projects.create', { name: 'Windows', script: 'Ana: Hello there, how are you?\n\nBen: Fine, thanks.\n\nAna: Good.' });
    const before = await call('timeline.get', { projectId: project.id });
    const first = await call('timeline.mixWindow', { projectId: project.id, fromSample: 0, toSample: 24000 });
    expect(first.missing).toContain(before.clips[0].lineId);
    expect(decode(first.pcm, 1)[0]!.every((x) => x === 0)).toBe(true);

    await call('timeline.render', { projectId: project.id });
    await core.renderQueue.whenIdle(project.id);
    let view = await call('timeline.get', { projectId: project.id });
    const [a, b] = view.clips;
    // Gains, fades, a trim, an overlap and a pan, so every mixer rule is in the windows.
    for (const op of [
      { type: 'gain', lineId: a.lineId, db: -4 },
      { type: 'fade', lineId: a.lineId, inSamples: 1200, outSamples: 3000 },
      { type: 'trim', lineId: b.lineId, startSamples: 500, endSamples: 200 },
      { type: 'move', lineId: b.lineId, startSample: a.startSample + Math.floor(a.samples / 2) },
      { type: 'pan', speaker: 'Ben', pan: 0.7 },
      { type: 'trackGain', speaker: 'Ana', db: 2 },
    ]) {
      await call('timeline.edit', { projectId: project.id, revision: view.revision, op });
      view = await call('timeline.get', { projectId: project.id });
    }
    for (const channels of [1, 2] as const) {
      const whole = mixToBuffers(core.timeline.exportTimeline(project.id).timeline, { channels }).mix;
      const end = whole[0]!.length;
      const got = Array.from({ length: channels }, () => new Float32Array(end));
      // An odd first window, then steady ones: the shape playback uses.
      for (let from = 0, size = 12345; from < end; from += size, size = 48000) {
        const to = Math.min(end, from + size);
        const r = await call('timeline.mixWindow', { projectId: project.id, fromSample: from, toSample: to, channels });
        expect(r).toMatchObject({ fromSample: from, toSample: to, channels, missing: [] });
        decode(r.pcm, channels).forEach((c, i) => got[i]!.set(c, from));
      }
      for (let c = 0; c < channels; c++) expect(Buffer.compare(Buffer.from(got[c]!.buffer), Buffer.from(whole[c]!.buffer))).toBe(0);
      expect(whole[0]!.some((x) => x !== 0)).toBe(true);
    }
  });

  it('hears every change at once: an edit, a script change, a new take (the cached view is never stale)', async () => {
    const project = await call('projects.create', { name: 'Fresh', script: 'Ana: One two three.\n\nBen: Four five.' });
    await call('timeline.render', { projectId: project.id });
    await core.renderQueue.whenIdle(project.id);
    const win = async () => decode((await call('timeline.mixWindow', { projectId: project.id, fromSample: 0, toSample: 48000 })).pcm, 1)[0]!;
    const whole = () => mixToBuffers(core.timeline.exportTimeline(project.id).timeline, { range: { start: 0, end: 48000 } }).mix[0]!;
    const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((x, i) => x === b[i]);
    const first = await win();
    expect(same(await win(), first)).toBe(true);
    let view = await call('timeline.get', { projectId: project.id });
    await call('timeline.edit', { projectId: project.id, revision: view.revision, op: { type: 'gain', lineId: view.clips[0].lineId, db: -6 } });
    const quieter = await win();
    expect(same(quieter, first)).toBe(false);
    expect(same(quieter, whole())).toBe(true);
    view = await call('timeline.get', { projectId: project.id });
    await call('timeline.edit', { projectId: project.id, revision: view.revision, op: { type: 'mute', speaker: 'Ana', on: true } });
    expect(same(await win(), whole())).toBe(true);
    const beforeScript = await win();
    const p = await call('projects.get', { id: project.id });
    await call('projects.save', { id: project.id, revision: p.revision, script: 'Ana: One two three.\n\nBen: Six seven, and more.' });
    expect(same(await win(), whole())).toBe(true);
    await call('timeline.render', { projectId: project.id });
    await core.renderQueue.whenIdle(project.id);
    const newTake = await win();
    expect(same(newTake, beforeScript)).toBe(false); // Ben's new line is heard
    expect(same(newTake, whole())).toBe(true);
  });

  it('refuses a backwards, empty or too long window and an unknown project', async () => {
    const project = await call('projects.create', { name: 'Bad', script: 'Ana: Hi.' });
    for (const [fromSample, toSample] of [
      [100, 100],
      [200, 100],
      [0, 24000 * 31],
    ]) {
      await expect(call('timeline.mixWindow', { projectId: project.id, fromSample, toSample })).rejects.toMatchObject({ code: 'invalid_args' });
    }
    await expect(call('timeline.mixWindow', { projectId: project.id, fromSample: 0, toSample: 10, channels: 3 })).rejects.toMatchObject({ code: 'invalid_args' });
    await expect(call('timeline.mixWindow', { projectId: '00000000-0000-4000-8000-000000000000', fromSample: 0, toSample: 10 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
