// Layout defects that only show in a real browser: the top bar's playback progress must read the
// playback position (it was always full, because the clone screen's rule for another progress bar
// won the cascade).
import { test, expect, typeScript } from './harness';

test('the top bar progress is empty while stopped and follows playback', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, 'Ana: A short line to play for the progress bar.\nBen: And a second one after it.');
  const fill = page.locator('.transport [role="progressbar"] .progress-fill, [aria-label="Playback progress"] .progress-fill').first();
  const scale = async () => {
    const m = await fill.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { transform: string } }).getComputedStyle(el).transform);
    // 'none' is a full bar; matrix(a, …) is scaleX(a).
    return m === 'none' ? 1 : Number(/matrix\(([^,]+)/.exec(m)?.[1] ?? NaN);
  };
  expect(await scale()).toBe(0);
  await page.screenshot({ path: 'test-results/topbar-stopped.png' });
  await page.getByTestId('play-all').click();
  await expect.poll(scale, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(scale).toBeLessThan(1);
});
