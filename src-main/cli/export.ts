// `koe export <project.koe>`: a saved project rendered and mixed the way the studio's Export does
// it — lines without a take (or with a stale one) rendered first, then the selected takes mixed
// where they were placed, with their gains, fades, trims and the tracks' mute and solo.
//
// The file is opened in a scratch library that is deleted afterwards, not in the user's: exporting
// must not leave a project behind, and the file alone decides what is current — the user's own
// speed or pronunciations must not make its takes look stale. Only the models folder is shared.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { KoeError } from '../contract/errors';
import { SAMPLE_RATE } from '../contract/schemas';
import type { ExportFormat } from '../audio/export/encoder';
import { runExport } from '../audio/export/export-job';
import { Core } from '../core/core';
import { renderedTimeline } from '../core/timeline-export';
import { assertWritableTarget } from '../fs/atomic';
import { decodeKoe, importDecodedKoe, MAX_KOE_BYTES, type DecodedKoe } from '../timeline/koe-file';
import type { LineWork } from '../timeline/service';
import { UsageError } from './errors';
import { dirs, FORMAT_EXTENSIONS, loudnessTarget, parse } from './options';

export const EXPORT_HELP = `  koe export <project.koe> --out <file> [--format wav|mp3|flac|opus] [--bit-depth 16|24]
      [--loudness=-16 | --loudness podcast|streaming|broadcast] [--stems <dir>]
      [--subtitles <file.srt|.vtt>] [--range <start>-<end> (seconds)] [--progress]
      Renders a saved project (lines without a current take first) and mixes it as the studio's
      Export does. The project is opened in a scratch library, not added to yours; only the
      models come from --data-dir.
`;

