import { describe, expect, it } from 'vitest';
import { EngineSlot } from './engine-slot';
import type { Engine, SynthesisRequest } from './types';

function fakeEngine(name: string, log: string[]): Engine & { release: () => void } {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  return {
    id: name,
    name,
    capabilities: () => ({ streaming: true, speed: { min: 1, max: 1 }, pitch: false, cloning: false, blends: false, phonemeLexicon: false, languages: [] }),
    modelVersion: () => `${name}-1`,
    load: async () => {},
    voices: async () => [],
    async *synthesize() {
      log.push(`${name} start`);
      yield new Float32Array(1);
      await gate;
      yield new Float32Array(1);
      log.push(`${name} end`);
    },
    dispose: async () => void log.push(`${name} disposed`),
    release: () => release(),
  };
}

const req: SynthesisRequest = { text: 'x', voice: 'v', speed: 1, pitch: 50 };

describe('EngineSlot', () => {
  it('a replaced engine finishes the lines it is speaking, then is disposed once', async () => {
    const log: string[] = [];
    const a = fakeEngine('a', log);
    const b = fakeEngine('b', log);
    const slot = new EngineSlot(a);
    const running = slot.synthesize(req);
    await running.next();
    await slot.replace(b, 'when-idle');
    expect(slot.engine).toBe(b);
    expect(log).toEqual(['a start']);
    a.release();
    while (!(await running.next()).done);
    expect(log).toEqual(['a start', 'a end', 'a disposed']);
    b.release();
    for await (const _ of slot.synthesize(req)) void _;
    expect(log.slice(3)).toEqual(['b start', 'b end']);
    await slot.dispose();
    await slot.dispose();
    expect(log.filter((l) => l === 'b disposed')).toHaveLength(1);
  });

  it("an idle engine, or 'now', is disposed at once", async () => {
    const log: string[] = [];
    const slot = new EngineSlot(fakeEngine('a', log));
    await slot.replace(fakeEngine('b', log), 'when-idle');
    expect(log).toEqual(['a disposed']);
    const running = slot.synthesize(req);
    await running.next();
    await slot.replace(fakeEngine('c', log), 'now');
    expect(log).toEqual(['a disposed', 'b start', 'b disposed']);
    await running.return(undefined);
    expect(log.filter((l) => l === 'b disposed')).toHaveLength(1);
  });
});
