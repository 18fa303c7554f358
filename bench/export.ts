// Export benchmark: mixing and encoding a 30-minute, three-speaker dialogue from cached
// PCM to WAV and to MP3 through the real export job, side by side with Debian's ffmpeg doing the
// same mix (per-speaker gain, clips placed on three tracks, tracks summed) and the same encode from
// the same PCM. Targets: WAV ≤ 1.0× ffmpeg's time, MP3 ≤ 1.5×. Without ffmpeg on the PATH the
// comparison rows are skipped with a note (`apt-get install ffmpeg` to get them).
//
// The dialogue reuses a pool of 40 synthetic utterances, as a cache would hold distinct takes; what
// is timed is the mix and the encode, never the synthesis of the test voice.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExport } from '../src-main/audio/export/export-job';
import type { ExportClip, ExportTimeline } from '../src-main/audio/export/timeline';
import { voice } from '../test-support/audio/signals';
import { xorshift32 } from '../test-support/rng';

export interface ExportBenchRow {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass?: boolean | null;
}

const RATE = 24000;
const MINUTES = 30;
const TRACKS = [
  { id: 'anna', name: 'Anna', gainDb: -1 },
  { id: 'ben', name: 'Ben', gainDb: 0 },
  { id: 'cleo', name: 'Cleo', gainDb: 1.5 },
];

interface Dialogue {
  timeline: ExportTimeline;
  pool: Float32Array[];
  /** Per clip: which pool entry it plays. */
  take: number[];
}

/** Lines of 1.5–6 s taking turns, mostly with a short gap, sometimes interrupting (overlap). */
function dialogue(): Dialogue {
  const r = xorshift32(2024);
  const pool = Array.from({ length: 40 }, (_, i) => voice({ seconds: 1.5 + 4.5 * r(), sampleRate: RATE, seed: i + 1, leadSilence: 0.15, tailSilence: 0.2 }));
  const clips: ExportClip[] = [];
  const take: number[] = [];
  let t = 0;
  let speaker = 0;
  while (t < MINUTES * 60 * RATE) {
    const k = Math.floor(r() * pool.length);
    const pcm = pool[k]!;
    clips.push({ trackId: TRACKS[speaker]!.id, startSample: t, pcm });
    take.push(k);
    const gap = r() < 0.12 ? -Math.round(0.6 * RATE * r()) : Math.round((0.2 + 0.5 * r()) * RATE);
    t = Math.max(0, t + pcm.length + gap);
    speaker = (speaker + 1 + (r() < 0.3 ? 1 : 0)) % TRACKS.length;
  }
  return { timeline: { sampleRate: RATE, tracks: TRACKS, clips }, pool, take };
}

function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

function run(cmd: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.once('error', reject);
    p.once('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${cmd} exited with ${code}: ${err.slice(-800)}`))));
  });
}

/**
 * ffmpeg's version of the same mix: every clip an input (the cached PCM as raw float), each track
 * a concat of silence and clips (a track never overlaps itself here), track gain, then the three
 * tracks summed without amix's level normalization.
 */
function ffmpegJob(d: Dialogue, dir: string, codecArgs: string[], out: string): { args: string[] } {
  const inputs: string[] = [];
  d.pool.forEach((pcm, i) => writeFileSync(join(dir, `take${i}.f32`), new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength)));
  const lines: string[] = [];
  const trackOut: string[] = [];
  TRACKS.forEach((tr, ti) => {
    const segs: string[] = [];
    let cursor = 0;
    d.timeline.clips.forEach((c, ci) => {
      if (c.trackId !== tr.id) return;
      const gap = c.startSample - cursor;
      if (gap > 0) {
        lines.push(`anullsrc=r=${RATE}:cl=mono,atrim=end_sample=${gap}[g${ci}]`);
        segs.push(`[g${ci}]`);
      }
      inputs.push('-f', 'f32le', '-ar', String(RATE), '-ac', '1', '-i', `take${d.take[ci]}.f32`);
      segs.push(`[${inputs.filter((x) => x === '-i').length - 1}:a]`);
      cursor = c.startSample + c.pcm.length;
    });
    lines.push(`${segs.join('')}concat=n=${segs.length}:v=0:a=1,volume=${tr.gainDb}dB[t${ti}]`);
    trackOut.push(`[t${ti}]`);
  });
  lines.push(`${trackOut.join('')}amix=inputs=${TRACKS.length}:duration=longest:normalize=0[out]`);
  writeFileSync(join(dir, 'graph.txt'), lines.join(';\n'));
  return { args: ['-hide_banner', '-nostdin', '-y', '-loglevel', 'error', ...inputs, '-filter_complex_script', 'graph.txt', '-map', '[out]', ...codecArgs, out] };
}

