// The one-shot CLI commands. They run the engine in-process: a command has no UI to keep
// responsive, and skipping the worker saves its start-up time.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { KoeError } from '../contract/errors';
import { SAMPLE_RATE, type Project, type Speaker } from '../contract/schemas';
import { resample } from '../audio/resample';
import { encodeWav } from '../audio/wav';
import { Core } from '../core/core';
import { renderProjectMix } from '../core/export-mix';
import { EspeakEngine } from '../engines/espeak/espeak-engine';
import { assertWritableTarget, writeFileAtomic } from '../fs/atomic';
import { runExport } from '../audio/export/export-job';
import type { ExportFormat } from '../audio/export/encoder';
import { renderLinearTimeline } from '../core/linear-timeline';
import { g2pTextPath } from '../engines/kokoro/g2p-text-path';
import type { KokoroLang } from '../text/g2p/index';
import { parseScript } from '../script/parse';
import { prepareText } from '../text/index';
import { UsageError } from './errors';
import { MODELS_HELP } from './models';
import { CLONE_HELP } from './clone';
import { EXPORT_HELP } from './export';
import { dirs, FORMAT_EXTENSIONS, loudnessTarget, parse } from './options';

export const HELP = `koe — Koe Studio on the command line

Usage:
  koe render <script.txt|-> --out <file> [--voice <id> | --voice <Speaker>=<id> ...]
      [--format wav|mp3|flac|opus] [--loudness=-16 | --loudness podcast|streaming|broadcast]
      [--stems <dir>] [--subtitles <file.srt|.vtt>] [--rate <0.5-2>] [--bit-depth 16|24]
      [--sample-rate <Hz> (plain WAV only)] [--progress]
${EXPORT_HELP}  koe voices [--json] [--language <code>] [--query <text>]
  koe normalize <text>          print the words that will be spoken
  koe phonemize <text> [--lang en-us|en-gb|es|fr-fr|hi|it|pt-br|<espeak code>] [--json] [--espeak]
      Kokoro's phonemes and where each word's came from (user, gold, silver, morphology, espeak).
  koe serve [--port <n>]        the studio in a browser; prints the URL to open
${MODELS_HELP}${CLONE_HELP}  koe help | koe --version

Every command takes --data-dir <folder> (default: the desktop app's data folder, or $KOE_DATA_DIR).
Scripts use "Name: text" lines; lines without a name belong to the Narrator.
`;

async function withCore<T>(dataDirArg: { 'data-dir'?: string | boolean | (string | boolean)[] }, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await Core.create({ ...dirs(dataDirArg), face: { kind: 'cli' } });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

export async function runRender(args: string[]): Promise<void> {
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
  const format = String(values.format).toLowerCase();
  const exts = FORMAT_EXTENSIONS[format];
  if (!exts) throw new UsageError(`format "${format}" is not supported; use --format wav, mp3, flac or opus`);
  if (!exts.includes(extname(out).toLowerCase())) throw new UsageError(`--out must end in ${exts.join(' or ')} for --format ${format} (got "${out}")`);
  const loudness = values.loudness === undefined ? null : loudnessTarget(String(values.loudness));
  const subtitles = values.subtitles ?? null;
  if (subtitles && !/\.(srt|vtt)$/i.test(subtitles)) throw new UsageError(`--subtitles must end in .srt or .vtt (got "${subtitles}")`);
  const stems = values.stems ?? null;
  // The full exporter handles every format and option; plain WAV keeps the direct path below.
  const exporter = format !== 'wav' || loudness !== null || subtitles !== null || stems !== null;
  const bitDepth = Number(values['bit-depth']);
  if (bitDepth !== 16 && bitDepth !== 24) throw new UsageError('--bit-depth must be 16 or 24');
  const speed = values.rate === undefined ? 1 : Number(values.rate);
  if (!Number.isFinite(speed) || speed < 0.5 || speed > 2) throw new UsageError('--rate must be a number from 0.5 to 2');
  const sampleRate = values['sample-rate'] === undefined ? SAMPLE_RATE : Number(values['sample-rate']);
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192000) throw new UsageError('--sample-rate must be a whole number of Hz from 8000 to 192000');

  if (exporter && values['sample-rate'] !== undefined) throw new UsageError('--sample-rate only applies to plain WAV renders (without --format, --stems, --subtitles or --loudness)');
  const script = await readScript(scriptPath);
  await assertWritableTarget(out);
  if (subtitles) await assertWritableTarget(subtitles);
  const parsed = parseScript(script);
  if (parsed.lines.length === 0) throw new KoeError('invalid_args', `${scriptPath === '-' ? 'standard input' : scriptPath} has no lines to speak.`);

  await withCore(values, async (core) => {
    const settings = { ...core.library.settings.getSettings(), speed };
    const { fallback, perSpeaker } = voiceArgs(values.voice ?? [], parsed.speakers);
    const defaultVoice = fallback ?? settings.defaultVoiceId;
    const speakers: Speaker[] = parsed.speakers.map((name) => ({ name, voiceId: perSpeaker.get(name) ?? defaultVoice, color: '#888888', gain: 0, pan: 0 }));
    const project: Project = { id: 'cli', name: 'koe render', script, speakers, revision: 0, createdAt: '', updatedAt: '' };
    const progress = values.progress ? (fraction: number, stage: string) => process.stderr.write(`progress ${fraction.toFixed(3)} ${stage}\n`) : undefined;
    if (exporter) {
      const timeline = await renderLinearTimeline({ project, settings, speech: core.speech, onProgress: (f, st) => progress?.(f * 0.6, st) });
      const result = await runExport(timeline, {
        outputPath: out,
        format: format as ExportFormat,
        bitDepth: bitDepth as 16 | 24,
        loudnessTarget: loudness,
        stemsDir: stems,
        subtitlesPath: subtitles,
        range: null,
        metadata: { title: 'koe render' },
        onProgress: (p) => progress?.(0.6 + p.fraction * 0.4, p.stage === 'saving' ? 'Writing' : p.stage),
      });
      const extra = result.files.filter((f) => f.kind !== 'mix').map((f) => f.path);
      process.stderr.write(
        `Wrote ${out} (${result.durationSeconds.toFixed(2)} s, ${parsed.lines.length} line${parsed.lines.length === 1 ? '' : 's'}, ${(result.encodedLufs ?? result.integratedLufs).toFixed(1)} LUFS, ${(result.encodedTruePeakDbtp ?? result.truePeakDbtp).toFixed(1)} dBTP${result.limited ? ', limited' : ''})${extra.length ? ` and ${extra.join(', ')}` : ''}\n`,
      );
      return;
    }
    let pcm = await renderProjectMix({ project, settings, speech: core.speech, onProgress: progress });
    if (sampleRate !== SAMPLE_RATE) pcm = resample(pcm, SAMPLE_RATE, sampleRate);
    const bytes = encodeWav(pcm, { sampleRate, bitDepth, metadata: { software: 'Koe Studio', comment: 'Synthetic speech: generated by Koe Studio text-to-speech.' } });
    progress?.(1, 'Writing');
    await writeFileAtomic(out, bytes);
    process.stderr.write(`Wrote ${out} (${(pcm.length / sampleRate).toFixed(2)} s, ${parsed.lines.length} line${parsed.lines.length === 1 ? '' : 's'})\n`);
  });
}

