// A direction in the script shapes the line's delivery and says so on its timeline clip; a stage note
// that is not in the vocabulary stays silent and shows nothing.
import { test, expect, typeScript } from './harness';

test('a directed line shows its directions on the timeline clip', async ({ studio }) => {
  const { page } = studio;
  await page.setViewportSize({ width: 1440, height: 900 });
  await typeScript(page, ['Anna: (whispering) (slowly) Did you hear the news this morning?', 'Ben: (turning away) Wait, let me guess.'].join('\n'));
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('render-all').click();
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(2, { timeout: 60_000 });
  const shown = page.locator('[data-testid^="clip-direction-"]');
  await expect(shown).toHaveCount(1);
  await expect(shown).toHaveText('whispering, slowly');
  await page.screenshot({ path: test.info().outputPath('clip-directions.png') });
});