async function timeExport(d: Dialogue, dir: string, format: 'wav' | 'mp3'): Promise<number> {
  const t0 = performance.now();
  await runExport(d.timeline, { outputPath: join(dir, `koe.${format}`), format, bitDepth: 16, bitrateKbps: 64, loudnessTarget: null, stemsDir: null, subtitlesPath: null, range: null, metadata: { title: 'Bench' } });
  return performance.now() - t0;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const best = async (n: number, f: () => Promise<number>) => {
  let m = Infinity;
  for (let i = 0; i < n; i++) m = Math.min(m, await f());
  return m;
};

export async function benchExport(): Promise<ExportBenchRow[]> {
  const d = dialogue();
  const dir = mkdtempSync(join(tmpdir(), 'koe-bench-export-'));
  const rows: ExportBenchRow[] = [];
  try {
    const minutes = round(d.timeline.clips.reduce((m, c) => Math.max(m, c.startSample + c.pcm.length), 0) / RATE / 60, 1);
    const wav = await best(2, () => timeExport(d, dir, 'wav'));
    const mp3 = await best(2, () => timeExport(d, dir, 'mp3'));
    const norm = await best(1, async () => {
      const t0 = performance.now();
      await runExport(d.timeline, { outputPath: join(dir, 'norm.mp3'), format: 'mp3', bitrateKbps: 64, loudnessTarget: -16, stemsDir: join(dir, 'stems'), subtitlesPath: join(dir, 'subs.srt'), range: null, metadata: {} });
      return performance.now() - t0;
    });
    rows.push({ name: `export: mix + WAV 16-bit, ${minutes}-min 3-speaker dialogue (${d.timeline.clips.length} clips)`, value: round(wav / 1000), unit: 's', target: 'info', pass: null });
    rows.push({ name: 'export: mix + MP3 64 kbit/s, same dialogue', value: round(mp3 / 1000), unit: 's', target: 'info', pass: null });
    rows.push({ name: 'export: MP3 at −16 LUFS + 3 stems + SRT, same dialogue', value: round(norm / 1000), unit: 's', target: 'info', pass: null });
    if (!hasFfmpeg()) {
      rows.push({ name: 'ffmpeg comparison skipped: ffmpeg not installed (apt-get install ffmpeg)', value: 0, unit: '', target: 'info', pass: null });
      return rows;
    }
    const fw = ffmpegJob(d, dir, ['-c:a', 'pcm_s16le'], 'ff.wav');
    const ffWav = await best(2, () => run('ffmpeg', fw.args, dir));
    const fm = ffmpegJob(d, dir, ['-c:a', 'libmp3lame', '-b:a', '64k'], 'ff.mp3');
    const ffMp3 = await best(2, () => run('ffmpeg', fm.args, dir));
    rows.push({ name: 'ffmpeg: same mix + WAV 16-bit from the same PCM', value: round(ffWav / 1000), unit: 's', target: 'info', pass: null });
    rows.push({ name: 'ffmpeg: same mix + MP3 64 kbit/s (libmp3lame)', value: round(ffMp3 / 1000), unit: 's', target: 'info', pass: null });
    rows.push({ name: 'export WAV time ÷ ffmpeg WAV time', value: round(wav / ffWav), unit: '×', target: '≤ 1.0', pass: wav / ffWav <= 1.0 });
    rows.push({ name: 'export MP3 time ÷ ffmpeg MP3 time', value: round(mp3 / ffMp3), unit: '×', target: '≤ 1.5', pass: mp3 / ffMp3 <= 1.5 });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
