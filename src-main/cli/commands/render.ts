// `koe render <script>`: a script file (or standard input) spoken line after line and exported, by
// `export.script` — the same exporter, progress and cancel as the studio's Export.
import { readFile } from 'node:fs/promises';
import { KoeError } from '../../contract/errors';
import { parseScript } from '../../script/parse';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace } from '../face';
import { DELIVERY_OPTIONS, DELIVERY_USAGE, deliveryChoices, printDelivered } from '../delivery-options';
import { dirs, parse } from '../options';
import { cliJobId, exportProgressPrinter } from '../progress';

export const renderCommand: Command = {
  name: 'render',
  calls: ['export.script'],
  usage: `  koe render <script.txt|-> --out <file> [--voice <id> | --voice <Speaker>=<id> ...] [--rate <0.5-2>]
${DELIVERY_USAGE}`,
  run: runRender,
};

async function runRender(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    ...DELIVERY_OPTIONS,
    voice: { type: 'string', short: 'v', multiple: true },
    rate: { type: 'string' },
  });
  const [scriptPath] = positionals;
  if (!scriptPath) throw new UsageError('render needs a script file (or - for standard input)');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (!values.out && !values.chapters) throw new UsageError('render needs --out <file.wav> (or --chapters <folder> for one file per chapter)');
  const choices = deliveryChoices(values);
  const speed = values.rate === undefined ? 1 : Number(values.rate);
  if (!Number.isFinite(speed) || speed < 0.5 || speed > 2) throw new UsageError('--rate must be a number from 0.5 to 2');

  const script = await readScript(scriptPath);
  const parsed = parseScript(script);
  if (parsed.lines.length === 0) throw new KoeError('invalid_args', `${scriptPath === '-' ? 'standard input' : scriptPath} has no lines to speak.`);
  const { fallback, voices } = voiceArgs(values.voice ?? [], parsed.speakers);

  await withFace(dirs(values), async (face) => {
    const jobId = cliJobId('render');
    const progress = exportProgressPrinter(!!values.progress, jobId);
    face.on('export.progress', progress);
    const result = await face.call('export.script', { jobId, script, voices, defaultVoiceId: fallback, speed, ...choices }).finally(() => progress.end());
    printDelivered(values, values.out ?? values.chapters!, result, `${parsed.lines.length} line${parsed.lines.length === 1 ? '' : 's'}`);
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
