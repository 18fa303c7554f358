// `koe render <script>`: a script file (or standard input) spoken line after line and exported, by
// `export.script` — the same exporter, progress and cancel as the studio's Export.
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { KoeError } from '../../contract/errors';
import { parseScript } from '../../script/parse';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace } from '../face';
import { dirs, exportFormat, FORMAT_EXTENSIONS, loudnessTarget, parse, sampleRateOption, summary } from '../options';
import { cliJobId, exportProgressPrinter } from '../progress';

export const renderCommand: Command = {
  name: 'render',
  calls: ['export.script'],
  usage: `  koe render <script.txt|-> --out <file> [--voice <id> | --voice <Speaker>=<id> ...]
      [--format wav|mp3|flac|opus] [--loudness -16 | --loudness podcast|streaming|broadcast]
      [--stems <dir>] [--subtitles <file.srt|.vtt>] [--rate <0.5-2>] [--bit-depth 16|24]
      [--sample-rate <Hz> (WAV and FLAC)] [--progress]
`,
  run: runRender,
};

async function runRender(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    out: { type: 'string', short: 'o' },
    voice: { type: 'string', short: 'v', multiple: true },
    format: { type: 'string', default: 'wav' },
    rate: { type: 'string' },
    'bit-depth': { type: 'string', default: '24' },
    'sample-rate': { type: 'string' },
    progress: { type: 'boolean' },
    stems: { type: 'string' },
    subtitles: { type: 'string' },
    loudness: { type: 'string' },
  });
  const [scriptPath] = positionals;
  if (!scriptPath) throw new UsageError('render needs a script file (or - for standard input)');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const out = values.out;
  if (!out) throw new UsageError('render needs --out <file.wav>');
  const format = exportFormat(String(values.format));
  if (!FORMAT_EXTENSIONS[format].includes(extname(out).toLowerCase())) throw new UsageError(`--out must end in ${FORMAT_EXTENSIONS[format].join(' or ')} for --format ${format} (got "${out}")`);
  const loudness = values.loudness === undefined ? null : loudnessTarget(String(values.loudness));
  const subtitles = values.subtitles ?? null;
  if (subtitles && !/\.(srt|vtt)$/i.test(subtitles)) throw new UsageError(`--subtitles must end in .srt or .vtt (got "${subtitles}")`);
  const bitDepth = Number(values['bit-depth']);
  if (bitDepth !== 16 && bitDepth !== 24) throw new UsageError('--bit-depth must be 16 or 24');
  const speed = values.rate === undefined ? 1 : Number(values.rate);
  if (!Number.isFinite(speed) || speed < 0.5 || speed > 2) throw new UsageError('--rate must be a number from 0.5 to 2');
  const sampleRate = sampleRateOption(values['sample-rate'], format);

  const script = await readScript(scriptPath);
  const parsed = parseScript(script);
  if (parsed.lines.length === 0) throw new KoeError('invalid_args', `${scriptPath === '-' ? 'standard input' : scriptPath} has no lines to speak.`);
  const { fallback, voices } = voiceArgs(values.voice ?? [], parsed.speakers);

  await withFace(dirs(values), async (face) => {
    const jobId = cliJobId('render');
    face.on('export.progress', exportProgressPrinter(!!values.progress, jobId));
    const result = await face.call('export.script', {
      jobId,
      script,
      voices,
      defaultVoiceId: fallback,
      speed,
      format,
      bitDepth,
      loudness,
      stems: values.stems !== undefined,
      subtitles: subtitles ? (subtitles.toLowerCase().endsWith('.vtt') ? 'vtt' : 'srt') : 'none',
      ...(sampleRate !== undefined ? { sampleRate } : {}),
      destination: { kind: 'file', path: resolve(out), ...(values.stems !== undefined ? { stemsDir: resolve(values.stems) } : {}), ...(subtitles ? { subtitlesPath: resolve(subtitles) } : {}) },
    });
    const lines = `${parsed.lines.length} line${parsed.lines.length === 1 ? '' : 's'}`;
    process.stderr.write(`Wrote ${out} (${summary(result, lines)})${result.extras.length ? ` and ${result.extras.map((e) => e.path).join(', ')}` : ''}\n`);
  });
}

function voiceArgs(values: string[], speakers: string[]): { fallback: string | null; voices: { speaker: string; voiceId: string }[] } {
  let fallback: string | null = null;
  const voices: { speaker: string; voiceId: string }[] = [];
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq < 0) {
      fallback = v;
      continue;
    }
    const name = v.slice(0, eq).trim();
    if (!speakers.includes(name)) throw new UsageError(`--voice names speaker "${name}", who has no lines (speakers: ${speakers.join(', ') || 'none'})`);
    voices.push({ speaker: name, voiceId: v.slice(eq + 1).trim() });
  }
  return { fallback, voices };
}

async function readScript(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = path === '-' ? await readStdin() : await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new KoeError('io', code === 'ENOENT' ? `Script file not found: ${path}` : code === 'EISDIR' ? `${path} is a folder, not a script file.` : `Cannot read ${path}: ${(e as Error).message}`);
  }
  // A script is text: NUL bytes or invalid UTF-8 mean it is something else (an audio file, a zip).
  if (bytes.includes(0)) throw new KoeError('invalid_args', `${path} is not a text file (it contains binary data).`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 0 && bad / Math.max(1, text.length) > 0.01) throw new KoeError('invalid_args', `${path} is not UTF-8 text.`);
  return text.replace(/^\uFEFF/, '');
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
