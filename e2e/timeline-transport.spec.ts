// The timeline's transport through the real UI: a click on the ruler moves the playhead, play
// starts there (windows of the mix arrive from the core, with sound in them, and the playhead runs
// on from the seek point), Space stops and returns to where play started, Home/End jump, J/K/L
// shuttle, and a loop dragged on the ruler keeps playback wrapping inside it. Waits are on DOM
// state fed by the player, never on fixed sleeps.
import { test, expect, type Studio, typeScript } from './harness';
import { connectRpc } from './rpc-client';
import { rulerAt, sweepRuler } from './timeline-ruler';
import type { Locator, Page } from '@playwright/test';

const RATE = 24000;
const SCRIPT = ['Anna: Did you hear the news about the studio this morning?', 'Ben: Wait, let me guess.', 'Cara: Nobody is guessing anything today.'].join('\n');

/** End of the last clip, from the core's own view of the timeline. */
async function timelineEnd(studio: Studio): Promise<number> {
  const rpc = await connectRpc(studio.baseUrl!, studio.token!);
  try {
    const projects = (await rpc.call('projects.list', {})) as { id: string }[];
    const views = await Promise.all(projects.map((p) => rpc.call('timeline.get', { projectId: p.id })));
    return Math.max(...views.flatMap((v) => v.clips.map((c: { startSample: number; samples: number }) => c.startSample + c.samples)));
  } finally {
    rpc.close();
  }
}

const sampleOf = async (page: Page): Promise<number> => Number(await page.getByTestId('tl-playhead').getAttribute('data-sample'));
const transport = (page: Page): Locator => page.getByTestId('tl-transport');

/** Samples of the playhead taken in the page every animation frame for `ms`. */
function watchPlayhead(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        // This runs in the page; the e2e project's types have no DOM library.
        const g = globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } }; requestAnimationFrame(cb: () => void): number };
        const seen: number[] = [];
        const t0 = performance.now();
        const tick = () => {
          seen.push(Number(g.document.querySelector('[data-testid="tl-playhead"]').getAttribute('data-sample')));
          if (performance.now() - t0 < ms) g.requestAnimationFrame(tick);
          else resolve(seen);
        };
        tick();
      }),
    ms,
  );
}

