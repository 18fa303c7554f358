// Models lists what a creator needs: the recommended Kokoro variant (and any already on disk), the
// voice packs, lexicons and Pocket TTS. The other variants wait under "Advanced".
import { test, expect } from './harness';

test('Models shows the recommended Kokoro variant and keeps the others under Advanced', async ({ studio }) => {
  const { page } = studio;
  await page.getByTestId('script-editor').waitFor();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('nav-models').click();
  const variants = page.locator('[data-testid^="model-kokoro-v1.0-"]:not([data-testid="model-kokoro-v1.0-voices"])');
  await expect(page.getByTestId('model-recommendation')).toBeVisible();
  await expect(variants).toHaveCount(1);
  await expect(page.getByTestId('model-kokoro-v1.0-voices')).toBeVisible();
  await expect(page.getByTestId('model-pocket-tts-en')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('models-everyday.png'), fullPage: true });

  const advanced = page.getByTestId('models-advanced');
  await expect(advanced).toHaveText(/^Advanced: all variants \(\d+ more\)$/);
  const more = Number(/\((\d+) more\)/.exec((await advanced.textContent())!)![1]);
  await advanced.click();
  await expect(variants).toHaveCount(1 + more);
  await expect(advanced).toHaveAttribute('aria-expanded', 'true');
  await page.screenshot({ path: test.info().outputPath('models-advanced.png'), fullPage: true });
  await advanced.click();
  await expect(variants).toHaveCount(1);
});
