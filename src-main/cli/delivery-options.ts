// The delivery options `koe render` and `koe export` share: format, sample rate, bitrate, preset, loudness, stems, subtitles, chapters into a folder and the
// audiobook tags; turned into the export calls' arguments, and the result printed the same way.
import { extname, resolve } from 'node:path';
import type { CallArgs, CallResult } from '../contract/calls';
import { UsageError } from './errors';
import { exportFormat, FORMAT_EXTENSIONS, loudnessTarget, summary, type ExportFormat } from './options';

export const DELIVERY_OPTIONS = {
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  'bit-depth': { type: 'string', default: '24' },
  'sample-rate': { type: 'string' },
  bitrate: { type: 'string' },
  preset: { type: 'string' },
  loudness: { type: 'string' },
  stems: { type: 'string' },
  subtitles: { type: 'string' },
  chapters: { type: 'string' },
  title: { type: 'string' },
  author: { type: 'string' },
  narrator: { type: 'string' },
  cover: { type: 'string' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
} as const;

export const DELIVERY_USAGE = `      [--format wav|mp3|flac|opus|m4b] [--sample-rate 22050|24000|44100|48000] [--bitrate <kbit/s>]
      [--preset podcast|streaming|broadcast|acx] [--loudness -16 | --loudness podcast|streaming|broadcast]
      [--stems <dir>] [--subtitles <file.srt|.vtt>] [--chapters <folder> (one file per chapter)]
      [--title <t>] [--author <a>] [--narrator <n>] [--cover <image.jpg|.png>] [--bit-depth 16|24]
      [--json] [--progress]
`;

type Values = { [K in keyof typeof DELIVERY_OPTIONS]?: (typeof DELIVERY_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };
type Choices = Omit<CallArgs<'export.mix'>, 'jobId' | 'projectId'>;

const PRESETS = ['podcast', 'streaming', 'broadcast', 'acx'] as const;

/** --format, else what the preset delivers (ACX: MP3), else WAV; --out must carry its extension. */
function formatFor(values: Values, preset: string | null): ExportFormat {
  if (values.format !== undefined) return exportFormat(values.format);
  return preset === 'acx' ? 'mp3' : 'wav';
}

/** The export calls' delivery arguments from the command line; usage errors before any work. */
export function deliveryChoices(values: Values): Choices {
  const preset = values.preset === undefined ? null : (PRESETS as readonly string[]).includes(values.preset.toLowerCase()) ? (values.preset.toLowerCase() as (typeof PRESETS)[number]) : null;
  if (values.preset !== undefined && !preset) throw new UsageError(`--preset must be ${PRESETS.join(', ')} (got "${values.preset}")`);
  if (values.out && values.chapters) throw new UsageError('give --out <file> for one file, or --chapters <folder> for one file per chapter, not both');
  if (!values.out && !values.chapters) throw new UsageError(preset === 'acx' ? 'ACX takes one file per chapter: give --chapters <folder>' : 'give --out <file> (or --chapters <folder> for one file per chapter)');
  const format = formatFor(values, preset);
  if (values.out && !FORMAT_EXTENSIONS[format].includes(extname(values.out).toLowerCase())) throw new UsageError(`--out must end in ${FORMAT_EXTENSIONS[format].join(' or ')} for --format ${format} (got "${values.out}")`);
  const bitDepth = Number(values['bit-depth']);
  if (bitDepth !== 16 && bitDepth !== 24) throw new UsageError('--bit-depth must be 16 or 24');
  const subtitles = values.subtitles ?? null;
  if (subtitles && !/\.(srt|vtt)$/i.test(subtitles)) throw new UsageError(`--subtitles must end in .srt or .vtt (got "${subtitles}")`);
  const num = (flag: string, v: string | undefined, ok: (n: number) => boolean, what: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || !ok(n)) throw new UsageError(`--${flag} must be ${what} (got "${v}")`);
    return n;
  };
  const sampleRate = num('sample-rate', values['sample-rate'], (n) => n >= 8000 && n <= 192000, 'a whole number of Hz from 8000 to 192000');
  const bitrate = num('bitrate', values.bitrate, (n) => n >= 8 && n <= 320, 'a whole number of kbit/s from 8 to 320');
  const book = { ...(values.title ? { title: values.title } : {}), ...(values.author ? { author: values.author } : {}), ...(values.narrator ? { narrator: values.narrator } : {}), ...(values.cover ? { coverPath: resolve(values.cover) } : {}) };
  return {
    format,
    bitDepth,
    preset,
    loudness: values.loudness === undefined ? null : loudnessTarget(values.loudness),
    ...(bitrate !== undefined ? { bitrate } : {}),
    ...(sampleRate !== undefined ? { sampleRate } : {}),
    stems: values.stems !== undefined,
    subtitles: subtitles ? (subtitles.toLowerCase().endsWith('.vtt') ? 'vtt' : 'srt') : 'none',
    ...(values.chapters ? { chapters: 'files' as const } : {}),
    ...(Object.keys(book).length ? { book } : {}),
    destination: values.chapters
      ? { kind: 'folder', path: resolve(values.chapters) }
      : { kind: 'file', path: resolve(values.out!), ...(values.stems !== undefined ? { stemsDir: resolve(values.stems) } : {}), ...(subtitles ? { subtitlesPath: resolve(subtitles) } : {}) },
  };
}

/** "Wrote …" on stderr, the check report under it; or the whole result as JSON on stdout with --json. */
export function printDelivered(values: Values, where: string, result: CallResult<'export.mix'>, ...more: string[]): void {
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const chapters = result.extras.filter((e) => e.kind === 'chapter');
  const others = result.extras.filter((e) => e.kind !== 'chapter');
  const what = chapters.length ? `${chapters.length} chapter file${chapters.length === 1 ? '' : 's'} in ${where}` : where;
  process.stderr.write(`Wrote ${what} (${summary(result, ...more)})${others.length ? ` and ${others.map((e) => e.path).join(', ')}` : ''}\n`);
  // What was skipped is said after the file, so a script that mostly spoke is not mistaken for a failure.
  for (const w of result.textWarnings ?? []) process.stderr.write(`Warning: line ${w.line} (${w.speaker}): ${w.message}\n`);
  const report = result.report;
  if (!report) return;
  process.stderr.write(`Check against ${report.preset}: ${report.pass ? 'every file passes' : 'some files do not pass'}\n`);
  for (const f of report.files) {
    process.stderr.write(`  ${f.pass ? 'PASS' : 'FAIL'}  ${f.fileName}\n`);
    for (const c of f.checks) process.stderr.write(`        ${c.pass ? 'ok  ' : 'FAIL'} ${c.label.padEnd(28)} ${c.value.padEnd(22)} ${c.limit}\n`);
  }
}
