// A speaker's own meaning of a direction, edited in the Speakers panel: saved with the project, shown
// as a chip, and the speaker's rendered line with that direction goes stale on the timeline; Default
// brings the vocabulary's effect (and the old take) back.
import { test, expect, typeScript } from './harness';

test("Anna's whispering at -3 dB: saved, listed, and her whispered take goes stale", async ({ studio }) => {
  const { page } = studio;
  await page.setViewportSize({ width: 1440, height: 900 });
  await typeScript(page, ['Anna: (whispering) Did you hear the news this morning?', 'Ben: (whispering) Wait, let me guess.'].join('\n'));
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('render-all').click();
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(2, { timeout: 60_000 });

  await page.getByTestId('nav-script').click();
  const panel = page.getByTestId('speaker-directions-Anna');
  await panel.locator('summary').click();
  await page.getByTestId('dir-name-Anna').selectOption('whispering');
  await expect(page.getByTestId('dir-gain-Anna')).toHaveValue('-10');
  await page.getByTestId('dir-gain-Anna').fill('-3');
  await page.getByTestId('dir-save-Anna').click();
  await expect(page.getByTestId('dir-own-Anna')).toContainText('whispering: -3 dB, ×0.95');
  await expect(panel.locator('summary')).toContainText('1 own');
  await page.getByRole('button', { name: 'Not now' }).click();
  await page.getByTestId('speaker-row-Anna').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: test.info().outputPath('speaker-directions.png') });

  await page.getByTestId('nav-timeline').click();
  await expect(page.getByTestId('lane-Anna').locator('.tl-clip')).toHaveAttribute('data-state', 'stale');
  await expect(page.getByTestId('lane-Ben').locator('.tl-clip')).toHaveAttribute('data-state', 'ready');

  await page.getByTestId('nav-script').click();
  // The panel stays as it was left (open) when the Script screen comes back.
  await expect(page.getByTestId('speaker-directions-Anna')).toHaveAttribute('open', '');
  await page.getByTestId('dir-name-Anna').selectOption('whispering');
  await page.getByTestId('dir-reset-Anna').click();
  await expect(page.getByTestId('dir-own-Anna')).toHaveCount(0);
  await page.getByTestId('nav-timeline').click();
  await expect(page.getByTestId('lane-Anna').locator('.tl-clip')).toHaveAttribute('data-state', 'ready');
});
