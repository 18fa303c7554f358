// Timeline playback benchmark: time from play to first sound for cached clips. Play asks
// the core for the first window of the mix (`timeline.mixWindow`, one second) and schedules it on
// the audio clock 10 ms ahead (LEAD_SEC in mix-player.ts); this measures exactly that path over the
// real server face in plain Node: the WebSocket call, the core reading the timeline and mixing the
// window with the export mixer, the reply, and the base64 → float32 decode the page does. The
// audio device's own output latency comes on top and is not ours to measure here.
//
// The project is a 40-line, three-speaker dialogue rendered once with espeak, so every clip is
// cached; play starts at a different point each time, as a user seeking around would.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRpc } from '../e2e/rpc-client';
import { decodePlanar, FIRST_WINDOW } from '../src-renderer/src/features/timeline/mix-window';
import { sceneScript, startServe, type BenchRow } from './serve';


const TARGET_MS = 30;
/** The page schedules the first window this far ahead of the audio clock (mix-player.ts LEAD_SEC). */
const LEAD_MS = 10;
const RUNS = 30;



const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 100) / 100;

export async function benchPlayback(): Promise<BenchRow[]> {
  if (!existsSync('out/main/cli.js')) return [];
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-bench-play-'));
  const s = await startServe(dataDir);
  try {
    const u = new URL(s.url);
    const rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
    const project = await rpc.call('projects.create', { name: 'Playback bench', script: sceneScript(40, 'the scene, said plainly and without any hurry at all.') });
    await rpc.call('timeline.render', { projectId: project.id });
    let view: { clips: { status: string; startSample: number; samples: number }[] };
    for (;;) {
      view = await rpc.call('timeline.get', { projectId: project.id });
      if (view.clips.every((c) => c.status === 'ready')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const end = Math.max(...view.clips.map((c) => c.startSample + c.samples));
    const firstWindow = async (from: number): Promise<number> => {
      const t0 = performance.now();
      const r = await rpc.call('timeline.mixWindow', { projectId: project.id, fromSample: from, toSample: from + FIRST_WINDOW });
      const pcm = decodePlanar(r.pcm, r.channels);
      if (pcm[0]!.length !== FIRST_WINDOW) throw new Error('short window');
      return performance.now() - t0;
    };
    // The first play after launch reads the takes it needs from SQLite; later ones find them cached.
    const cold = await firstWindow(Math.floor(end / 2));
    // Elsewhere in the timeline: the code is warm, but these takes are still read from SQLite.
    const unheard = await firstWindow(Math.floor(end / 5));
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await firstWindow(Math.floor(((i * 7919) % 997) / 997 * (end - FIRST_WINDOW))));
    // A 1,000-line project (not rendered: its windows are silence, but the core still reads the
    // whole timeline for each window, which is what grows with the project).
    const big = await rpc.call('projects.create', { name: 'Playback bench, long', script: sceneScript(1000, 'the scene, said plainly and without any hurry at all.') });
    await rpc.call('timeline.get', { projectId: big.id });
    const bigTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const from = i * 30 * 24000;
      const t0 = performance.now();
      await rpc.call('timeline.mixWindow', { projectId: big.id, fromSample: from, toSample: from + FIRST_WINDOW });
      bigTimes.push(performance.now() - t0);
    }
    rpc.close();
    const warm = median(times);
    return [
      { name: `play → first window decoded, cached clips (median of ${RUNS})`, value: round(warm), unit: 'ms', target: 'info', pass: null },
      { name: 'play → first sound scheduled (window + 10 ms lead)', value: round(warm + LEAD_MS), unit: 'ms', target: `≤ ${TARGET_MS}`, pass: warm + LEAD_MS <= TARGET_MS },
      { name: 'play → first window, first play after launch (takes from SQLite)', value: round(cold), unit: 'ms', target: 'info', pass: null },
      { name: 'play → first window, code warm, takes not yet read (SQLite)', value: round(unheard), unit: 'ms', target: 'info', pass: null },
      { name: 'first window, 1,000-line timeline, after a change (view rebuilt)', value: round(bigTimes[0]!), unit: 'ms', target: 'info', pass: null },
      { name: 'first window, 1,000-line timeline, nothing changed (median of 9)', value: round(median(bigTimes.slice(1))), unit: 'ms', target: 'info', pass: null },
      { name: `playback timeline: 40 lines, ${(end / 24000).toFixed(0)} s`, value: view.clips.length, unit: 'clips', target: 'info', pass: null },
    ];
  } finally {
    await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
