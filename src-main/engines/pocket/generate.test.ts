// The frame loop's end-of-speech rule against the reference runtime's (npm pocket-tts-onnx 0.1.0
// src/tts.ts:468-470): the frame whose EOS logit first crosses the threshold is frame E; frames
// 0 … E + tail − 1 are spoken and nothing after, so a tail of 0 leaves out frame E itself.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pocketFixtures } from '../../../test-support/engines/pocket-fixtures';
import { parsePocketAssets } from './assets';
import { flowRowSize, mimiRowSize, type PocketConfig } from './config';
import { generateChunk, type StepFn } from './generate';
import { NoiseSource } from './rng';

let config: PocketConfig;
beforeAll(() => {
  config = parsePocketAssets(readFileSync(pocketFixtures().assets, 'utf8')).config;
});

/** A step graph whose EOS logit crosses the threshold on latent frame `eosAt`. */
function stepEndingAt(c: PocketConfig, eosAt: number): { step: StepFn; frames: () => number } {
  let frames = 0;
  const step: StepFn = async (input) => {
    const rows = input.gate === 'text' ? input.tokens!.length : input.gate === 'cond' ? input.condRows! : 1;
    const frame = input.gate === 'latent' ? frames++ : -1;
    return {
      audio: new Float32Array(c.frameSize).fill(0.25),
      nextLatent: new Float32Array(c.latentDim),
      eosLogit: frame >= eosAt ? c.eosThreshold + 1 : c.eosThreshold - 1,
      flowKvNew: new Float32Array(rows * flowRowSize(c)),
      mimiKvNew: new Float32Array(c.mimiStepsPerLatent * mimiRowSize(c)),
      mimiOffset: 0,
      mimiConv: new Float32Array(c.convStateSize),
    };
  };
  return { step, frames: () => frames };
}

async function spokenFrames(c: PocketConfig, eosAt: number, guess: number): Promise<number> {
  const { step } = stepEndingAt(c, eosAt);
  let n = 0;
  const chunk = { text: 'Hello world.', ids: [1, 2, 3, 4, 5, 6], framesAfterEosGuess: guess };
  for await (const _ of generateChunk(chunk, { config: c, step, prefix: { rows: 0, kv: new Float32Array(0) }, noise: new NoiseSource(1) })) n++;
  return n;
}

describe('Pocket TTS frame loop', () => {
  it('speaks the EOS frame and then the tail: the guess + 2, or the config’s fixed count', async () => {
    expect(await spokenFrames({ ...config, framesAfterEos: null }, 4, 1)).toBe(4 + 3);
    expect(await spokenFrames({ ...config, framesAfterEos: null }, 4, 3)).toBe(4 + 5);
    expect(await spokenFrames({ ...config, framesAfterEos: 8 }, 4, 3)).toBe(4 + 8);
  });

  it('with no frames after EOS, stops before the EOS frame itself', async () => {
    expect(await spokenFrames({ ...config, framesAfterEos: 0 }, 4, 3)).toBe(4);
  });
});
