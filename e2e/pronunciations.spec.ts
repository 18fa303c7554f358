// Pronunciations through the UI: add an entry, hear it with "Say it", bad phonemes are refused with a
// message naming the symbol, and a saved entry changes what export says (past the audio cache).
import { test, expect } from './harness';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { readWav } from './wav';

type Playback = { chunks: number };
const playback = (page: Page) => page.evaluate(() => (globalThis as unknown as { __koePlayback: Playback }).__koePlayback);

async function exportSeconds(page: Page, file: string): Promise<number> {
  const dl = page.waitForEvent('download');
  await page.getByTestId('export').click();
  await page.getByTestId('export-dialog-go').click();
  await (await dl).saveAs(file);
  await expect(page.getByTestId('export-status')).toContainText('Exported');
  return readWav(file).durationSec;
}

test('add, hear, refuse bad symbols, and change what is exported', async ({ studio }) => {
  const { page } = studio;
  await page.getByTestId('script-editor').fill('Narrator: Koe.');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);
  const before = await exportSeconds(page, join(studio.dataDir, 'before.wav'));

  await page.getByTestId('nav-pronunciations').click();
  await expect(page.getByTestId('pron-empty')).toBeVisible();
  await page.getByTestId('pron-word').fill('Koe');
  await page.getByTestId('pron-value').fill('supercalifragilistic expialidocious');
  const heard = await playback(page);
  await page.getByTestId('pron-say').click();
  await expect.poll(async () => (await playback(page)).chunks).toBeGreaterThan(heard.chunks);
  await page.getByTestId('pron-save').click();
  await expect(page.getByTestId('pron-entry-Koe')).toContainText('supercalifragilistic');

  // Phonemes Kokoro lacks are refused, naming the symbol; nothing is added.
  await page.getByTestId('pron-word').fill('bad');
  await page.getByTestId('pron-mode-phonemes').check();
  await page.getByTestId('pron-value').fill('bæd§');
  await page.getByTestId('pron-save').click();
  await expect(page.getByTestId('pron-error')).toContainText('§');
  await expect(page.getByTestId('pron-entry-bad')).toHaveCount(0);

  await page.getByTestId('nav-script').click();
  const after = await exportSeconds(page, join(studio.dataDir, 'after.wav'));
  expect(after).toBeGreaterThan(before + 1);

  // Deleting it brings the ordinary reading back.
  await page.getByTestId('nav-pronunciations').click();
  await page.getByTestId('pron-delete-Koe').click();
  await expect(page.getByTestId('pron-empty')).toBeVisible();
  await page.getByTestId('nav-script').click();
  const again = await exportSeconds(page, join(studio.dataDir, 'again.wav'));
  expect(Math.abs(again - before)).toBeLessThan(0.05);
});
