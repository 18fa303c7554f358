// "Continue from the previous line" in the Pocket TTS engine, on the fixture graphs (real ONNX
// Runtime): the context's end is encoded and its rows, without the encoder's BOS row, are prefilled
// after the voice's; the prefix stays within 20 s; the audio changes with the context and only then.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concat } from '../../audio/pcm';
import { pocketFixtures, POCKET_FIXTURE_DIMS } from '../../../test-support/engines/pocket-fixtures';
import type { SynthesisRequest } from '../types';
import { parsePocketAssets } from './assets';
import { writeCond } from './clone-conds';
import { CONTEXT_SECONDS, contextRowBudget, contextTail, keepVoiceRows, maxPrefixRows, voiceRowsWithContext } from './context-prefix';
import { InProcessEncoder } from './encoder';
import { PocketEngine } from './pocket-engine';

const FRAME = POCKET_FIXTURE_DIMS.frame_size;
const RATE = POCKET_FIXTURE_DIMS.sample_rate;
const timing = { sampleRate: RATE, frameRate: POCKET_FIXTURE_DIMS.frame_rate, frameSize: FRAME };
let fx: ReturnType<typeof pocketFixtures>;
let albaRows: number;
let clonesDir: string;
const engines: PocketEngine[] = [];

beforeAll(() => {
  fx = pocketFixtures();
  albaRows = parsePocketAssets(readFileSync(fx.assets, 'utf8')).voices.get('alba')!.rows;
  clonesDir = mkdtempSync(join(tmpdir(), 'koe-pocket-context-'));
});
afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose()));
  rmSync(clonesDir, { recursive: true, force: true });
});

/** An engine that records every cond step's row count. */
function engine(): { e: PocketEngine; cond: number[] } {
  const cond: number[] = [];
  const e = new PocketEngine({ modelsDir: fx.modelsDir, clonesDir, session: { intraOpNumThreads: 1, idleUnloadMs: 0 }, onStep: (gate, rows) => void (gate === 'cond' && cond.push(rows)) });
  engines.push(e);
  return { e, cond };
}

async function speak(e: PocketEngine, req: Partial<SynthesisRequest>): Promise<Float32Array> {
  const out: Float32Array[] = [];
  for await (const c of e.synthesize({ text: 'Then we go on.', voice: 'en-alba', speed: 1, pitch: 50, ...req })) out.push(c);
  return concat(out);
}

const tone = (seconds: number, freq: number) => Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => 0.3 * Math.sin((2 * Math.PI * freq * i) / RATE));

describe('context clip', () => {
  it('is the last whole frames of the context, at most 5 s, cut from the end rather than padded', () => {
    const pcm = Float32Array.from({ length: FRAME * 2 + 700 }, (_, i) => i);
    const tail = contextTail(pcm, timing)!;
    expect(tail.length).toBe(FRAME * 2);
    expect(tail[tail.length - 1]).toBe(pcm[pcm.length - 1]);
    expect(contextTail(tone(12, 300), timing)!.length).toBe(contextRowBudget(timing) * FRAME);
    expect(contextRowBudget(timing)).toBe(Math.floor(CONTEXT_SECONDS * 12.5));
    expect(contextTail(new Float32Array(FRAME - 1), timing)).toBeNull();
  });

  it('takes room from a long reference: its BOS row and latest rows stay, within 20 s in all', () => {
    expect(maxPrefixRows(timing)).toBe(251);
    expect(voiceRowsWithContext(100, timing)).toBe(100);
    expect(voiceRowsWithContext(251, timing)).toBe(251 - 62);
    const dim = 2;
    const voice = { rows: 5, dim, data: Float32Array.from({ length: 10 }, (_, i) => i) };
    expect([...keepVoiceRows(voice, 3).data]).toEqual([0, 1, 6, 7, 8, 9]);
    expect(keepVoiceRows(voice, 5)).toBe(voice);
  });
});

describe('Pocket TTS continuing from a context', () => {
  it('prefills the voice rows, then one row per context frame with the BOS row dropped', async () => {
    const { e, cond } = engine();
    await speak(e, {});
    expect(cond).toEqual([albaRows]);
    // 2 s of context: 25 frames → 25 rows after the voice's cached prefill (the encoder gave 26).
    await speak(e, { context: tone(2, 330) });
    expect(cond).toEqual([albaRows, 25]);
    // A longer context is cut to 5 s.
    await speak(e, { context: tone(9, 330) });
    expect(cond).toEqual([albaRows, 25, 62]);
    expect(albaRows + 62).toBeLessThanOrEqual(maxPrefixRows(timing));
  });

  it('sounds different with a context, the same again without, and follows which context it is', async () => {
    const { e } = engine();
    const plain = await speak(e, {});
    const low = await speak(e, { context: tone(3, 200) });
    const high = await speak(e, { context: tone(3, 2900) });
    expect(low.length).toBe(plain.length);
    expect(low).not.toEqual(plain);
    expect(high).not.toEqual(low);
    expect(await speak(e, {})).toEqual(plain);
    expect(await speak(e, { context: tone(3, 200) })).toEqual(low);
  });

  it("keeps a 20 s clone's prefix within 20 s: the clone gives up its oldest rows to the context", async () => {
    const encoder = new InProcessEncoder({ modelsDir: fx.modelsDir, threads: 1 });
    const long = await encoder.encode(tone(20, 250));
    await encoder.dispose();
    expect(long.rows).toBe(251);
    await writeCond(clonesDir, 'c0ffee20', { language: 'en', rows: long.rows, dim: long.dim, encoderVersion: long.encoderVersion }, long.data);
    const { e, cond } = engine();
    await speak(e, { voice: 'clone-c0ffee20' });
    await speak(e, { voice: 'clone-c0ffee20', context: tone(6, 400) });
    expect(cond).toEqual([251, 251 - 62, 62]);
  });

  it('ignores a context shorter than one frame', async () => {
    const { e, cond } = engine();
    const plain = await speak(e, {});
    expect(await speak(e, { context: new Float32Array(FRAME - 1).fill(0.2) })).toEqual(plain);
    expect(cond).toEqual([albaRows]);
  });
});
