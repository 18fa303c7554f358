// The self-test on the generated fixture models: the standard fixture passes (a voice-range tone of
// the length Kokoro's durations give, joined by the engine's joiner), and one fixture fails each
// check. Why the standard fixture passes honestly is in audio/speech-check.ts.
import { describe, expect, it, beforeAll } from 'vitest';
import { filesOnDisk } from '../engines/onnx/model-resolver';
import { kokoroFixtures } from '../../test-support/engines/kokoro-fixtures';
import { describeSelfTest, phonemeCount, selfTestKokoro, selfTestPocket } from './model-self-test';
import { pocketFixtures } from '../../test-support/engines/pocket-fixtures';

let fx: ReturnType<typeof kokoroFixtures>;
beforeAll(() => {
  fx = kokoroFixtures();
});
const run = (modelPath: string, join?: Parameters<typeof selfTestKokoro>[0]['join']) =>
  selfTestKokoro({ modelsDir: fx.modelsDir, modelPath, resolve: filesOnDisk(fx.modelsDir), ...(join ? { join } : {}) });

describe('Kokoro self-test', () => {
  it('counts phoneme symbols, not spaces or punctuation', () => {
    expect(phonemeCount('ɡʊd mˈɔɹnɪŋ.')).toBe(10);
  });

  it('the fixture model passes, with its figures', async () => {
    const r = await run(fx.model);
    expect(r.failures).toEqual([]);
    expect(r.status).toBe('passed');
    expect(r.figures.joins).toBeGreaterThan(0);
    expect(r.figures.phonemes).toBeGreaterThan(60);
    expect(r.figures.bandShare).toBeGreaterThan(0.9);
    expect(describeSelfTest(r)).toMatch(/^passed its self-test: [\d.]+ s for \d+ phonemes/);
  });

  it.each([
    ['silent', /the output is silent/],
    ['nan', /samples are not finite numbers/],
    ['short', /the length does not fit the text/],
    ['noBand', /in the speech band/],
  ] as const)('a fixture that speaks wrongly (%s) fails that check', async (fault, why) => {
    const r = await run(fx.selfTest[fault]);
    expect(r.status).toBe('failed');
    expect(r.failures.join('\n')).toMatch(why);
    expect(describeSelfTest(r)).toMatch(/^failed its self-test: /);
  });

  it('the fixture model joined without care (no crossfade, no fades) fails the click check', async () => {
    const r = await run(fx.model, { crossfadeMs: 0, fadeMs: 0, padMs: 0 });
    expect(r.status).toBe('failed');
    expect(r.failures).toEqual([expect.stringMatching(/clicks? .*chunk joins are not smooth/)]);
  });
});

describe('Pocket TTS self-test', () => {
  it('the fixture set passes', async () => {
    const r = await selfTestPocket({ modelsDir: pocketFixtures().modelsDir, language: 'en' });
    expect(r.failures).toEqual([]);
    expect(r.status).toBe('passed');
    expect(r.figures.joins).toBeGreaterThan(0);
  });

  it('another language is not tested with the English sentence', async () => {
    expect((await selfTestPocket({ modelsDir: pocketFixtures().modelsDir, language: 'fr' })).status).toBe('skipped');
  });
});
