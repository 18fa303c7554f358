// Test access to the generated fixtures (scripts/fixtures): generates them on first use, so
// `npx vitest run src-main/engines/kokoro` works on a fresh checkout, and names each file.
import { join } from 'node:path';
import { ensureFixtures, FIXTURE } from '../../scripts/fixtures/generate';
import { FIXTURE_SAMPLES_PER_TOKEN } from '../../scripts/fixtures/kokoro-graphs';

export { FIXTURE_SAMPLES_PER_TOKEN };

export function kokoroFixtures() {
  const root = ensureFixtures();
  const at = (rel: string): string => join(root, rel);
  return {
    modelsDir: root,
    model: at(FIXTURE.model),
    tokensModel: at(FIXTURE.tokensModel),
    int32SpeedModel: at(FIXTURE.int32SpeedModel),
    wrongInputsModel: at(FIXTURE.wrongInputsModel),
    notOnnx: at(FIXTURE.notOnnx),
    selfTest: { silent: at(FIXTURE.selfTestSilent), nan: at(FIXTURE.selfTestNan), short: at(FIXTURE.selfTestShort), noBand: at(FIXTURE.selfTestNoBand) },
    voice: (id: string) => at(`${FIXTURE.voicesDir}/${id}.bin`),
    voicesNpz: at(FIXTURE.voicesNpz),
  };
}

/**
 * Fixture output length for `phonemes` tokens at `speed`, exactly as the fixture graph computes it:
 * in float32, rounded half to even (ONNX Round).
 */
export function fixtureSamples(phonemes: number, speed = 1): number {
  const x = Math.fround(Math.fround(phonemes * FIXTURE_SAMPLES_PER_TOKEN) / Math.fround(speed));
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}
