// The Timeline screen through the real UI: a three-speaker script becomes three lanes, Render all
// makes every clip ready, a real pointer drag moves Ben's line over Anna's (persisted in the core,
// still there after a reload), undo and redo walk it back and forth, and re-rendering a line adds a
// second take whose predecessor can be picked again. Waits are on DOM state fed by core events.
import { test, expect, typeScript } from './harness';
import type { Locator, Page } from '@playwright/test';
import { connectRpc } from './rpc-client';
import { join } from 'node:path';
import { readWav } from './wav';

async function exportSeconds(page: Page, file: string): Promise<number> {
  const dl = page.waitForEvent('download');
  await page.getByTestId('export').click();
  await page.getByTestId('export-dialog-go').click();
  await (await dl).saveAs(file);
  await expect(page.getByTestId('export-status')).toContainText('Exported');
  return readWav(file).durationSec;
}

const SCRIPT = ['Anna: Did you hear the news about the studio this morning?', 'Ben: Wait, let me guess.', 'Cara: Nobody is guessing anything today.'].join('\n');

const clipIn = (page: Page, speaker: string): Locator => page.getByTestId(`lane-${speaker}`).locator('.tl-clip');
const startOf = async (clip: Locator): Promise<number> => Number(await clip.getAttribute('data-start'));

async function openTimeline(page: Page): Promise<void> {
  await page.getByTestId('nav-timeline').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
}

test('lanes, render all, drag to overlap, undo/redo, re-render adds a selectable take', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, SCRIPT);
  await page.getByTestId('voice-picker-Anna').selectOption('espeak:en-us+f3');
  await page.getByTestId('voice-picker-Ben').selectOption('espeak:en-gb');
  await page.getByTestId('voice-picker-Cara').selectOption('espeak:en-us');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);

  await openTimeline(page);
  for (const s of ['Anna', 'Ben', 'Cara']) await expect(clipIn(page, s)).toHaveCount(1);
  await expect(page.locator('.tl-clip[data-state="missing"]')).toHaveCount(3);

  await page.screenshot({ path: 'test-results/timeline-unrendered.png' });
  await page.getByTestId('render-all').click();
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByTestId('render-all')).toBeVisible(); // progress gone, button back
  const exportedBefore = await exportSeconds(page, join(studio.dataDir, 'before.wav'));

  // Play the mix: the playhead moves with the audio, and Stop returns it to where play started.
  await page.getByTestId('tl-play').click();
  await expect.poll(async () => Number(await page.getByTestId('tl-playhead').getAttribute('data-sec'))).toBeGreaterThan(0.2);
  await page.screenshot({ path: 'test-results/timeline-playing.png' });
  await page.getByTestId('tl-play').click();
  await expect(page.getByTestId('tl-playhead')).toHaveAttribute('data-sec', '0.00');

  // Drag Ben's clip left with a real pointer path until it starts inside Anna's.
  const anna = clipIn(page, 'Anna');
  const ben = clipIn(page, 'Ben');
  const annaStart = await startOf(anna);
  const benStart = await startOf(ben);
  const annaBox = (await anna.boundingBox())!;
  const benBox = (await ben.boundingBox())!;
  const target = annaBox.x + annaBox.width * 0.6;
  await page.mouse.move(benBox.x + 10, benBox.y + benBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(target + 10, benBox.y + benBox.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect.poll(() => startOf(ben)).toBeLessThan(benStart);
  const moved = await startOf(ben);
  expect(moved).toBeGreaterThan(annaStart);
  const annaEnd = annaStart + Math.round((annaBox.width / (await zoom(page))) * 24_000);
  expect(moved).toBeLessThan(annaEnd); // overlaps Anna
  expect(moved % 2400 === 0 || moved === annaStart).toBe(true); // on the 100 ms grid or an edge

  // The core has it: a fresh read of the timeline shows the manual placement.
  if (studio.baseUrl && studio.token) {
    const rpc = await connectRpc(studio.baseUrl, studio.token);
    const projects = (await rpc.call('projects.list', {})) as { id: string }[];
    const views = await Promise.all(projects.map((p) => rpc.call('timeline.get', { projectId: p.id })));
    const clip = views.flatMap((v) => v.clips).find((c: { speaker: string }) => c.speaker === 'Ben');
    expect(clip.startSample).toBe(moved);
    expect(clip.manual).toBe(true);
    rpc.close();
  }

  // Undo from the keyboard while the timeline has focus, redo with the button.
  await page.getByTestId('timeline').focus();
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => startOf(ben)).toBe(benStart);
  await page.keyboard.press('ControlOrMeta+Shift+Z');
  await expect.poll(() => startOf(ben)).toBe(moved);
  await page.getByTestId('tl-undo').click();
  await expect.poll(() => startOf(ben)).toBe(benStart);
  await page.getByTestId('tl-redo').click();
  await expect.poll(() => startOf(ben)).toBe(moved);

  // Persisted: a reload shows it where it was dropped.
  await page.reload();
  await openTimeline(page);
  await expect.poll(() => startOf(clipIn(page, 'Ben'))).toBe(moved);

  // The export follows the timeline: Ben now talks over Anna, so the scene is shorter by about his line.
  const exportedAfter = await exportSeconds(page, join(studio.dataDir, 'after.wav'));
  expect(exportedAfter).toBeLessThan(exportedBefore - 0.5);

  // Re-render Cara's line: a second take arrives and the first can be chosen again.
  const cara = clipIn(page, 'Cara');
  await cara.click();
  await expect(page.getByTestId('clip-panel')).toContainText('Nobody is guessing');
  await expect(page.getByTestId('take-list').locator('.tl-take')).toHaveCount(1);
  await page.getByTestId('rerender').click();
  await expect(page.getByTestId('take-list').locator('.tl-take')).toHaveCount(2, { timeout: 60_000 });
  await expect(cara).toContainText('2 takes');
  const older = page.getByTestId('take-list').locator('.tl-take').nth(1);
  await expect(older).toHaveAttribute('aria-pressed', 'false');
  await older.click();
  await expect(page.getByTestId('take-list').locator('.tl-take').nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('take-list').locator('.tl-take').nth(0)).toHaveAttribute('aria-pressed', 'false');

  await page.getByTestId('zoom-in').click();
  await page.screenshot({ path: 'test-results/timeline.png' });
});

async function zoom(page: Page): Promise<number> {
  return Number((await page.getByTestId('zoom-value').textContent())!.replace(/\D+/g, ''));
}