test('seek on the ruler, play from the playhead, Space returns, Home/End, J/K/L, loop wraps', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, SCRIPT);
  await page.getByTestId('voice-picker-Anna').selectOption('espeak:en-us+f3');
  await page.getByTestId('voice-picker-Ben').selectOption('espeak:en-gb');
  await page.getByTestId('voice-picker-Cara').selectOption('espeak:en-us');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByTestId('nav-timeline').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await page.getByTestId('render-all').click();
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(3, { timeout: 60_000 });

  // A click on the ruler puts the playhead there; the clock follows.
  expect(await sampleOf(page)).toBe(0);
  const seekTo = await rulerAt(page, 1.5);
  await page.mouse.click(seekTo.x, seekTo.y);
  await expect.poll(() => sampleOf(page)).toBe(seekTo.sample);
  await expect(page.getByTestId('tl-clock')).toHaveText(/^0:01\.\d{3}$/);

  // Empty lane space seeks too (Ben's lane is empty at the very start).
  const lane = page.getByTestId('lane-Ben').locator('.tl-lane');
  const laneBox = (await lane.boundingBox())!;
  const pxPerSec = Number(await page.getByTestId('tl-ruler').getAttribute('data-px-per-sec'));
  await page.mouse.click(laneBox.x + 0.25 * pxPerSec, laneBox.y + laneBox.height / 2);
  await expect.poll(() => sampleOf(page)).toBe(Math.round(0.25 * RATE));
  await page.mouse.click(seekTo.x, seekTo.y);
  await expect.poll(() => sampleOf(page)).toBe(seekTo.sample);

  // Play starts at the playhead: windows of the mix arrive, with sound, and the playhead runs on.
  await page.getByTestId('tl-play').click();
  await expect(transport(page)).toHaveAttribute('data-playing', 'true');
  await expect.poll(async () => Number(await transport(page).getAttribute('data-windows'))).toBeGreaterThanOrEqual(2);
  expect(Number(await transport(page).getAttribute('data-audible-windows'))).toBeGreaterThanOrEqual(1);
  // Logged, not asserted: speed targets live in the bench. The window at the playhead was mixed
  // ahead while stopped, so this is mostly the audio clock's lead.
  test.info().annotations.push({ type: 'play → first sound (ms)', description: String(await transport(page).getAttribute('data-first-sound-ms')) });
  await expect.poll(() => sampleOf(page)).toBeGreaterThan(seekTo.sample + RATE / 4);
  const seen = await watchPlayhead(page, 300);
  expect(Math.min(...seen)).toBeGreaterThanOrEqual(seekTo.sample); // never from the start
  await page.screenshot({ path: test.info().outputPath('transport-playing.png') });

  // Space stops and returns the playhead to where play started (the Audition/Reaper convention).
  await page.getByTestId('timeline').focus();
  await page.keyboard.press('Space');
  await expect(transport(page)).toHaveAttribute('data-playing', 'false');
  await expect.poll(() => sampleOf(page)).toBe(seekTo.sample);

  // Home and End.
  await page.keyboard.press('End');
  await expect.poll(() => sampleOf(page)).toBe(await timelineEnd(studio));
  await page.keyboard.press('Home');
  await expect.poll(() => sampleOf(page)).toBe(0);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => sampleOf(page)).toBe(RATE / 10);
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => sampleOf(page)).toBe(RATE / 10 + RATE);

  // L plays, L again shuttles at 2×, K pauses where the sound is (no return), J jumps back 5 s.
  await page.keyboard.press('l');
  await expect(transport(page)).toHaveAttribute('data-playing', 'true');
  await page.keyboard.press('l');
  await expect(page.getByTestId('tl-rate')).toHaveText('2×');
  await expect.poll(() => sampleOf(page)).toBeGreaterThan(RATE / 10 + RATE * 2);
  await page.keyboard.press('k');
  await expect(transport(page)).toHaveAttribute('data-playing', 'false');
  const paused = await sampleOf(page);
  expect(paused).toBeGreaterThan(RATE / 10 + RATE * 2);
  await page.keyboard.press('j');
  await expect.poll(() => sampleOf(page)).toBe(Math.max(0, paused - 5 * RATE));

  // Drag on the ruler from 0.5 s to 1.5 s: a loop band appears, looping is on, and play starts at
  // the loop's start (the press moved the playhead there).
  const swept = await sweepRuler(page, 0.5, 1.5);
  const a = { sample: swept.from };
  const b = { sample: swept.to };
  const band = page.getByTestId('tl-loop-band');
  await expect(band).toHaveAttribute('data-on', 'true');
  const loopStart = Number(await band.getAttribute('data-start'));
  const loopEnd = Number(await band.getAttribute('data-end'));
  expect(Math.abs(loopStart - a.sample)).toBeLessThanOrEqual(1);
  expect(Math.abs(loopEnd - b.sample)).toBeLessThanOrEqual(1);
  expect(await sampleOf(page)).toBe(loopStart);
  await expect(page.getByTestId('tl-loop')).toHaveAttribute('aria-pressed', 'true');

  await page.getByTestId('timeline').focus();
  await page.keyboard.press('Space');
  await expect(transport(page)).toHaveAttribute('data-playing', 'true');
  // Wrapped at least twice: windows keep coming, and the playhead never leaves the loop.
  await expect.poll(async () => Number(await transport(page).getAttribute('data-windows')), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  test.info().annotations.push({ type: 'play → first sound, later play (ms)', description: String(await transport(page).getAttribute('data-first-sound-ms')) });
  const looped = await watchPlayhead(page, 2500);
  // Logged, not asserted (it depends on machine load): windows that came after the previous one ended.
  test.info().annotations.push({ type: 'late windows (gaps) while looping', description: `${await transport(page).getAttribute('data-late-windows')} of ${await transport(page).getAttribute('data-windows')}` });
  expect(Math.min(...looped)).toBeGreaterThanOrEqual(loopStart);
  expect(Math.max(...looped)).toBeLessThanOrEqual(loopEnd);
  const wraps = looped.filter((s, i) => i > 0 && s < looped[i - 1]!).length;
  expect(wraps).toBeGreaterThanOrEqual(1);
  expect(await transport(page).getAttribute('data-playing')).toBe('true');
  await page.screenshot({ path: test.info().outputPath('transport-loop.png') });

  // Its end dragged on the ruler from 1.5 s to 2.0 s: the loop grows, still on.
  const endEdge = (await page.getByTestId('tl-loop-end').boundingBox())!;
  const to = await rulerAt(page, 2);
  await page.mouse.move(endEdge.x + endEdge.width / 2, endEdge.y + endEdge.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, endEdge.y + endEdge.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(band).toHaveAttribute('data-end', String(to.sample));
  await expect(band).toHaveAttribute('data-start', String(loopStart));
  await expect(transport(page)).toHaveAttribute('data-playing', 'true');

  // R turns the loop off; Space stops and returns to the loop start where play began.
  await page.keyboard.press('r');
  await expect(band).toHaveAttribute('data-on', 'false');
  await page.keyboard.press('Space');
  await expect(transport(page)).toHaveAttribute('data-playing', 'false');
  await expect.poll(() => sampleOf(page)).toBe(loopStart);

  // The keys stay out of text fields: Space typed in the zoom-free clip panel's field does not play.
  await page.locator('.tl-clip').first().click();
  const field = page.getByTestId('clip-panel').locator('input').first();
  if ((await field.count()) > 0) {
    await field.focus();
    await page.keyboard.press('l');
    await page.keyboard.press('Space');
    await expect(transport(page)).toHaveAttribute('data-playing', 'false');
  }

  // The help lists the timeline keys.
  await page.getByTestId('help').click();
  await expect(page.getByTestId('shortcuts-timeline')).toContainText('Jump back 5 s');
  await page.screenshot({ path: test.info().outputPath('transport-help.png') });
});