function voiceArgs(values: string[], speakers: string[]): { fallback: string | null; perSpeaker: Map<string, string> } {
  let fallback: string | null = null;
  const perSpeaker = new Map<string, string>();
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq < 0) {
      fallback = v;
      continue;
    }
    const name = v.slice(0, eq).trim();
    if (!speakers.includes(name)) throw new UsageError(`--voice names speaker "${name}", who has no lines (speakers: ${speakers.join(', ') || 'none'})`);
    perSpeaker.set(name, v.slice(eq + 1).trim());
  }
  return { fallback, perSpeaker };
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

export async function runVoices(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, language: { type: 'string' }, query: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  await withCore(values, async (core) => {
    const voices = core.library.voices.listVoices({ language: values.language, query: values.query });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(voices, null, 2)}\n`);
      return;
    }
    const rows = voices.map((v) => [v.id, v.name, v.language, v.gender, v.kind]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 4));
    for (const r of rows) process.stdout.write(`${r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ')}\n`);
    process.stderr.write(`${voices.length} voice${voices.length === 1 ? '' : 's'}\n`);
  });
}

export async function runNormalize(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { lang: { type: 'string', default: 'en-us' } });
  const text = positionals.join(' ');
  if (!text.trim()) throw new UsageError('normalize needs some text, e.g. koe normalize "Dr. Smith paid $5.50 on 3/4/2024"');
  const { spoken } = prepareText(text, String(values.lang));
  process.stdout.write(`${spoken}\n`);
}

/** Koe language tags accepted for the Kokoro path, and the Kokoro language each one means. */
const KOKORO_LANG_OF: Record<string, KokoroLang> = {
  a: 'a', 'en-us': 'a', en: 'a', b: 'b', 'en-gb': 'b', e: 'e', es: 'e', f: 'f', 'fr-fr': 'f', fr: 'f',
  h: 'h', hi: 'h', i: 'i', it: 'i', p: 'p', 'pt-br': 'p', j: 'j', ja: 'j', z: 'z', cmn: 'z', zh: 'z',
};

export async function runPhonemize(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    lang: { type: 'string', default: 'en-us' },
    espeak: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const text = positionals.join(' ');
  if (!text.trim()) throw new UsageError('phonemize needs some text');
  const lang = String(values.lang).toLowerCase();
  const kokoroLang = KOKORO_LANG_OF[lang];
  if (values.espeak || !kokoroLang) {
    // espeak's own IPA: for every language espeak has, and for comparing with the Kokoro path.
    const engine = new EspeakEngine();
    await engine.load();
    const known = (await engine.voices()).some((v) => v.id === lang);
    if (!known) throw new KoeError('not_found', `Unknown language "${lang}". Run "koe voices" to see the languages (espeak:<code>).`);
    const { spoken } = prepareText(text, lang);
    process.stdout.write(`${await engine.phonemize(spoken, lang)}\n`);
    await engine.dispose();
    return;
  }
  const { modelsDir } = dirs(values);
  const path = g2pTextPath(modelsDir);
  const available = path.g2p.availability(kokoroLang);
  if (!available.available) throw new KoeError('unsupported', available.reason ?? `Kokoro cannot read "${lang}" yet.`);
  if (available.reason) process.stderr.write(`note: ${available.reason}\n`);
  const { spoken } = prepareText(text, lang.length === 1 ? (kokoroLang === 'b' ? 'en-gb' : 'en-us') : lang);
  const result = await path.g2p.phonemize(spoken, kokoroLang);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${result.phonemes}\n\n`);
  const words = result.words.filter((w) => w.source !== 'punctuation');
  const width = Math.min(24, Math.max(4, ...words.map((w) => w.text.length)));
  const pwidth = Math.min(28, Math.max(8, ...words.map((w) => w.phonemes.length)));
  for (const w of words) process.stdout.write(`${w.text.padEnd(width)}  ${w.phonemes.padEnd(pwidth)}  ${w.source}\n`);
}
