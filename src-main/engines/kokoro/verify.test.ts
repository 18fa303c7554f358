import { beforeAll, describe, expect, it } from 'vitest';
import { kokoroFixtures, fixtureSamples } from '../../../test-support/engines/kokoro-fixtures';
import { verifyKokoroModel } from './verify';

let fx: ReturnType<typeof kokoroFixtures>;
beforeAll(() => {
  fx = kokoroFixtures();
});

describe('verifyKokoroModel (the model manager’s test load)', () => {
  it('accepts both graph families and the int32-speed export, reporting how to feed each', async () => {
    const a = await verifyKokoroModel(fx.model);
    expect(a).toMatchObject({ inputNames: ['input_ids', 'style', 'speed'], outputNames: ['waveform'], io: { tokenInput: 'input_ids', speedType: 'float32' }, testSamples: fixtureSamples(12) });
    const b = await verifyKokoroModel(fx.tokensModel);
    expect(b.io).toMatchObject({ tokenInput: 'tokens', audioOutput: 'audio' });
    expect(b.testSamples).toBe(fixtureSamples(12));
    const c = await verifyKokoroModel(fx.int32SpeedModel);
    expect(c.io.speedType).toBe('int32');
    expect(c.testSamples).toBe(fixtureSamples(12));
  });

  it('refuses the wrong graph, a non-ONNX file and a missing file with clear messages', async () => {
    await expect(verifyKokoroModel(fx.wrongInputsModel)).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/is not a Kokoro model: it has no input_ids or tokens input/) });
    await expect(verifyKokoroModel(fx.notOnnx)).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/not-onnx\.onnx is not an ONNX model/) });
    await expect(verifyKokoroModel('/nowhere/model.onnx')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps the event loop free while it checks (the work happens in a worker thread)', async () => {
    let worst = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 2);
    await Promise.all([verifyKokoroModel(fx.model), verifyKokoroModel(fx.tokensModel)]);
    clearInterval(ticker);
    expect(worst).toBeLessThan(100);
  });
});