export async function runExportKoe(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    format: { type: 'string', default: 'wav' },
    'bit-depth': { type: 'string', default: '24' },
    loudness: { type: 'string' },
    stems: { type: 'string' },
    subtitles: { type: 'string' },
    range: { type: 'string' },
    progress: { type: 'boolean' },
  });
  const [file] = positionals;
  if (!file) throw new UsageError('export needs a project file (.koe)');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const out = values.out;
  if (!out) throw new UsageError('export needs --out <file>');
  const format = String(values.format).toLowerCase();
  const exts = FORMAT_EXTENSIONS[format];
  if (!exts) throw new UsageError(`format "${format}" is not supported; use --format wav, mp3, flac or opus`);
  if (!exts.includes(extname(out).toLowerCase())) throw new UsageError(`--out must end in ${exts.join(' or ')} for --format ${format} (got "${out}")`);
  const bitDepth = Number(values['bit-depth']);
  if (bitDepth !== 16 && bitDepth !== 24) throw new UsageError('--bit-depth must be 16 or 24');
  const loudness = values.loudness === undefined ? null : loudnessTarget(String(values.loudness));
  const subtitles = values.subtitles ?? null;
  if (subtitles && !/\.(srt|vtt)$/i.test(subtitles)) throw new UsageError(`--subtitles must end in .srt or .vtt (got "${subtitles}")`);
  const range = values.range === undefined ? null : parseRange(String(values.range));

  // Everything about the file and the targets is checked before any work starts.
  const decoded = decodeKoe(await readProjectFile(file));
  await assertWritableTarget(out);
  if (subtitles) await assertWritableTarget(subtitles);

  const progress = values.progress ? (fraction: number, stage: string) => process.stderr.write(`progress ${fraction.toFixed(3)} ${stage}\n`) : () => {};
  const controller = new AbortController();
  const onSigint = () => {
    process.stderr.write('koe: stopping; nothing will be written\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const scratch = await mkdtemp(join(tmpdir(), 'koe-export-'));
  try {
    // Engine workers (started only if a line needs rendering) let the lines render side by side.
    const core = await Core.create({ dataDir: scratch, modelsDir: dirs(values).modelsDir, face: { kind: 'cli' }, engineWorker: new URL('./engine-worker.js', import.meta.url) });
    try {
      core.library.settings.setSettings(settingsFor(decoded, core.library.settings.getSettings()));
      const { projectId, name } = importDecodedKoe(core.library, core.timeline, decoded);
      const work = core.timeline.work(projectId);
      const stuck = unrenderable(work, (id) => core.library.voices.getVoice(id) !== null);
      if (stuck) throw new KoeError('not_found', stuck);
      const todo = work.filter((w) => w.status !== 'ready').length;
      process.stderr.write(`${name}: ${work.length} line${work.length === 1 ? '' : 's'}, ${todo === 0 ? 'all rendered' : `${todo} to render`}\n`);
      const timeline = await renderedTimeline(core, projectId, controller.signal, (f, stage) => progress(f * 0.7, stage));
      const result = await runExport(timeline, {
        outputPath: out,
        format: format as ExportFormat,
        bitDepth: bitDepth as 16 | 24,
        loudnessTarget: loudness,
        stemsDir: values.stems ?? null,
        subtitlesPath: subtitles,
        range,
        metadata: { title: name },
        signal: controller.signal,
        onProgress: (p) => progress(0.7 + p.fraction * 0.3, p.message),
      });
      const extra = result.files.filter((f) => f.kind !== 'mix').map((f) => f.path);
      const lufs = Number.isFinite(result.integratedLufs) ? `, ${(result.encodedLufs ?? result.integratedLufs).toFixed(1)} LUFS, ${(result.encodedTruePeakDbtp ?? result.truePeakDbtp).toFixed(1)} dBTP` : '';
      process.stderr.write(`Wrote ${out} (${result.durationSeconds.toFixed(2)} s${lufs}${result.limited ? ', limited' : ''})${extra.length ? ` and ${extra.join(', ')}` : ''}\n`);
    } finally {
      await core.close();
    }
  } finally {
    process.off('SIGINT', onSigint);
    await rm(scratch, { recursive: true, force: true }).catch(() => {});
  }
}

async function readProjectFile(path: string): Promise<Uint8Array> {
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_KOE_BYTES) throw new KoeError('too_large', `${path} is ${(bytes.byteLength / 2 ** 30).toFixed(1)} GB; Koe Studio opens project files up to 1 GB.`);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (e) {
    if (e instanceof KoeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new KoeError('io', code === 'ENOENT' ? `Project file not found: ${path}` : code === 'EISDIR' ? `${path} is a folder, not a .koe project file.` : `Cannot read ${path}: ${(e as Error).message}`);
  }
}

/**
 * The speed and default voice the file's takes were made with. A .koe does not carry the Settings
 * of the machine that saved it, and a take made at another speed than the line would now get is
 * stale; taking them from the takes keeps the file's current takes current, and renders its
 * missing lines to match them.
 */
export function settingsFor(decoded: DecodedKoe, now: { speed: number; defaultVoiceId: string }): { speed: number; defaultVoiceId: string } {
  const { project, lines } = decoded.json;
  const voiceless = new Set(project.speakers.filter((s) => !s.voiceId).map((s) => s.name));
  const takes = lines.flatMap((l) => (l.take ? [{ speaker: l.speaker, ...l.take }] : []));
  const speed = mostCommon(takes.map((t) => t.params.speed).filter((s) => s >= 0.5 && s <= 2)) ?? now.speed;
  const defaultVoiceId = mostCommon(takes.filter((t) => voiceless.has(t.speaker) || !project.speakers.some((s) => s.name === t.speaker)).map((t) => t.voiceId)) ?? now.defaultVoiceId;
  return { speed, defaultVoiceId };
}

function mostCommon<T>(values: T[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === null || n > counts.get(best)!) best = v;
  }
  return best;
}

/** "1.5-20" seconds → timeline samples. */
export function parseRange(text: string): { start: number; end: number } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) throw new UsageError(`--range must be <start>-<end> in seconds, e.g. --range 2.5-30 (got "${text}")`);
  const start = Math.round(Number(m[1]) * SAMPLE_RATE);
  const end = Math.round(Number(m[2]) * SAMPLE_RATE);
  if (end <= start) throw new UsageError(`--range must end after it starts (got "${text}")`);
  return { start, end };
}

/**
 * Why lines cannot be rendered here, or null. A .koe carries the takes, not the voices: a cloned
 * voice or a saved blend lives in the library of the machine that made it, so a line without a
 * current take in such a voice is refused before any rendering, with what to do instead.
 */
export function unrenderable(work: readonly Pick<LineWork, 'speaker' | 'voiceId' | 'status'>[], known: (voiceId: string) => boolean): string | null {
  const missing = work.filter((w) => w.status !== 'ready' && w.voiceId !== null && !known(w.voiceId));
  if (missing.length === 0) return null;
  const voices = [...new Set(missing.map((w) => `${w.voiceId} (${w.speaker})`))];
  return `${missing.length} line${missing.length === 1 ? '' : 's'} need${missing.length === 1 ? 's' : ''} rendering in a voice this project file does not carry: ${voices.join(', ')}. Cloned voices and saved blends stay in the library that made them; render these lines in the studio, save the .koe again, and export that.`;
}
