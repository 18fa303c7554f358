import { describe, expect, it } from 'vitest';
import { qualityPlan, type KokoroMeasurement } from './quality';

const m = (file: string, rtf: number, threads = 2): KokoroMeasurement => ({ file, provider: 'cpu', threads, rtf, firstAudioMs: 100 });

describe('quality modes', () => {
  it('without measurements every mode uses the reference file, differing only in chunking', () => {
    const installed = ['model_quantized.onnx', 'model.onnx'];
    const plans = (['fast', 'balanced', 'best'] as const).map((mode) => qualityPlan(mode, installed, []));
    expect(plans.map((p) => p.modelFile)).toEqual(['model.onnx', 'model.onnx', 'model.onnx']);
    expect(plans[0]!.chunking.firstChunkMaxTokens).toBeLessThan(plans[2]!.chunking.firstChunkMaxTokens);
    expect(plans.every((p) => p.measured === null)).toBe(true);
  });

  it('follows measurements, not file size: a slower 8-bit file is never "fast"', () => {
    const installed = ['model.onnx', 'model_quantized.onnx', 'model_fp16.onnx'];
    const ms = [m('model.onnx', 0.3), m('model_quantized.onnx', 0.45), m('model_fp16.onnx', 0.5), m('model.onnx', 0.35, 1)];
    expect(qualityPlan('fast', installed, ms)).toMatchObject({ modelFile: 'model.onnx', measured: { rtf: 0.3 } });
    expect(qualityPlan('best', installed, ms).modelFile).toBe('model.onnx');
  });

  it('balanced picks the most precise variant within 25% of the fastest', () => {
    const installed = ['model.onnx', 'model_fp16.onnx', 'model_quantized.onnx'];
    const ms = [m('model.onnx', 0.5), m('model_fp16.onnx', 0.38), m('model_quantized.onnx', 0.32)];
    expect(qualityPlan('fast', installed, ms).modelFile).toBe('model_quantized.onnx');
    expect(qualityPlan('balanced', installed, ms).modelFile).toBe('model_fp16.onnx');
    expect(qualityPlan('best', installed, ms).modelFile).toBe('model.onnx');
  });

  it('ignores measurements of files that are no longer installed', () => {
    expect(qualityPlan('fast', ['model.onnx'], [m('model_q4.onnx', 0.1)]).modelFile).toBe('model.onnx');
  });
});
