// One transport: the top bar and the Timeline screen show one playback state, and Space toggles it
// from anywhere outside a text field, including while a button has focus. Before, the top bar read
// "Stopped 00:00.0" while the timeline played, and Space with the timeline's Play button focused
// started the script's player on top of the timeline instead of stopping it.
import { test, expect } from './harness';
import { renderedLoop } from './rendered-loop';
import type { Page } from '@playwright/test';


const playing = (page: Page) => page.getByTestId('tl-transport');
const topClock = (page: Page) => page.getByTestId('playhead-time');
const nowPlaying = (page: Page) => page.getByTestId('now-playing');

async function progress(page: Page): Promise<number> {
  return Number(await page.getByRole('progressbar', { name: 'Playback progress' }).getAttribute('aria-valuenow'));
}

// A loop, so playback never runs out on its own between a press and the check that follows it.
const openRenderedTimeline = (page: Page, size: { width: number; height: number }) => renderedLoop(page, size, 2);

for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`the top bar shows the timeline playing and stops it (${size.width}×${size.height})`, async ({ studio }) => {
    const { page } = studio;
    await openRenderedTimeline(page, size);

    // The timeline's Play: the top bar shows it playing, its clock runs and its progress fills.
    await page.getByTestId('tl-play').click();
    await expect(playing(page)).toHaveAttribute('data-playing', 'true');
    await expect(nowPlaying(page)).toContainText('Timeline');
    await expect(topClock(page)).not.toHaveText('00:00.0');
    await expect(topClock(page)).toHaveClass(/is-running/);
    await expect.poll(() => progress(page)).toBeGreaterThan(0);
    await expect(page.getByTestId('stop')).not.toHaveClass(/is-idle/);
    await page.screenshot({ path: test.info().outputPath(`timeline-playing-${size.width}.png`) });

    // The top bar's Stop stops the timeline, and the bar says so.
    await page.getByTestId('stop').click();
    await expect(playing(page)).toHaveAttribute('data-playing', 'false');
    await expect(nowPlaying(page)).toContainText('Stopped');
    await expect(page.getByTestId('stop')).toHaveClass(/is-idle/);
    expect(await progress(page)).toBe(0);

    // The top bar's Play, on the Timeline screen, plays the timeline from its playhead.
    await page.getByTestId('play-all').click();
    await expect(playing(page)).toHaveAttribute('data-playing', 'true');
    await expect(nowPlaying(page)).toContainText('Timeline');
    await page.getByTestId('stop').click();
    await expect(playing(page)).toHaveAttribute('data-playing', 'false');
  });

  test(`Space toggles the timeline once while a button has focus (${size.width}×${size.height})`, async ({ studio }) => {
    const { page } = studio;
    await openRenderedTimeline(page, size);

    // Space with the timeline's Play button focused stops, once, and starts nothing else.
    await page.getByTestId('tl-play').click();
    await expect(playing(page)).toHaveAttribute('data-playing', 'true');
    await expect(page.getByTestId('tl-play')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(playing(page)).toHaveAttribute('data-playing', 'false');
    await expect(nowPlaying(page)).toContainText('Stopped');

    // Space again, the button still focused: plays again (one toggle, not a toggle and a click).
    await page.keyboard.press('Space');
    await expect(playing(page)).toHaveAttribute('data-playing', 'true');
    await page.keyboard.press('Space');
    await expect(playing(page)).toHaveAttribute('data-playing', 'false');

    // The top bar's Play button focused: Space stops what it started.
    await page.getByTestId('play-all').click();
    await expect(playing(page)).toHaveAttribute('data-playing', 'true');
    await expect(page.getByTestId('play-all')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(playing(page)).toHaveAttribute('data-playing', 'false');
    await expect(nowPlaying(page)).toContainText('Stopped');

    // On the Script screen the same bar plays the script; Space on its focused button stops it.
    await page.getByTestId('nav-script').click();
    await page.getByTestId('play-all').click();
    await expect(nowPlaying(page)).toContainText('Line');
    await page.keyboard.press('Space');
    await expect(nowPlaying(page)).toContainText('Stopped');
    await page.screenshot({ path: test.info().outputPath(`script-stopped-${size.width}.png`) });
  });
}
