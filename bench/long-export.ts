// Long-programme export benchmark: a generated three-speaker project of N hours (default 1; set
// KOE_BENCH_LONG_HOURS=1,10 for the book-length run) is built once in a fresh library — every line
// with a rendered take, so nothing is synthesized while timing — and exported the way a user does,
// in a `koe call export.mix` process whose peak resident memory (VmHWM) is the figure that matters:
// memory must not grow with the length of the programme.
//
// Side by side, Debian's ffmpeg does the same work from the same PCM (the three speakers' tracks as
// raw files; ffmpeg cannot take thousands of clip inputs): a two-pass loudnorm to −16 LUFS / −1 dBTP
// and libmp3lame for the mix and the three stems, and a plain mix resampled to a 44.1 kHz WAV.
// Without ffmpeg on the PATH those rows are skipped with a note.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mixer } from '../src-main/audio/export/mixer';
import { Core } from '../src-main/core/core';
import { voice } from '../test-support/audio/signals';
import { xorshift32 } from '../test-support/rng';
import type { BenchRow } from './serve';

const RATE = 24000;
const SPEAKERS = ['Anna', 'Ben', 'Cleo'];
const CLI = 'out/main/cli.js';

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** A project of `hours` of dialogue in a new library under `dataDir`: lines, natural layout, one take each. */
export async function buildProject(dataDir: string, hours: number): Promise<{ projectId: string; lines: number; seconds: number }> {
  const r = xorshift32(4242);
  const pool = Array.from({ length: 60 }, (_, i) => voice({ seconds: 2 + 5 * r(), sampleRate: RATE, seed: i + 1, leadSilence: 0.15, tailSilence: 0.2 }));
  const core = await Core.create({ dataDir, modelsDir: join(dataDir, 'models'), face: { kind: 'cli' } });
  try {
    // Roughly 5 s of speech and 0.35 s of gap a line: enough lines for the hours asked.
    const count = Math.ceil((hours * 3600) / 5.2);
    const script = Array.from({ length: count }, (_, i) => `${SPEAKERS[i % 3]}: Line ${i + 1} of the book, read at an even pace for the benchmark.`).join('\n');
    const project = core.library.projects.createProject(`Bench ${hours} h`, script);
    const settings = core.library.settings.getSettings();
    const view = core.timeline.view(project.id);
    for (const c of view.clips) {
      const pcm = pool[Math.floor(r() * pool.length)]!;
      core.timeline.addTake(project.id, c.lineId, { engine: 'espeak', voiceId: settings.defaultVoiceId, params: { speed: settings.speed, pitch: 50 }, text: c.text, pcm });
    }
    const after = core.timeline.view(project.id);
    const notReady = after.clips.filter((c) => c.status !== 'ready').length;
    if (notReady) throw new Error(`${notReady} lines of the bench project have no current take`);
    const last = after.clips.at(-1)!;
    return { projectId: project.id, lines: after.clips.length, seconds: (last.startSample + last.samples) / RATE };
  } finally {
    await core.close();
  }
}

/** The speakers' tracks as raw s16 files (what ffmpeg is given), from the project's own export timeline. */
async function writeTracks(dataDir: string, projectId: string, dir: string): Promise<string[]> {
  const core = await Core.create({ dataDir, modelsDir: join(dataDir, 'models'), face: { kind: 'cli' } });
  try {
    const { timeline } = core.timeline.exportTimeline(projectId);
    const mixer = new Mixer(timeline);
    const paths = mixer.stemTracks.map((t) => join(dir, `${t.name ?? t.id}.s16`));
    const fds = paths.map((p) => openSync(p, 'w'));
    for (const b of mixer.blocks()) {
      b.stems.forEach((chans, i) => {
        const src = chans[0]!;
        const out = new Int16Array(src.length);
        for (let k = 0; k < src.length; k++) out[k] = Math.max(-32768, Math.min(32767, Math.round(src[k]! * 32767)));
        writeSync(fds[i]!, new Uint8Array(out.buffer));
      });
    }
    fds.forEach((fd) => closeSync(fd));
    return paths;
  } finally {
    await core.close();
  }
}

/** Runs a command, returning its wall time and peak resident memory (VmHWM, read while it runs). */
function measure(cmd: string, args: string[], cwd: string): Promise<{ ms: number; peakMiB: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'))?.[1] ?? 0);
        peak = Math.max(peak, kb / 1024);
      } catch {
        // exited between polls
      }
    }, 100);
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.once('error', reject);
    p.once('exit', (code) => {
      clearInterval(poll);
      if (code === 0) resolve({ ms: performance.now() - t0, peakMiB: peak, stderr: err });
      else reject(new Error(`${cmd} exited with ${code}: ${err.slice(-800)}`));
    });
  });
}

