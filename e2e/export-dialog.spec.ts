// The export dialog in the browser face: the choices made there are the file that downloads (read
// back by ffprobe: format, sample rate, channels, constant or variable bitrate), and each project
// keeps its own choices for the next export.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, typeScript } from './harness';

const HAS_FFPROBE = spawnSync('ffprobe', ['-version']).status === 0;

function probe(path: string) {
  const r = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_streams', '-print_format', 'json', path], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { streams: { codec_name: string; sample_rate: string; channels: number; bit_rate: string }[] }).streams[0]!;
}

async function exportWith(page: Page, dataDir: string, name: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-dialog-go').click();
  const file = join(dataDir, name);
  await (await download).saveAs(file);
  await expect(page.getByTestId('export-status')).toContainText('Exported');
  return file;
}

test('the dialog chooses the file, and each project remembers its choices', async ({ studio }) => {
  test.skip(!HAS_FFPROBE, 'needs ffprobe (apt-get install ffmpeg)');
  const { page, dataDir } = studio;
  await typeScript(page, 'Ana: Good morning, and welcome to the show.\nBen: Thanks, it is good to be here today.');

  await page.getByTestId('export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export-format')).toHaveValue('wav');
  await page.getByTestId('export-format').selectOption('mp3');
  await page.getByTestId('export-sample-rate').selectOption('44100');
  await page.getByTestId('export-channels').selectOption('2');
  await page.getByTestId('export-bitrate').selectOption('vbr:2');
  await expect(page.getByTestId('export-summary')).toHaveText('MP3 · VBR V2 · high · 44.1 kHz · stereo');
  await expect(page.getByTestId('export-destination')).toHaveText("Your browser's downloads.");
  await page.screenshot({ path: test.info().outputPath('export-dialog.png') });
  const vbr = probe(await exportWith(page, dataDir, 'vbr.mp3'));
  expect(vbr).toMatchObject({ codec_name: 'mp3', sample_rate: '44100', channels: 2 });
  expect(Number(vbr.bit_rate) % 8000).not.toBe(0); // an average: the frames vary

  // Reopened: the same choices. A constant 192 kbit/s is then exactly that.
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-format')).toHaveValue('mp3');
  await expect(page.getByTestId('export-bitrate')).toHaveValue('vbr:2');
  await expect(page.getByTestId('export-sample-rate')).toHaveValue('44100');
  await page.getByTestId('export-bitrate').selectOption('cbr:192');
  const cbr = probe(await exportWith(page, dataDir, 'cbr.mp3'));
  expect(cbr).toMatchObject({ codec_name: 'mp3', sample_rate: '44100', channels: 2, bit_rate: '192000' });

  // At 24 kHz an MP3 tops out at 160 kbit/s: the dialog offers no more than the file can be.
  await page.getByTestId('export').click();
  await page.getByTestId('export-sample-rate').selectOption('24000');
  await expect(page.getByTestId('export-bitrate')).toHaveValue('default');
  const offered = await page.getByTestId('export-bitrate').locator('option').allTextContents();
  expect(offered.filter((o) => /constant/.test(o)).map((o) => Number(o.split(' ')[0])).every((k) => k <= 160)).toBe(true);
  await page.getByTestId('export-dialog-cancel').click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);

  // Another project starts from the defaults; the first keeps its own.
  await page.getByTestId('new-project').click();
  await expect(page.getByTestId('project-name')).toHaveValue('Untitled');
  await typeScript(page, 'Ana: A second project.');
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-format')).toHaveValue('wav');
  await page.getByTestId('export-dialog-cancel').click();
  await page.getByTestId('project-list').getByText('My first script').click();
  await expect(page.getByTestId('project-name')).toHaveValue('My first script');
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-format')).toHaveValue('mp3');
  await expect(page.getByTestId('export-bitrate')).toHaveValue('cbr:192');
});
