// Two speakers typed, given espeak voices, rendered on the Timeline screen, and a loop set over the
// first `loopEndS` seconds, so playback keeps going while a spec reads what the page shows.
import { expect, typeScript } from './harness';
import { sweepRuler } from './timeline-ruler';
import type { Page } from '@playwright/test';

export const TWO_SPEAKERS = ['Anna: Did you hear the news about the studio this morning?', 'Ben: Wait, let me guess what it was.'].join('\n');

export async function renderedLoop(page: Page, size: { width: number; height: number }, loopEndS: number): Promise<void> {
  await page.setViewportSize(size);
  await typeScript(page, TWO_SPEAKERS);
  await page.getByTestId('voice-picker-Anna').selectOption('espeak:en-us');
  await page.getByTestId('voice-picker-Ben').selectOption('espeak:en-gb');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('render-all').click();
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(2, { timeout: 60_000 });
  await sweepRuler(page, 0, loopEndS, 6);
  await expect(page.getByTestId('tl-loop-band')).toHaveAttribute('data-on', 'true');
}
