// The export status in the top bar, at the two window sizes creators use most (a laptop and a small
// window): the progress text must not run under the Cancel or Export button, the Export button must
// stay on screen once the "Exported…" notice shows, and the notice belongs to the project it was
// made in, so switching projects takes it away.
import type { Page } from '@playwright/test';
import { test, expect, typeScript } from './harness';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];

const SCRIPT = Array.from({ length: 24 }, (_, i) => `${i % 2 ? 'Ben' : 'Ana'}: Line ${i + 1} of a script long enough to watch the export run for a while.`).join('\n');

/** Presses Export, and Export again in the export dialog when one asks for the choices. */
async function exportNow(page: Page): Promise<void> {
  await page.getByTestId('export').click();
  const confirm = page.getByTestId('export-dialog-go');
  const status = page.getByTestId('export-status');
  await expect(confirm.or(status).first()).toBeVisible();
  if (await confirm.isVisible()) await confirm.click();
}

type Box = { left: number; right: number; top: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** The boxes of the export status's parts, read in one frame. */
function boxes(page: Page) {
  return page.evaluate(() => {
    type El = { getBoundingClientRect(): Box; scrollWidth: number; clientWidth: number };
    type Box = { left: number; right: number; top: number; bottom: number };
    const g = globalThis as unknown as { document: { querySelector(s: string): El | null }; innerWidth: number; innerHeight: number };
    const document = g.document;
    const box = (sel: string) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const stage = document.querySelector('.export-stage');
    return {
      running: !!document.querySelector('[data-testid="export-status"].is-running'),
      stage: box('.export-stage'),
      // The text's own width: a span clipped by its box would hide the overlap from its rect.
      stageText: stage ? { scroll: stage.scrollWidth, client: stage.clientWidth } : null,
      bar: box('[data-testid="export-status"] .mini-progress'),
      cancel: box('[data-testid="export-cancel"]'),
      exportButton: box('[data-testid="export"]'),
      status: box('[data-testid="export-status"]'),
      viewport: { width: g.innerWidth, height: g.innerHeight },
    };
  });
}

for (const size of SIZES) {
  test.describe(`export status at ${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    test('the progress text stays clear of the Cancel and Export buttons', async ({ studio }) => {
      const { page } = studio;
      await page.setViewportSize(size);
      await typeScript(page, SCRIPT);
      await exportNow(page);
      let seen = 0;
      await expect
        .poll(
          async () => {
            const b = await boxes(page);
            if (!b.running || !b.stage || !b.cancel || !b.exportButton || !b.bar) return seen;
            expect(overlaps(b.stage, b.cancel), 'progress text over Cancel').toBe(false);
            expect(overlaps(b.stage, b.exportButton), 'progress text over Export').toBe(false);
            expect(overlaps(b.bar, b.cancel), 'progress bar over Cancel').toBe(false);
            expect(b.stageText!.scroll, 'progress text spills out of its box').toBeLessThanOrEqual(b.stageText!.client + 1);
            expect(overlaps(b.status!, b.exportButton), 'progress box over Export').toBe(false);
            expect(b.cancel.right, 'Cancel off the right edge').toBeLessThanOrEqual(b.viewport.width);
            expect(b.exportButton.right, 'Export off the right edge').toBeLessThanOrEqual(b.viewport.width);
            if (seen === 2) await page.screenshot({ path: test.info().outputPath(`export-running-${size.width}.png`) });
            return ++seen;
          },
          { intervals: [50] },
        )
        .toBeGreaterThanOrEqual(3);
      await expect(page.getByTestId('export-status')).toHaveClass(/is-done/, { timeout: 60_000 });
    });

    test('the Export button stays on screen once the Exported notice shows', async ({ studio }) => {
      const { page } = studio;
      await page.setViewportSize(size);
      await typeScript(page, 'Ana: A short line.\nBen: And its answer.');
      await exportNow(page);
      await expect(page.getByTestId('export-status')).toHaveClass(/is-done/, { timeout: 60_000 });
      await page.screenshot({ path: test.info().outputPath(`export-done-${size.width}.png`) });
      const b = await boxes(page);
      expect(b.exportButton!.right).toBeLessThanOrEqual(b.viewport.width);
      expect(b.exportButton!.left).toBeGreaterThanOrEqual(0);
      expect(overlaps(b.status!, b.exportButton!)).toBe(false);
      // And it still works: a second export starts from it.
      await exportNow(page);
      await expect(page.getByTestId('export-status')).toHaveClass(/is-done/, { timeout: 60_000 });
    });

    test('the Exported notice goes away when another project is opened', async ({ studio }) => {
      const { page } = studio;
      await page.setViewportSize(size);
      await typeScript(page, 'Ana: A short line to export.');
      await exportNow(page);
      await expect(page.getByTestId('export-status')).toHaveClass(/is-done/, { timeout: 60_000 });
      await page.getByTestId('new-project').click();
      await expect(page.getByTestId('project-name')).toHaveValue('Untitled');
      await expect(page.getByTestId('export-status')).toHaveCount(0);
      await page.screenshot({ path: test.info().outputPath(`export-switched-${size.width}.png`) });
    });
  });
}
