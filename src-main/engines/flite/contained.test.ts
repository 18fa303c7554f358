// Flite through its production path: the engine in a real child process (the TypeScript child entry,
// core/flite-child.ts, run through the test-only hooks), with the host's recycling, crash retry and
// crash report. Killing the child mid-utterance must cost the caller nothing but a moment.
import { afterAll, describe, expect, it } from 'vitest';
import { concat, dbfs, findClicks, peak, rms } from '../../audio/pcm';
import type { SynthesisRequest } from '../types';
import { containedFliteEngine, type ContainedFliteOptions } from './contained';

const shim = new URL('../../../test-support/ts-child.mjs', import.meta.url);
const entry = new URL('../../core/flite-child.ts', import.meta.url).pathname;
const FOX = 'The quick brown fox jumps over the lazy dog.';
const LONG = 'It was a bright cold day in April, and the clocks were striking thirteen. Winston slipped quickly through the glass doors of Victory Mansions, though not quickly enough to prevent a swirl of gritty dust from entering along with him.';

const opened: { dispose(): Promise<void> }[] = [];
function make(opts: ContainedFliteOptions = {}) {
  const pids: number[] = [];
  const crashes: string[] = [];
  const engine = containedFliteEngine(shim, {
    args: [entry],
    processes: 1,
    ...opts,
    onSpawn: (pid) => pids.push(pid),
    onCrash: (e) => crashes.push(e.message),
  });
  opened.push(engine);
  return { engine, pids, crashes };
}

async function speak(engine: ReturnType<typeof make>['engine'], req: Partial<SynthesisRequest>): Promise<Float32Array> {
  const chunks: Float32Array[] = [];
  for await (const c of engine.synthesize({ text: FOX, voice: 'kal16', speed: 1, pitch: 50, ...req })) chunks.push(c);
  return concat(chunks);
}

const seconds = (pcm: Float32Array): number => pcm.length / 24000;
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  await Promise.all(opened.map((e) => e.dispose()));
});

describe('Flite in its child process', { timeout: 120_000 }, () => {
  const { engine } = make();

  it('lists the four voices with gender and accent, and describes itself once loaded', async () => {
    await engine.load();
    expect(engine.name).toBe('Flite (embedded)');
    expect(engine.capabilities()).toMatchObject({ speed: { min: 0.5, max: 2 }, pitch: true, languages: ['en-us', 'en-gb-scotland'] });
    const voices = await engine.voices();
    expect(voices.map((v) => [v.id, v.gender, v.language])).toEqual([
      ['kal16', 'male', 'en-us'],
      ['slt', 'female', 'en-us'],
      ['rms', 'male', 'en-us'],
      ['awb', 'male', 'en-gb-scotland'],
    ]);
    expect(voices.find((v) => v.id === 'awb')!.tags).toContain('Scottish accent');
    expect(voices.find((v) => v.id === 'slt')!.tags).toContain('American accent');
  });

  it('speaks every voice at a healthy level, for a plausible time, with silent edges', async () => {
    for (const voice of ['kal16', 'slt', 'rms', 'awb']) {
      const pcm = await speak(engine, { voice });
      // Nine words at a natural pace: roughly 2–3.5 s.
      expect(seconds(pcm), voice).toBeGreaterThan(1.6);
      expect(seconds(pcm), voice).toBeLessThan(4);
      expect(dbfs(rms(pcm)), voice).toBeGreaterThan(-30);
      expect(peak(pcm), voice).toBeLessThanOrEqual(1);
      // Edges fade to silence, so back-to-back clauses join without a click.
      expect(Math.abs(pcm[0]!), voice).toBeLessThan(1e-3);
      expect(Math.abs(pcm.at(-1)!), voice).toBeLessThan(1e-3);
      const joined = concat([pcm, pcm]);
      expect(findClicks(joined.subarray(pcm.length - 240, pcm.length + 240), 0.05), voice).toEqual([]);
    }
  });

  it('takes longer for longer text, and follows speed', async () => {
    const short = await speak(engine, {});
    const long = await speak(engine, { text: LONG });
    expect(seconds(long) / seconds(short)).toBeGreaterThan(3);
    const fast = await speak(engine, { speed: 2 });
    const slow = await speak(engine, { speed: 0.5 });
    expect(seconds(fast) / seconds(short)).toBeLessThan(0.65);
    expect(seconds(slow) / seconds(short)).toBeGreaterThan(1.6);
  });

  it('follows pitch where the voice does (slt), and leaves neutral pitch alone', async () => {
    const neutral = await speak(engine, { voice: 'slt' });
    const high = await speak(engine, { voice: 'slt', pitch: 90 });
    expect(high).not.toEqual(neutral);
    expect(await speak(engine, { voice: 'slt' })).toEqual(neutral);
  });

  it('refuses an unknown voice by name, and keeps working', async () => {
    await expect(speak(engine, { voice: 'nobody' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('kal16, slt, rms, awb') });
    expect(seconds(await speak(engine, {}))).toBeGreaterThan(1);
  });
});

describe('Flite child crashes and restarts', () => {
  // Each child start loads the TypeScript source through the test hooks: seconds on a busy machine.
  it('survives the child being killed mid-utterance: one crash report, the same audio, and the next request works', { timeout: 180_000 }, async () => {
    const clean = make().engine;
    const expected = await speak(clean, { text: LONG, voice: 'slt' });

    const { engine, pids, crashes } = make();
    await engine.load();
    expect(pids).toHaveLength(1);
    const it = engine.synthesize({ text: LONG, voice: 'slt', speed: 1, pitch: 50 })[Symbol.asyncIterator]();
    // The request is posted to the child as soon as the stream is first pulled; kill it right then.
    const first = it.next();
    process.kill(pids[0]!, 'SIGKILL');
    const chunks: Float32Array[] = [];
    for (let r = await first; !r.done; r = await it.next()) chunks.push(r.value);
    expect(concat(chunks)).toEqual(expected);
    expect(crashes).toEqual([expect.stringContaining('killed by SIGKILL')]);
    expect(pids).toHaveLength(2);
    expect(alive(pids[0]!)).toBe(false);
    expect(seconds(await speak(engine, {}))).toBeGreaterThan(1);
  });

  it('starts a fresh child every N utterances, ahead of need, and ends the old one', { timeout: 180_000 }, async () => {
    const { engine, pids, crashes } = make({ recycleAfter: 2 });
    for (let k = 0; k < 5; k++) expect(seconds(await speak(engine, { text: `Line number ${k + 1}.` }))).toBeGreaterThan(0.3);
    // Each successor starts as its predecessor takes its second utterance: the third serves the fifth.
    expect(pids).toHaveLength(3);
    await expect.poll(() => pids.map(alive), { timeout: 10_000 }).toEqual([false, false, true]);
    expect(crashes).toEqual([]);
  });
});