test('play queues unrendered lines and plays them once ready; at the end playback stops and returns', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, 'Anna: Hello there, this line is not rendered yet.\nBen: Neither is mine.');
  await page.getByTestId('voice-picker-Anna').selectOption('espeak:en-us+f3');
  await page.getByTestId('voice-picker-Ben').selectOption('espeak:en-gb');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByTestId('nav-timeline').click();
  await expect(page.locator('.tl-clip[data-state="missing"]')).toHaveCount(2);

  // Loop the first 1.5 s so playback keeps going while the lines render.
  await sweepRuler(page, 0, 1.5, 6);
  await expect(page.getByTestId('tl-loop-band')).toHaveAttribute('data-on', 'true');
  await page.getByTestId('timeline').focus();
  await page.keyboard.press('Space');
  await expect(transport(page)).toHaveAttribute('data-playing', 'true');
  // Play queued the missing lines; once rendered, the next windows carry their sound.
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(2, { timeout: 60_000 });
  await expect.poll(async () => Number(await transport(page).getAttribute('data-audible-windows')), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await page.keyboard.press('Space');
  await expect(transport(page)).toHaveAttribute('data-playing', 'false');

  // Loop off, half a second before the end: playback runs out, stops by itself, and the playhead
  // goes back to where play started.
  await page.keyboard.press('r');
  await page.keyboard.press('End');
  const end = await timelineEnd(studio);
  await expect.poll(() => sampleOf(page)).toBe(end);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(() => sampleOf(page)).toBe(end - RATE / 2);
  await page.keyboard.press('Space');
  await expect(transport(page)).toHaveAttribute('data-playing', 'true');
  await expect(transport(page)).toHaveAttribute('data-playing', 'false', { timeout: 15_000 });
  expect(await sampleOf(page)).toBe(end - RATE / 2);

  // Zoomed in, playing from a point right of the view scrolls the lanes to keep the playhead in sight.
  for (let i = 0; i < 6; i++) await page.getByTestId('zoom-in').click();
  const scroller = page.getByTestId('tl-scroller');
  await scroller.evaluate((el) => (el.scrollLeft = 0));
  await page.getByTestId('timeline').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => sampleOf(page)).toBe(3 * RATE);
  expect(await scroller.evaluate((el) => el.scrollLeft)).toBe(0);
  await page.keyboard.press('Space');
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  const grip = (await page.getByTestId('tl-playhead-grip').boundingBox())!;
  const view = (await scroller.boundingBox())!;
  expect(grip.x).toBeGreaterThan(view.x);
  expect(grip.x).toBeLessThan(view.x + view.width);
  await page.keyboard.press('Space');
});
