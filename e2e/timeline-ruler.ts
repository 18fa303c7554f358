// Pointer work on the timeline's ruler, for the timeline specs.
import type { Page } from '@playwright/test';

const RATE = 24_000;

/** The point on the ruler at timeline second `sec`, and the sample the ruler maps it to. */
export async function rulerAt(page: Page, sec: number): Promise<{ x: number; y: number; sample: number }> {
  const ruler = page.getByTestId('tl-ruler');
  const box = (await ruler.boundingBox())!;
  const pxPerSec = Number(await ruler.getAttribute('data-px-per-sec'));
  const x = box.x + sec * pxPerSec;
  return { x, y: box.y + box.height / 2 + 4, sample: Math.round(((x - box.x) / pxPerSec) * RATE) };
}

/** Drags along the ruler from `fromSec` to `toSec` (a loop sweep); a press at 0 s lands just inside. */
export async function sweepRuler(page: Page, fromSec: number, toSec: number, steps = 8): Promise<{ from: number; to: number }> {
  const a = await rulerAt(page, fromSec);
  const b = await rulerAt(page, toSec);
  await page.mouse.move(fromSec === 0 ? a.x + 1 : a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps });
  await page.mouse.up();
  return { from: a.sample, to: b.sample };
}
