// A line's own timing from the clip panel: a pause after Anna's line pushes Ben back by exactly that
// much; a faster speed for Ben's line makes his take stale until a re-render, which is shorter.
// Also: a speaker's colour picked on the Script screen colours their lane.
import { test, expect, typeScript } from './harness';
import type { Locator, Page } from '@playwright/test';

const RATE = 24000;
const clipOf = (page: Page, speaker: string): Locator => page.getByTestId(`lane-${speaker}`).locator('.tl-clip').first();
const startOf = async (clip: Locator) => Number(await clip.getAttribute('data-start'));

test('pause after a line and a line’s own speed, from the clip panel', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, 'Anna: Did you hear the news about the studio this morning?\nBen: Nobody tells me anything around here, as usual.');
  // A speaker's colour, chosen on the Script screen, is their lane's colour on the timeline.
  await page.getByTestId('speaker-color-Anna').fill('#ff00aa');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByTestId('nav-timeline').click();
  await expect(page.getByTestId('lane-Anna').locator('.tl-swatch')).toHaveCSS('background-color', 'rgb(255, 0, 170)');
  await page.getByTestId('render-all').click();
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(2, { timeout: 60_000 });

  const anna = clipOf(page, 'Anna');
  const ben = clipOf(page, 'Ben');
  const benBefore = await startOf(ben);
  await anna.click();
  await page.getByTestId('line-pause-after').fill('1000');
  await page.getByTestId('line-pause-after').press('Enter');
  await expect.poll(() => startOf(ben)).toBe(benBefore + RATE);

  await ben.click();
  await expect(page.getByTestId('clip-panel')).toContainText('Nobody tells me');
  const lengthBefore = Number(await ben.evaluate((el) => (el as unknown as { style: { width: string } }).style.width.replace('px', '')));
  await page.getByTestId('line-speed').fill('1.5');
  await page.getByTestId('line-speed').press('Enter');
  await expect(ben).toHaveAttribute('data-state', 'stale');
  await expect(page.getByTestId('line-speed-reset')).toBeVisible();
  await page.getByTestId('clip-panel').screenshot({ path: test.info().outputPath('clip-panel-line.png') });
  await page.getByTestId('rerender').click();
  await expect(ben).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  const lengthAfter = Number(await ben.evaluate((el) => (el as unknown as { style: { width: string } }).style.width.replace('px', '')));
  expect(lengthAfter).toBeLessThan(lengthBefore * 0.85); // half again as fast: clearly shorter

  // Undo takes the speed back (the take made at 1.5× is then stale again).
  await page.getByTestId('timeline').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('line-speed-reset')).toHaveCount(0);
  await expect(ben).toHaveAttribute('data-state', 'stale');
});
