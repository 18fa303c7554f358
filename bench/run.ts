// `npm run bench`: the speed and memory targets, measured on this machine and written to
// bench-results.json. Targets live here, not in timed tests, because a loaded CI machine would make a
// timed test flaky while telling us nothing. Needs a build (`npm run build`) for the server figures.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPrepare } from './text';
import { benchCancel } from './cancel';
import { connectRpc } from '../e2e/rpc-client';
import { benchEventLoop } from './event-loop';
import { benchExport } from './export';
import { benchG2P } from './g2p';
import { benchG2PCjk } from './g2p-cjk';
import { benchIntelligibility } from './intelligibility';
import { benchKokoro } from './kokoro';
import { benchLibrary } from './library';
import { benchLoad } from './load';
import { benchLongExport } from './long-export';
import { benchManuscript } from './manuscript';
import { benchPlayback } from './playback';
import { benchPocket } from './pocket';
import { benchPocketContext } from './pocket-context';
import { benchResample } from './resample';
import { benchSpeechApi } from './speech-api';
import { startServe, type BenchRow } from './serve';
import { benchTextLimits } from './text-limits';
import { benchTimelineDrag } from './timeline-drag';
import { benchEditorBook } from './editor-book';
import { benchDraftWrite } from './draft-write';
import { benchTimelineLayout } from './timeline-layout';

export type { BenchRow };


const rows: BenchRow[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function add(row: BenchRow): void {
  rows.push(row);
  const mark = row.pass === true ? 'ok ' : row.pass === false ? 'MISS' : '   ';
  process.stdout.write(`${mark}  ${row.name.padEnd(58)} ${String(row.value).padStart(10)} ${row.unit.padEnd(8)} target ${row.target}\n`);
}


function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function benchText(): Promise<void> {
  const r = benchPrepare(undefined, 5);
  add({ name: 'text front end: normalize + split 1 MB English', value: round(r.mbPerSecond), unit: 'MB/s', target: '≥ 2', pass: r.mbPerSecond >= 2 });
}

async function benchServer(): Promise<void> {
  if (!existsSync('out/main/cli.js')) {
    process.stdout.write('(skipping server figures: run `npm run build` first)\n');
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-bench-'));
  try {
    // First launch creates the library; later launches are the everyday cold start.
    const starts: number[] = [];
    for (let i = 0; i < 6; i++) {
      const s = await startServe(dataDir);
      if (i > 0) starts.push(s.ms);
      await s.stop();
    }
    const start = median(starts);
    add({ name: '`koe serve` cold start to ready (median of 5)', value: round(start, 0), unit: 'ms', target: '≤ 1500', pass: start <= 1500 });

    const s = await startServe(dataDir);
    const u = new URL(s.url);
    const rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
    const overheads: number[] = [];
    const engineFirst: number[] = [];
    const clientFirst: number[] = [];
    const rtfs: number[] = [];
    for (let i = 0; i < 22; i++) {
      // A new sentence each time: the audio cache must not answer for the engine.
      const text = `Take ${i + 1}: the quick brown fox jumps over the lazy dog number ${i * 7 + 3}, and then rests for a while.`;
      const streamId = `bench-${i}-${Date.now()}`;
      let first = -1;
      let samples = 0;
      const t0 = performance.now();
      const ended = new Promise<{ engineFirstChunkMs: number | null }>((resolve) => {
        const offChunk = rpc.on('render.chunk', (p) => {
          if (p.streamId !== streamId) return;
          if (first < 0) first = performance.now() - t0;
          samples += p.pcm.length;
        });
        const offEnd = rpc.on('render.end', (p) => {
          if (p.streamId !== streamId) return;
          offChunk();
          offEnd();
          resolve(p);
        });
      });
      await rpc.call('render.start', { streamId, text, voiceId: 'espeak:en-us' });
      const end = await ended;
      const total = performance.now() - t0;
      if (i < 2 || end.engineFirstChunkMs === null) continue; // warm-up
      engineFirst.push(end.engineFirstChunkMs);
      clientFirst.push(first);
      overheads.push(first - end.engineFirstChunkMs);
      rtfs.push(total / 1000 / (samples / 24000));
    }
    add({ name: 'pipeline overhead to first audio over loopback (median of 20)', value: round(median(overheads)), unit: 'ms', target: '≤ 15', pass: median(overheads) <= 15 });
    add({ name: 'time to first audio, espeak, client side (median)', value: round(median(clientFirst), 1), unit: 'ms', target: 'info', pass: null });
    add({ name: 'espeak engine time to first chunk (median)', value: round(median(engineFirst), 1), unit: 'ms', target: 'info', pass: null });
    add({ name: 'espeak real-time factor, whole sentence over loopback (median)', value: round(median(rtfs), 3), unit: '×', target: '< 1', pass: median(rtfs) < 1 });
    rpc.close();
    await new Promise((r) => setTimeout(r, 500));
    const rss = rssMiB(s.pid);
    add({ name: 'server RSS, idle, espeak loaded', value: round(rss, 0), unit: 'MiB', target: '≤ 400', pass: rss <= 400 });
    for (const row of await benchLoad(s, rssMiB)) add(row);
    for (const row of await benchSpeechApi(s, dataDir, rssMiB)) add(row);
    await s.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Benchmarks of single parts (the speed bounds the unit tests gave up, G2P, engines, export, playback), imported like any module so a moved file breaks the type-check, not the figures. */
async function benchModules(): Promise<void> {
  const parts: (() => Promise<(Omit<BenchRow, 'pass'> & { pass?: boolean | null })[]>)[] = [benchResample, benchTextLimits, benchLibrary, benchManuscript, benchTimelineLayout, benchCancel, benchEventLoop, benchG2P, benchG2PCjk, benchKokoro, benchPocket, benchPocketContext, benchExport, benchLongExport, benchPlayback, benchTimelineDrag, benchEditorBook, benchDraftWrite, benchIntelligibility];
  for (const run of parts) for (const row of await run()) add({ pass: null, ...row });
}

// Timings mean little without how busy the machine was: the 1-minute load average at start and end.
const loadAtStart = loadavg()[0]!;
process.stdout.write(`Koe Studio benchmarks · ${new Date().toISOString()} · node ${process.version} · ${availableParallelism()} cores, load ${loadAtStart.toFixed(2)}\n`);
await benchText();
await benchServer();
await benchModules();
const load = { cores: availableParallelism(), loadavg1mStart: loadAtStart, loadavg1mEnd: loadavg()[0]! };
writeFileSync('bench-results.json', `${JSON.stringify({ at: new Date().toISOString(), node: process.version, ...load, rows }, null, 2)}\n`);
process.stdout.write('Wrote bench-results.json\n');
