// Test access to the Pocket TTS fixture set (scripts/fixtures/pocket-*.ts): generated on first use,
// with the numbers the fixture graph is built from, so tests can predict lengths exactly.
import { join } from 'node:path';
import { ensureFixtures } from '../../scripts/fixtures/generate';
import { POCKET_FIXTURE, POCKET_FIXTURE_VOICES } from '../../scripts/fixtures/pocket-assets';
import { POCKET_FIXTURE_DIMS, POCKET_FIXTURE_EOS_LEAD, POCKET_FIXTURE_FRAMES_PER_TOKEN } from '../../scripts/fixtures/pocket-graphs';

export { POCKET_FIXTURE_DIMS, POCKET_FIXTURE_VOICES };

export function pocketFixtures() {
  const root = ensureFixtures();
  const at = (rel: string): string => join(root, rel);
  return { modelsDir: root, dir: at(POCKET_FIXTURE.dir), model: at(POCKET_FIXTURE.model), encoder: at(POCKET_FIXTURE.encoder), assets: at(POCKET_FIXTURE.assets), manifest: at(POCKET_FIXTURE.manifest) };
}

/** Frames the fixture speaks for one chunk of `tokens` tokens and its frames-after-EOS guess (the engine's EOS rule). */
export function fixtureFrames(tokens: number, framesAfterEosGuess: number): number {
  const eos = POCKET_FIXTURE_FRAMES_PER_TOKEN * tokens + POCKET_FIXTURE_EOS_LEAD;
  return eos + framesAfterEosGuess + 2;
}
