// The welcome's other path, from a first launch with no models at all: "Clone your voice" fetches
// Pocket TTS from the model host (a server on 127.0.0.1 serving the project's fixture graphs, as
// Hugging Face serves the real ones), opens the Clone screen ready to record, and a recording imported
// there becomes a cloned voice with the creator's consent. Afterwards nothing more is downloaded.
import { test, expect, onFreshStudio } from './harness';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureServer } from '../test-support/models/host';

const POCKET = join(process.cwd(), 'models', 'fixtures', 'pocket', 'en');
const POCKET_BASE = 'hf/thewh1teagle/pocket-tts-onnx/resolve/main';
test.skip(!existsSync(join(POCKET, 'encoder.onnx')), 'run `npm run fixtures` first');

test('first launch: "Clone your voice" gets Pocket TTS, opens Clone, and an imported recording becomes a voice', async () => {
  const host = await FixtureServer.start();
  for (const f of readdirSync(POCKET)) host.serve(`${POCKET_BASE}/en/${f}`, readFileSync(join(POCKET, f)));
  const root = mkdtempSync(join(tmpdir(), 'koe-welcome-clone-'));
  const dataDir = join(root, 'data');
  // A recording of about ten seconds, spoken by the embedded engine.
  const speech = join(root, 'me.wav');
  writeFileSync(`${speech}.txt`, 'Every morning I walk to the bakery and buy fresh bread. Would you like some coffee, or a cup of tea? The wind whistles through the old oak trees.');
  execFileSync(process.execPath, ['bin/koe.js', 'render', `${speech}.txt`, '--out', speech, '--data-dir', join(root, 'render-data'), '--bit-depth', '16'], { stdio: 'pipe' });
  try {
    await onFreshStudio(dataDir, { KOE_MODELS_DIR: join(root, 'models'), KOE_MODEL_HOST: `${host.base}hf/` }, async (page) => {
      await expect(page.getByTestId('welcome')).toBeVisible();
      await expect(page.getByTestId('welcome-clone')).toBeEnabled();

      await page.getByTestId('welcome-clone').click();
      await expect(page.getByTestId('clone-view')).toBeVisible({ timeout: 90_000 });
      // The model is in: no "needs Pocket TTS" notice, and the welcome is put away.
      await expect(page.getByTestId('clone-needs-model')).toHaveCount(0);
      await expect(page.getByTestId('welcome')).toHaveCount(0);
      expect(host.log.filter((r) => r.path.includes('pocket-tts-onnx') && r.status < 300).length).toBeGreaterThanOrEqual(4);
      await page.screenshot({ path: test.info().outputPath('welcome-clone-1-ready.png') });

      // A recording brought in by the file chooser, checked, consented to, cloned.
      await page.getByTestId('clone-tab-import').click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('clone-choose-file').click();
      await (await chooser).setFiles(speech);
      await expect(page.getByTestId('clone-review')).toBeVisible({ timeout: 30_000 });
      if ((await page.getByTestId('clone-checks').getAttribute('data-verdict')) === 'warning') await page.getByTestId('clone-accept-warnings').check();
      await page.getByTestId('clone-continue').click();
      await page.getByTestId('clone-consent-check').check();
      await page.getByTestId('clone-consent-who').fill('New Creator');
      await page.getByTestId('clone-name').fill('My Voice');
      await page.getByTestId('clone-create').click();
      await expect(page.getByTestId('clone-done')).toBeVisible({ timeout: 60_000 });
      const voiceId = (await page.getByTestId('clone-done').getAttribute('data-voice-id'))!;
      expect(voiceId).toMatch(/^pocket:/);
      await expect(page.getByTestId(`clone-row-${voiceId}`)).toContainText('consent by New Creator');
      await page.screenshot({ path: test.info().outputPath('welcome-clone-2-cloned.png') });

      // Later launches: no welcome, and nothing more is asked of the model host.
      const requests = host.log.length;
      await page.reload();
      await expect(page.getByTestId('script-editor')).toBeVisible();
      await expect(page.getByTestId('welcome')).toHaveCount(0);
      expect(host.log.length).toBe(requests);
    });
  } finally {
    host.close();
    rmSync(root, { recursive: true, force: true });
  }
});
