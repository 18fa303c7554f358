// Exporting part of a project: a loop dragged on the timeline's ruler offers "Export loop", and the
// file it writes is exactly the loop's length, with speech in it.
import { test, expect, typeScript } from './harness';
import { join } from 'node:path';
import { sweepRuler } from './timeline-ruler';
import { readWav } from './wav';

const RATE = 24000;
const SCRIPT = ['Anna: Did you hear the news about the studio this morning?', 'Ben: Wait, let me guess.'].join('\n');

test('a loop on the timeline exports on its own, exactly its length', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, SCRIPT);
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('render-all').click();
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('export-loop')).toHaveCount(0);

  await sweepRuler(page, 0.5, 2);
  const band = page.getByTestId('tl-loop-band');
  await expect(band).toHaveAttribute('data-on', 'true');
  const loopSamples = Number(await band.getAttribute('data-end')) - Number(await band.getAttribute('data-start'));

  await expect(page.getByTestId('export-loop')).toContainText('Export loop 0:00.5–0:02.0');
  await page.screenshot({ path: test.info().outputPath('export-loop.png') });
  const download = page.waitForEvent('download');
  await page.getByTestId('export-loop').click();
  await page.getByTestId('export-dialog-go').click();
  const file = join(studio.dataDir, 'loop.wav');
  await (await download).saveAs(file);
  const wav = readWav(file);
  expect(wav.sampleRate).toBe(RATE);
  expect(wav.frames).toBe(loopSamples);
  expect(wav.rms).toBeGreaterThan(0.01); // Anna is speaking in that stretch
});

test('at 1024 px wide, a loop set keeps both Export buttons on screen', async ({ studio }) => {
  const { page } = studio;
  await page.setViewportSize({ width: 1024, height: 700 });
  await typeScript(page, SCRIPT);
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('render-all').click();
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(2, { timeout: 60_000 });
  await sweepRuler(page, 0.5, 2);
  await expect(page.getByTestId('export-loop')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('export-loop-1024.png') });
  for (const id of ['export', 'export-loop']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.x, `${id} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${id} ends on screen`).toBeLessThanOrEqual(1024);
  }
});
