// The Gaps popover's exchange settings move clips the way the layout says, sample for sample: the
// answer to a question, the cut-in before a "--" line's end, an [over] line's place under the line
// before it, and the extra pause before a new topic (after a blank line). Waits are on DOM state.
import { test, expect, typeScript } from './harness';
import type { Locator, Page } from '@playwright/test';

const SCRIPT = [
  'Anna: I was just about to tell you that the --',
  'Ben: No time for that now, come on, we have to go.',
  'Anna: Did you hear the storm coming in from the sea?',
  'Ben: I heard it all night long and I could not sleep.',
  'Anna: It kept me awake for hours, right until the morning.',
  'Ben: [over] Mm-hm.',
  '',
  'Cara: The harbour was quiet again when we walked down.',
].join('\n');

const MS = 24; // samples per millisecond

async function clip(page: Page, speaker: string, nth: number): Promise<{ start: number; end: number }> {
  const c = page.getByTestId(`lane-${speaker}`).locator('.tl-clip').nth(nth);
  const start = Number(await c.getAttribute('data-start'));
  return { start, end: start + Number(await c.getAttribute('data-samples')) };
}

async function set(field: Locator, value: number): Promise<void> {
  await field.fill(String(value));
  await field.press('Enter');
}

test('the Gaps popover sets the question gap, cut-in, [over] position and topic gap', async ({ studio }) => {
  const { page } = studio;
  await page.setViewportSize({ width: 1440, height: 900 });
  await typeScript(page, SCRIPT);
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByTestId('nav-timeline').click();
  await expect(page.locator('.tl-clip')).toHaveCount(7);

  await page.getByTestId('tl-gaps').click();
  const popover = page.getByRole('dialog', { name: 'Natural gaps' });
  await expect(popover).toBeVisible();
  await set(page.getByTestId('gap-question'), 100);
  await set(page.getByTestId('gap-cut-in'), 500);
  await set(page.getByTestId('gap-over'), 75);
  await set(page.getByTestId('gap-topic'), 1500);
  await expect(page.getByTestId('gap-topic')).toHaveValue('1500');
  await page.screenshot({ path: test.info().outputPath('exchange-gaps.png') });

  // The clips follow once the edits reach the core's layout.
  await expect.poll(async () => (await clip(page, 'Anna', 0)).end - (await clip(page, 'Ben', 0)).start).toBe(500 * MS);
  await expect.poll(async () => (await clip(page, 'Ben', 1)).start - (await clip(page, 'Anna', 1)).end).toBe(100 * MS);
  const anna = await clip(page, 'Anna', 2);
  await expect.poll(async () => (await clip(page, 'Ben', 2)).start).toBe(anna.start + Math.round((anna.end - anna.start) * 0.75));
  const quick = Number(await page.getByTestId('gap-quick').inputValue());
  const before = Math.max(anna.end, (await clip(page, 'Ben', 2)).end);
  await expect.poll(async () => (await clip(page, 'Cara', 0)).start - before).toBe((quick + 1500) * MS);

  // Escape closes it; undo takes the last setting back.
  await page.keyboard.press('Escape');
  await expect(popover).toHaveCount(0);
  await page.getByTestId('tl-undo').click();
  await page.getByTestId('tl-gaps').click();
  await expect(page.getByTestId('gap-topic')).not.toHaveValue('1500');
});
