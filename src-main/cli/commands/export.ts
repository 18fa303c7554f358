// `koe export <project.koe>`: a saved project rendered and mixed the way the studio's Export does
// it — lines without a take (or with a stale one) rendered first, then the selected takes mixed
// where they were placed, with their gains, fades, trims and the tracks' mute and solo.
//
// The file is opened in a scratch library that is deleted afterwards, not in the user's: exporting
// must not leave a project behind, and the file alone decides what is current — the user's own
// speed or pronunciations must not make its takes look stale. Only the models folder is shared.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KoeError } from '../../contract/errors';
import { SAMPLE_RATE } from '../../contract/schemas';
import type { TimelineClip } from '../../contract/calls-timeline';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { CliFace } from '../face';
import { DELIVERY_OPTIONS, DELIVERY_USAGE, deliveryChoices, printDelivered } from '../delivery-options';
import { dirs, parse } from '../options';
import { cliJobId, exportProgressPrinter } from '../progress';

export const exportCommand: Command = {
  name: 'export',
  calls: ['export.mix', 'project.importKoe', 'timeline.get'],
  usage: `  koe export <project.koe> --out <file> [--range <start>-<end> (seconds)]
${DELIVERY_USAGE}      Renders a saved project (lines without a current take first) and mixes it as the studio's
      Export does. The project is opened in a scratch library, not added to yours; only the
      models come from --data-dir.
`,
  run: runExportKoe,
};

async function runExportKoe(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { ...DELIVERY_OPTIONS, range: { type: 'string' } });
  const [file] = positionals;
  if (!file) throw new UsageError('export needs a project file (.koe)');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (!values.out && !values.chapters) throw new UsageError('export needs --out <file> (or --chapters <folder> for one file per chapter)');
  const choices = deliveryChoices(values);
  const range = values.range === undefined ? null : parseRange(String(values.range));

  const controller = new AbortController();
  const scratch = await mkdtemp(join(tmpdir(), 'koe-export-'));
  try {
    // Engine workers (started only if a line needs rendering) let the lines render side by side.
    const face = await CliFace.open({ dataDir: scratch, modelsDir: dirs(values).modelsDir, engineWorker: new URL('./engine-worker.js', import.meta.url) });
    const jobId = cliJobId('export');
    const onSigint = () => {
      process.stderr.write('koe: stopping; nothing will be written\n');
      controller.abort();
      void face.call('export.cancel', { jobId }).catch(() => {});
    };
    process.once('SIGINT', onSigint);
    try {
      // The scratch library takes the speed and default voice the file's takes were made with.
      const { projectId, name } = await face.call('project.importKoe', { source: { kind: 'file', path: resolve(file) }, settings: 'fromTakes' });
      const view = await face.call('timeline.get', { projectId });
      const now = await face.call('settings.get', {});
      const voiceOf = new Map(view.tracks.map((t) => [t.speaker, t.voiceId] as const));
      const work = view.clips.map((c) => ({ speaker: c.speaker, voiceId: voiceOf.get(c.speaker) ?? now.defaultVoiceId ?? null, status: c.status }));
      const known = new Set((await face.call('voices.list', {})).map((v) => v.id));
      const stuck = unrenderable(work, (id) => known.has(id));
      if (stuck) throw new KoeError('not_found', stuck);
      const todo = work.filter((w) => w.status !== 'ready').length;
      process.stderr.write(`${name}: ${work.length} line${work.length === 1 ? '' : 's'}, ${todo === 0 ? 'all rendered' : `${todo} to render`}\n`);
      if (controller.signal.aborted) throw new KoeError('cancelled', 'Export cancelled.');
      const progress = exportProgressPrinter(!!values.progress, jobId);
      face.on('export.progress', progress);
      const result = await face.call('export.mix', { jobId, projectId, ...choices, range: range ? { startSample: range.start, endSample: range.end } : null }).finally(() => progress.end());
      printDelivered(values, values.out ?? values.chapters!, result);
    } finally {
      process.off('SIGINT', onSigint);
      await face.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true }).catch(() => {});
  }
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
export function unrenderable(work: readonly { speaker: string; voiceId: string | null; status: TimelineClip['status'] }[], known: (voiceId: string) => boolean): string | null {
  const missing = work.filter((w) => w.status !== 'ready' && w.voiceId !== null && !known(w.voiceId));
  if (missing.length === 0) return null;
  const voices = [...new Set(missing.map((w) => `${w.voiceId} (${w.speaker})`))];
  return `${missing.length} line${missing.length === 1 ? '' : 's'} need${missing.length === 1 ? 's' : ''} rendering in a voice this project file does not carry: ${voices.join(', ')}. Cloned voices and saved blends stay in the library that made them; render these lines in the studio, save the .koe again, and export that.`;
}