function koeExport(dataDir: string, projectId: string, dir: string, name: string, args: Record<string, unknown>): Promise<{ ms: number; peakMiB: number }> {
  const call = { jobId: `bench-${name.replace(/[^a-z0-9]/gi, '')}-${Date.now()}`, projectId, bitDepth: 16, destination: { kind: 'file', path: join(dir, name) }, ...args };
  return measure(process.execPath, [CLI, 'call', 'export.mix', JSON.stringify(call), '--data-dir', dataDir], process.cwd());
}

function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

const ffInputs = (tracks: string[]) => tracks.flatMap((t) => ['-f', 's16le', '-ar', String(RATE), '-ac', '1', '-i', t]);

/** ffmpeg: loudnorm pass 1 (measure), pass 2 (normalize the mix, the same linear gain on the stems, libmp3lame for all four). */
async function ffmpegLoudMp3(tracks: string[], dir: string): Promise<number> {
  const mix = `${tracks.map((_, i) => `[${i}:a]`).join('')}amix=inputs=${tracks.length}:duration=longest:normalize=0`;
  const first = await measure('ffmpeg', ['-hide_banner', '-nostdin', ...ffInputs(tracks), '-filter_complex', `${mix},loudnorm=I=-16:TP=-1:LRA=11:print_format=json`, '-f', 'null', '-'], dir);
  const m = JSON.parse(first.stderr.slice(first.stderr.lastIndexOf('{'), first.stderr.lastIndexOf('}') + 1)) as Record<string, string>;
  const gainDb = -16 - Number(m.input_i);
  const graph = [
    `${tracks.map((_, i) => `[${i}:a]`).join('')}amix=inputs=${tracks.length}:duration=longest:normalize=0,loudnorm=I=-16:TP=-1:LRA=11:measured_I=${m.input_i}:measured_TP=${m.input_tp}:measured_LRA=${m.input_lra}:measured_thresh=${m.input_thresh}:offset=${m.target_offset}:linear=true,aresample=${RATE}[mix]`,
    ...tracks.map((_, i) => `[${i}:a]volume=${gainDb.toFixed(2)}dB,alimiter=limit=0.89[s${i}]`),
  ].join(';');
  const second = await measure('ffmpeg', ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', ...ffInputs(tracks), '-filter_complex', graph, '-map', '[mix]', '-c:a', 'libmp3lame', '-b:a', '64k', 'ff.mp3', ...tracks.flatMap((_, i) => ['-map', `[s${i}]`, '-c:a', 'libmp3lame', '-b:a', '64k', `ff-stem${i}.mp3`])], dir);
  return first.ms + second.ms;
}

async function ffmpegWav44(tracks: string[], dir: string): Promise<number> {
  const graph = `${tracks.map((_, i) => `[${i}:a]`).join('')}amix=inputs=${tracks.length}:duration=longest:normalize=0,aresample=44100[mix]`;
  return (await measure('ffmpeg', ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', ...ffInputs(tracks), '-filter_complex', graph, '-map', '[mix]', '-c:a', 'pcm_s16le', 'ff44.wav'], dir)).ms;
}

export async function benchLongExport(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if (!existsSync(CLI)) return [{ name: 'long export skipped: run `npm run build` first', value: 0, unit: '', target: 'info', pass: null }];
  const hoursList = (process.env.KOE_BENCH_LONG_HOURS ?? '1').split(',').map(Number).filter((h) => h > 0);
  const peaks = new Map<number, number>();
  for (const hours of hoursList) {
    const root = mkdtempSync(join(tmpdir(), `koe-bench-long-${hours}h-`));
    try {
      const dataDir = join(root, 'data');
      const out = join(root, 'out');
      mkdirSync(out);
      const built = performance.now();
      const p = await buildProject(dataDir, hours);
      const label = `${hours} h (${round(p.seconds / 3600, 2)} h, ${p.lines} lines)`;
      rows.push({ name: `long export ${label}: build the project (not timed work)`, value: round((performance.now() - built) / 1000, 1), unit: 's', target: 'info', pass: null });
      // The ratio below compares two timings of a machine whose speed drifts by ±10 % from minute to
      // minute: up to two hours the pair is run twice, alternating, and the medians are compared.
      const pairs = hours <= 2 ? 2 : 1;
      const louds: { ms: number; peakMiB: number }[] = [];
      const plains: { ms: number; peakMiB: number }[] = [];
      for (let k = 0; k < pairs; k++) {
        louds.push(await koeExport(dataDir, p.projectId, out, 'book.mp3', { format: 'mp3', loudness: -16, stems: true, subtitles: 'srt' }));
        // The brief's own yardstick: measuring and normalizing loudness (with the limiter and the
        // codec check) costs at most half again the same files without it: the mix, three stems and
        // SRT as plain MP3s (same encoder, bitrate and machine, back to back).
        plains.push(await koeExport(dataDir, p.projectId, out, 'plain.mp3', { format: 'mp3', stems: true, subtitles: 'srt' }));
      }
      // The lower median of the times (the lower of two) and the highest peak.
      const lowerMedian = (xs: { ms: number; peakMiB: number }[]) => ({ ms: xs.map((x) => x.ms).sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!, peakMiB: Math.max(...xs.map((x) => x.peakMiB)) });
      const loud = lowerMedian(louds);
      const plain = lowerMedian(plains);
      peaks.set(hours, loud.peakMiB);
      rows.push({ name: `long export ${label}: MP3 −16 LUFS + 3 stems + SRT, time${pairs > 1 ? ` (lower of ${pairs})` : ''}`, value: round(loud.ms / 1000, 1), unit: 's', target: 'info', pass: null });
      rows.push({ name: `long export ${label}: MP3 −16 LUFS + 3 stems + SRT, peak RSS`, value: Math.round(loud.peakMiB), unit: 'MiB', target: '≤ 600', pass: loud.peakMiB <= 600 });
      rows.push({ name: `long export ${label}: plain MP3 + 3 stems + SRT (no loudness target), time${pairs > 1 ? ` (lower of ${pairs})` : ''}`, value: round(plain.ms / 1000, 1), unit: 's', target: 'info', pass: null });
      rows.push({ name: `long export ${label}: MP3 −16 LUFS + 3 stems + SRT ÷ the same without loudness`, value: round(loud.ms / plain.ms), unit: '×', target: '≤ 1.5', pass: loud.ms / plain.ms <= 1.5 });
      const m4b = await koeExport(dataDir, p.projectId, out, 'book.m4b', { format: 'm4b', loudness: -18, book: { title: `Bench ${hours} h`, author: 'Koe Studio', narrator: 'Anna, Ben and Cleo' } });
      rows.push({ name: `long export ${label}: M4B (AAC, −18 LUFS, book tags), time`, value: round(m4b.ms / 1000, 1), unit: 's', target: 'info', pass: null });
      rows.push({ name: `long export ${label}: M4B, peak RSS`, value: Math.round(m4b.peakMiB), unit: 'MiB', target: '≤ 600', pass: m4b.peakMiB <= 600 });
      const wavs = [await koeExport(dataDir, p.projectId, out, 'book44.wav', { format: 'wav', sampleRate: 44100 })];
      const wavRows = (wav: { ms: number; peakMiB: number }) => {
        rows.push({ name: `long export ${label}: WAV 44.1 kHz, time${pairs > 1 ? ` (lower of ${pairs})` : ''}`, value: round(wav.ms / 1000, 1), unit: 's', target: 'info', pass: null });
        rows.push({ name: `long export ${label}: WAV 44.1 kHz, peak RSS`, value: Math.round(wav.peakMiB), unit: 'MiB', target: '≤ 600', pass: wav.peakMiB <= 600 });
      };
      if (!hasFfmpeg()) {
        wavRows(wavs[0]!);
        rows.push({ name: 'long export: ffmpeg comparison skipped (apt-get install ffmpeg)', value: 0, unit: '', target: 'info', pass: null });
        continue;
      }
      const tracks = await writeTracks(dataDir, p.projectId, out);
      const ffLoud = await ffmpegLoudMp3(tracks, out);
      // A 44.1 kHz WAV takes seconds an hour on either side, so the drift matters as much as the
      // work: alternated like the MP3 pair above, lower of each.
      const ffWavs = [await ffmpegWav44(tracks, out)];
      for (let k = 1; k < pairs; k++) {
        wavs.push(await koeExport(dataDir, p.projectId, out, 'book44.wav', { format: 'wav', sampleRate: 44100 }));
        ffWavs.push(await ffmpegWav44(tracks, out));
      }
      const wav = lowerMedian(wavs);
      const ffWav = Math.min(...ffWavs);
      wavRows(wav);
      rows.push({ name: `long export ${label}: ffmpeg two-pass loudnorm + libmp3lame (mix + 3 stems)`, value: round(ffLoud / 1000, 1), unit: 's', target: 'info', pass: null });
      rows.push({ name: `long export ${label}: ffmpeg mix → WAV 44.1 kHz${pairs > 1 ? ` (lower of ${pairs})` : ''}`, value: round(ffWav / 1000, 1), unit: 's', target: 'info', pass: null });
      rows.push({ name: `long export ${label}: MP3 time ÷ ffmpeg`, value: round(loud.ms / ffLoud), unit: '×', target: '≤ 1.5', pass: loud.ms / ffLoud <= 1.5 });
      rows.push({ name: `long export ${label}: WAV 44.1 kHz time ÷ ffmpeg`, value: round(wav.ms / ffWav), unit: '×', target: '≤ 1.0', pass: wav.ms / ffWav <= 1.0 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  if (peaks.size >= 2) {
    const [a, b] = [Math.min(...peaks.values()), Math.max(...peaks.values())];
    rows.push({ name: `long export: peak RSS, longest ÷ shortest programme (${[...peaks.keys()].join(' h, ')} h)`, value: round(b / a), unit: '×', target: '≤ 1.2', pass: b / a <= 1.2 });
  }
  return rows;
}
