// `koe export <project.koe>`: a project built and partly rendered in the studio (through the server
// API), a clip moved to overlap, gains and fades set, saved to a .koe; the CLI then renders the
// line that had no take and mixes the rest where they were placed. Its mix must be the studio's
// own export, sample for sample; its stems sum to the mix and its cues sit on the speech. A missing,
// damaged or newer-version file is a one-line error that writes nothing, and no project or scratch
// folder is left behind.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integratedLoudness } from '../src-main/audio/export/loudness';
import { serveApi, type ServedApi } from './harness';
import { readWav, rms, srtCues } from './wav';

const work = mkdtempSync(join(tmpdir(), 'koe-cli-koe-'));
const scratch = join(work, 'tmp');
mkdirSync(scratch);
const SCRIPT = 'Anna: Good morning! Welcome to the show.\nBen: Thanks, it is great to be here.\nCara: Let us begin with the news of the day.\n';
const RATE = 24_000;

let api: ServedApi | null = null;
test.afterAll(async () => {
  await api?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** The CLI with its own (empty) library folder and a private temp folder, to see what it leaves. */
function koe(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/koe.js', ...args, '--data-dir', join(work, 'cli-data')], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TMPDIR: scratch } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}



test('a saved project exports from the CLI exactly as the studio exports it', async () => {
  api = await serveApi(join(work, 'studio-data'));
  const rpc = api.rpc;
  // A studio speaking faster than the default: the file's takes are current at this speed, and the
  // CLI must judge them so (and render the missing line at it), not re-render them at its own.
  await rpc.call('settings.set', { speed: 1.2 });
  const project = await rpc.call('projects.create', { name: 'Morning show', script: SCRIPT });
  await rpc.call('projects.save', {
    id: project.id,
    revision: project.revision,
    speakers: [
      { name: 'Anna', voiceId: 'espeak:en-us+f3' },
      { name: 'Ben', voiceId: 'espeak:en-gb', gain: -2 },
      { name: 'Cara', voiceId: 'espeak:en-us' },
    ],
  });
  // Anna and Ben rendered in the studio; Cara's line is left for the CLI.
  let view = await rpc.call('timeline.get', { projectId: project.id });
  const [anna, ben] = view.clips as { lineId: number }[];
  await rpc.call('timeline.render', { projectId: project.id, lineIds: [anna!.lineId, ben!.lineId] });
  await expect.poll(async () => (await rpc.call('timeline.get', { projectId: project.id })).clips.map((c: { status: string }) => c.status), { timeout: 60_000 }).toEqual(['ready', 'ready', 'missing']);
  view = await rpc.call('timeline.get', { projectId: project.id });
  const annaClip = view.clips[0];
  // Ben interrupts Anna half-way through her line, a little quieter, fading in.
  const ops = [
    { type: 'move', lineId: ben!.lineId, startSample: annaClip.startSample + Math.round(annaClip.samples / 2) },
    { type: 'gain', lineId: ben!.lineId, db: -3 },
    { type: 'fade', lineId: ben!.lineId, inSamples: 2400, outSamples: 4800 },
    { type: 'gain', lineId: anna!.lineId, db: 2 },
  ];
  for (const op of ops) view = { ...view, revision: (await rpc.call('timeline.edit', { projectId: project.id, revision: view.revision, op })).revision };
  // The server writes files by path only into its own downloads folder.
  const koeFile = join(work, 'studio-data', 'downloads', 'Morning show.koe');
  await rpc.call('project.exportKoe', { projectId: project.id, destination: { kind: 'file', path: koeFile } });
  expect(existsSync(koeFile)).toBe(true);

  // The studio's own export (which renders Cara's line in the studio's library).
  const studioWav = join(work, 'studio-data', 'downloads', 'studio.wav');
  await rpc.call('export.mix', { jobId: 'koe-export-check', projectId: project.id, bitDepth: 24, format: 'wav', destination: { kind: 'file', path: studioWav } });
  const placed = (await rpc.call('timeline.get', { projectId: project.id })).clips as { speaker: string; startSample: number; samples: number }[];

  const out = join(work, 'cli.wav');
  const r = koe(['export', koeFile, '-o', out, '--stems', join(work, 'stems'), '--subtitles', join(work, 'cli.srt'), '--progress']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/Morning show: 3 lines, 1 to render/);
  expect(r.stderr).toMatch(/^progress 1\.000 /m);
  expect(r.stderr).toMatch(/Wrote .*cli\.wav/);

  const mix = readWav(out).channelData[0]!;
  const studio = readWav(studioWav).channelData[0]!;
  expect(mix.length).toBe(studio.length);
  let diff = 0;
  for (let i = 0; i < mix.length; i++) diff = Math.max(diff, Math.abs(mix[i]! - studio[i]!));
  expect(diff).toBe(0);
  const last = placed.reduce((end, c) => Math.max(end, c.startSample + c.samples), 0);
  expect(mix.length).toBe(last);

  const stems = ['Anna', 'Ben', 'Cara'].map((n) => readWav(join(work, 'stems', `${n}.wav`)).channelData[0]!);
  for (const s of stems) expect(s.length).toBe(mix.length);
  let worst = 0;
  for (let i = 0; i < mix.length; i++) worst = Math.max(worst, Math.abs(stems[0]![i]! + stems[1]![i]! + stems[2]![i]! - mix[i]!));
  expect(worst).toBeLessThan(1e-5); // 24-bit quantization of three files, nothing more

  const cues = srtCues(readFileSync(join(work, 'cli.srt'), 'utf8'));
  expect(cues.map((c) => c.label)).toEqual(['Anna', 'Ben', 'Cara']);
  for (const [i, c] of cues.entries()) {
    const clip = placed[i]!;
    // Each cue lies within its clip on the timeline (Ben's starts inside Anna's line, where he was moved)…
    expect(c.start).toBeGreaterThanOrEqual(clip.startSample / RATE - 0.01);
    expect(c.end).toBeLessThanOrEqual((clip.startSample + clip.samples) / RATE + 0.01);
    // …on the speech of that speaker's stem, which is silent just before it.
    const at = (sec: number) => Math.round(sec * RATE);
    expect(rms(stems[i]!.subarray(at(c.start), at(c.end)))).toBeGreaterThan(0.02);
    expect(rms(stems[i]!.subarray(Math.max(0, at(c.start) - 2400), at(c.start)))).toBeLessThan(0.01);
  }
  expect(cues[1]!.start).toBeLessThan(cues[0]!.end); // the overlap survived the trip through the file

  // A range of the project: the same samples as that stretch of the whole mix.
  const part = join(work, 'part.wav');
  const rr = koe(['export', koeFile, '-o', part, '--range', '0.5-2']);
  expect(rr.code, rr.stderr).toBe(0);
  const partPcm = readWav(part).channelData[0]!;
  expect(partPcm.length).toBe(1.5 * RATE);
  for (let i = 0; i < partPcm.length; i += 97) expect(Math.abs(partPcm[i]! - mix[i + 0.5 * RATE]!)).toBeLessThan(1e-6);

  // Loudness normalization on the same mix.
  const loud = join(work, 'loud.wav');
  const lr = koe(['export', koeFile, '-o', loud, '--loudness=-16']);
  expect(lr.code, lr.stderr).toBe(0);
  const loudWav = readWav(loud);
  expect(Math.abs(integratedLoudness([loudWav.channelData[0]!], RATE) + 16)).toBeLessThan(0.5);
  expect(loudWav.channelData[0]!.length).toBe(mix.length);

  // Nothing left behind: no scratch library in the temp folder, no project in a library.
  expect(readdirSync(scratch)).toEqual([]);
  expect(existsSync(join(work, 'cli-data', 'library.db'))).toBe(false);
});

test('a missing, damaged or newer-version .koe is a clear error and writes nothing', () => {
  const good = join(work, 'studio-data', 'downloads', 'Morning show.koe');
  const out = join(work, 'bad.wav');
  const missing = koe(['export', join(work, 'nope.koe'), '-o', out]);
  expect(missing.code).toBe(1);
  expect(missing.stderr).toMatch(/^koe: Project file not found: .*nope\.koe$/m);

  const bytes = readFileSync(good);
  const damaged = Buffer.from(bytes);
  damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
  writeFileSync(join(work, 'damaged.koe'), damaged);
  const d = koe(['export', join(work, 'damaged.koe'), '-o', out]);
  expect(d.code).toBe(1);
  expect(d.stderr).toMatch(/not a readable Koe project file: it is damaged or incomplete/);

  const newer = Buffer.from(bytes);
  newer.writeUInt32LE(99, 8);
  writeFileSync(join(work, 'newer.koe'), newer);
  const n = koe(['export', join(work, 'newer.koe'), '-o', out]);
  expect(n.code).toBe(1);
  expect(n.stderr).toMatch(/saved by a newer version of Koe Studio \(file format 99/);

  writeFileSync(join(work, 'script.koe'), SCRIPT);
  const t = koe(['export', join(work, 'script.koe'), '-o', out]);
  expect(t.code).toBe(1);
  expect(t.stderr).toMatch(/does not start like a \.koe file/);

  const usage = koe(['export', good, '-o', join(work, 'x.mp3')]);
  expect(usage.code).toBe(2);
  expect(usage.stderr).toMatch(/--out must end in \.wav/);
  expect(koe(['export', good, '-o', out, '--range', '5-2']).stderr).toMatch(/--range must end after it starts/);

  expect(existsSync(out)).toBe(false);
  expect(readdirSync(scratch)).toEqual([]);
});
