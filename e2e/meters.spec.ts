// The meters and the master bus through the real UI: while the timeline plays, the master's and the
// lanes' peak and short-term loudness move; when it stops they fall to silence. The master gain and
// the limiter are heard at once (the windows ahead are mixed again) and the limiter's cut shows.
import { test, expect } from './harness';
import { renderedLoop } from './rendered-loop';
import type { Locator, Page } from '@playwright/test';

const figure = async (l: Locator, name: 'data-peak' | 'data-lufs') => Number(await l.getAttribute(name));

// Loop the whole of both lines so playback keeps going while the meters are read.
const playLooped = (page: Page, size: { width: number; height: number }) => renderedLoop(page, size, 4.2);

/** The master meter's sample or true peak read in the page every 20 ms for `ms` (timers, not frames: a busy headless page draws few). */
function watchPeaks(page: Page, ms: number, attr: 'data-peak' | 'data-true-peak' = 'data-peak'): Promise<number[]> {
  return page.evaluate(
    ([ms, attr]) =>
      new Promise<number[]>((resolve) => {
        // This runs in the page; the e2e project's types have no DOM library.
        const g = globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } } };
        const seen: number[] = [];
        const t0 = performance.now();
        const tick = () => {
          seen.push(Number(g.document.querySelector('[data-testid="meter-master"]').getAttribute(attr)));
          if (performance.now() - t0 < ms) setTimeout(tick, 20);
          else resolve(seen);
        };
        tick();
      }),
    [ms, attr] as const,
  );
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`meters move while the timeline plays and fall when it stops; master gain and limiter (${size.width}×${size.height})`, async ({ studio }) => {
    const { page } = studio;
    await playLooped(page, size);
    const master = page.getByTestId('meter-master');
    await expect(master).toHaveAttribute('data-peak', '-120');

    await page.getByTestId('tl-play').click();
    await expect(page.getByTestId('tl-transport')).toHaveAttribute('data-playing', 'true');
    await expect.poll(() => figure(master, 'data-peak')).toBeGreaterThan(-40);
    await expect.poll(() => figure(master, 'data-lufs')).toBeGreaterThan(-50);
    // Each lane's meter moves when its speaker talks.
    await expect.poll(() => figure(page.getByTestId('meter-Anna'), 'data-peak'), { timeout: 20_000 }).toBeGreaterThan(-40);
    await expect.poll(() => figure(page.getByTestId('meter-Ben'), 'data-peak'), { timeout: 20_000 }).toBeGreaterThan(-40);
    // It moves: more than one reading is seen.
    const seen = new Set<number>();
    await expect.poll(async () => seen.add(await figure(master, 'data-peak')).size).toBeGreaterThan(3);
    await page.screenshot({ path: test.info().outputPath(`meters-playing-${size.width}.png`) });

    // +18 dB on the master with the limiter on: the limiter cuts, and the master never reads over −1.
    await page.getByTestId('master-gain').fill('18');
    await page.getByTestId('master-gain').press('Enter');
    await page.getByTestId('master-limiter').click();
    await expect(page.getByTestId('master-limiter')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => Number(await page.getByTestId('master-reduction').getAttribute('data-db')), { timeout: 20_000 }).toBeLessThan(-1);
    const peaks = await watchPeaks(page, 3000);
    expect(peaks.filter((p) => p > -120).length).toBeGreaterThan(2);
    expect(Math.max(...peaks)).toBeLessThanOrEqual(-1);
    // The meter shows true peak, and the limiter's ceiling is a true-peak one: between samples too.
    const truePeaks = await watchPeaks(page, 2000, 'data-true-peak');
    expect(truePeaks.filter((p) => p > -120).length).toBeGreaterThan(2);
    expect(Math.max(...truePeaks)).toBeLessThanOrEqual(-1);
    await page.screenshot({ path: test.info().outputPath(`meters-limiting-${size.width}.png`) });

    // Stop: the meters fall to silence.
    await page.getByTestId('timeline').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('tl-transport')).toHaveAttribute('data-playing', 'false');
    await expect(master).toHaveAttribute('data-peak', '-120');
    await expect(page.getByTestId('meter-Anna')).toHaveAttribute('data-peak', '-120');

    // The master bus is kept with the project.
    await page.reload();
    await page.getByTestId('nav-timeline').click();
    await expect(page.getByTestId('master-gain')).toHaveValue('18');
    await expect(page.getByTestId('master-limiter')).toHaveAttribute('aria-pressed', 'true');
  });
}
