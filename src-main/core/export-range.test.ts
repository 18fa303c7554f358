// The studio's export of part of a project: export.mix with a range writes exactly that stretch of
// the whole mix (same samples), subtitles only for what it holds, and refuses a backward range.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../audio/wav';
import { useTestCore } from '../../test-support/core';

const t = useTestCore('koe-export-range');
const call = (name: string, args: unknown) => t.call(name, args);

const channel = (path: string) => decodeWav(new Uint8Array(readFileSync(path))).channelData[0]!;

describe('export.mix with a range', () => {
  it('writes exactly that part of the whole mix, with subtitles for it', async () => {
    const project = await call('projects.create', { name: 'Range', script: 'Ana: The first line is here.\n\nBen: And then the second one answers.' });
    const whole = join(t.dir, 'whole.wav');
    await call('export.mix', { jobId: 'range-whole', projectId: project.id, bitDepth: 24, format: 'wav', destination: { kind: 'file', path: whole } });
    const all = channel(whole);

    // Inside Ana's clip, ending before Ben's starts.
    const [ana, ben] = (await call('timeline.get', { projectId: project.id })).clips as { startSample: number; samples: number }[];
    const from = ana!.startSample + 2_400;
    const length = Math.min(ana!.samples - 4_800, ben!.startSample - from);
    expect(length).toBeGreaterThan(12_000);
    const part = join(t.dir, 'part.wav');
    const range = { startSample: from, endSample: from + length };
    const r = await call('export.mix', { jobId: 'range-part', projectId: project.id, bitDepth: 24, format: 'wav', subtitles: 'srt', range, destination: { kind: 'file', path: part } });
    expect(r.durationSec).toBeCloseTo(length / 24_000, 6);
    const cut = channel(part);
    expect(cut.length).toBe(length);
    let maxDiff = 0;
    for (let i = 0; i < cut.length; i++) maxDiff = Math.max(maxDiff, Math.abs(cut[i]! - all[from + i]!));
    expect(maxDiff).toBeLessThan(1e-6); // the same 24-bit samples
    // Only the line the range holds.
    const srt = readFileSync(join(t.dir, 'part.srt'), 'utf8');
    expect(srt).toMatch(/Ana/);
    expect(srt).not.toMatch(/Ben/);

    await expect(call('export.mix', { jobId: 'range-bad', projectId: project.id, bitDepth: 24, format: 'wav', range: { startSample: 100, endSample: 50 }, destination: { kind: 'file', path: join(t.dir, 'bad.wav') } })).rejects.toMatchObject({
      code: 'invalid_args',
      message: expect.stringMatching(/end after it starts/),
    });
  });

  it('exports stereo with each speaker where their pan puts them', async () => {
    const project = await call('projects.create', { name: 'Stereo', script: 'Ana: I stand on the left.\n\nBen: And I am on the right.' });
    const view = await call('timeline.get', { projectId: project.id });
    const left = await call('timeline.edit', { projectId: project.id, revision: view.revision, op: { type: 'pan', speaker: 'Ana', pan: -1 } });
    await call('timeline.edit', { projectId: project.id, revision: left.revision, op: { type: 'pan', speaker: 'Ben', pan: 1 } });
    const path = join(t.dir, 'stereo.wav');
    await call('export.mix', { jobId: 'stereo-export', projectId: project.id, bitDepth: 24, format: 'wav', channels: 2, destination: { kind: 'file', path } });
    const wav = decodeWav(new Uint8Array(readFileSync(path)));
    expect(wav.channelData).toHaveLength(2);
    const [ana, ben] = (await call('timeline.get', { projectId: project.id })).clips as { startSample: number; samples: number }[];
    const energy = (ch: Float32Array, c: { startSample: number; samples: number }) => ch.subarray(c.startSample, c.startSample + c.samples).reduce((n, x) => n + x * x, 0);
    const [l, r] = wav.channelData as [Float32Array, Float32Array];
    expect(energy(l, ana!)).toBeGreaterThan(0.1);
    expect(energy(r, ana!)).toBeLessThan(energy(l, ana!) * 1e-4); // hard left: nothing on the right
    expect(energy(l, ben!)).toBeLessThan(energy(r, ben!) * 1e-4);
  });
});
