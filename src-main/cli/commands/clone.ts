// `koe clone <audio-file> --name <name> --consent "<statement>"`: the same checks and the same
// cloning service as the app's recorder, on a file. Prints the new voice's id (for `koe render
// --voice`) and the quality report; a refused recording or a missing consent is one clear line.
// With --voice and --style, the recording becomes another style of that cloned voice instead (the
// same checks and consent).
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { CallResult } from '../../contract/calls';
import { KoeError } from '../../contract/errors';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { withFace } from '../face';
import { dirs, parse } from '../options';

type QualityReport = CallResult<'clone.check'>;

export const cloneCommand: Command = {
  name: 'clone',
  calls: ['clone.create', 'clone.check', 'clone.addStyle'],
  usage: `  koe clone <audio-file> --name <name> --consent "<statement>" [--who <name>] [--accept-warnings]
            [--tag <tag> ...] [--check-only] [--json]
                                clone a voice from a recording (WAV, MP3, M4A, Ogg, FLAC; 6–20 s of one
                                person speaking); --consent is the statement the voice's owner agreed
                                to, --who their name (default: your user name). Prints the voice id.
  koe clone <audio-file> --voice <voice-id> --style <name> --consent "<statement>" [--who <name>]
            [--accept-warnings] [--json]
                                add a style (whisper, excited…) to a cloned voice, with the same checks
                                and consent; a line directed "(whispering)" then speaks with a style
                                named whisper.
`,
  run: runClone,
};

const MARK = { ok: 'ok  ', warning: 'WARN', error: 'FAIL' } as const;

function printReport(r: QualityReport, out: NodeJS.WritableStream): void {
  out.write(`Recording: ${r.input.format}, ${r.input.sampleRate} Hz, ${r.input.channels} channel${r.input.channels === 1 ? '' : 's'}, ${r.input.durationSec} s\n`);
  for (const c of r.checks) out.write(`  ${MARK[c.level]} ${c.id.padEnd(11)} ${c.message}\n`);
  for (const s of r.skipped) out.write(`  skip ${s.id.padEnd(11)} ${s.reason}\n`);
}

function defaultWho(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

async function runClone(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, {
    name: { type: 'string' },
    voice: { type: 'string' },
    style: { type: 'string' },
    consent: { type: 'string' },
    who: { type: 'string' },
    tag: { type: 'string', multiple: true },
    'accept-warnings': { type: 'boolean' },
    'check-only': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [file] = positionals;
  if (!file) throw new UsageError('clone needs an audio file, e.g. koe clone me.wav --name "My voice" --consent "This is my own voice…"');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const checkOnly = !!values['check-only'];
  if (values.style !== undefined || values.voice !== undefined) {
    if (!values.style || !values.voice) throw new UsageError('adding a style needs both --voice <voice-id> (a cloned voice) and --style <name>');
    if (values.name) throw new UsageError('--name names a new voice; a style is named with --style');
    if (!values.consent) throw new UsageError('clone needs --consent "<statement>": what the owner of the voice agreed to');
    const style = values.style;
    const voiceId = values.voice;
    await withFace(dirs(values), async (face) => {
      const r = await face.call('clone.addStyle', { voiceId, name: style, source: { kind: 'file', path: resolve(file) }, consent: { statement: values.consent!, accepted: true, who: values.who ?? defaultWho() }, acceptWarnings: !!values['accept-warnings'] });
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ voiceId, style: r.style, styles: r.clone.styles.map((x) => x.name), report: r.report }, null, 2)}
`);
        return;
      }
      process.stdout.write(`${r.style.name}
`);
      printReport(r.report, process.stderr);
      process.stderr.write(`Added the style "${r.style.name}" to "${r.clone.name}" (styles: ${r.clone.styles.map((x) => x.name).join(', ')}).
`);
    });
    return;
  }
  if (!checkOnly && !values.name) throw new UsageError('clone needs --name <name> for the new voice');
  if (!checkOnly && !values.consent) throw new UsageError('clone needs --consent "<statement>": what the owner of the voice agreed to');
  const source = { kind: 'file' as const, path: resolve(file) };
  await withFace(dirs(values), async (face) => {
    if (checkOnly) {
      const report = await face.call('clone.check', { source });
      if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else printReport(report, process.stdout);
      if (!report.ok) throw new KoeError('invalid_args', 'This recording cannot be cloned (see the checks above).');
      return;
    }
    const made = await face
      .call('clone.create', {
        source,
        name: values.name!,
        consent: { statement: values.consent!, accepted: true, who: values.who ?? defaultWho() },
        acceptWarnings: !!values['accept-warnings'],
        ...(values.tag ? { tags: values.tag } : {}),
      })
      .catch(async (e: unknown) => {
        // A refused recording: show the whole report, then the one-line reason.
        if (e instanceof KoeError && (e.code === 'invalid_args' || e.code === 'conflict') && e.details && !values.json) {
          printReport(await face.call('clone.check', { source }), process.stderr);
          if (e.code === 'conflict') throw new KoeError('conflict', `${e.message.replace(/ Accept the warnings to clone it anyway\.$/, '')} Pass --accept-warnings to clone it anyway.`);
        }
        throw e;
      });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ voiceId: made.voice.id, voice: made.voice, report: made.report, consent: made.clone.consent, timings: made.timings }, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${made.voice.id}\n`);
    printReport(made.report, process.stderr);
    process.stderr.write(`Cloned "${made.voice.name}" in ${(made.timings.totalMs / 1000).toFixed(1)} s. Try it: koe render script.txt --voice ${made.voice.id} --out take.wav\n`);
  });
}
