// The first end-to-end slice, through the real UI: type a two-speaker script, give each speaker a
// voice, play it (streamed audio reaches Web Audio on the page), export a WAV and measure the file.
// Also: the script survives a reload, Space and Ctrl+Enter drive the transport, and the Voices screen
// searches, filters and previews. Runs against `koe serve` in Chromium, or Electron (see harness).
import { test, expect, expectEditorText, setEditorCaret } from './harness';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { plausibleDuration, readWav } from './wav';
import { decodeAudio } from '../src-main/audio/decode';

const SCRIPT = [
  '# Scene one',
  'Anna: Good morning. The studio opens at 9:30, and the first take starts right after coffee.',
  'Ben: Sounds good. I will bring the new microphone and two spare cables.',
  'Anna: Perfect. See you there.',
].join('\n');
const SPOKEN = SCRIPT.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.replace(/^\w+:\s*/, '')).join(' ');

type Playback = { chunks: number; samples: number; streams: number; lastStreamSamples: number };
const playback = (page: Page) => page.evaluate(() => (globalThis as unknown as { __koePlayback: Playback }).__koePlayback);

async function typeScript(page: Page, text: string): Promise<void> {
  const editor = page.getByTestId('script-editor');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await editor.pressSequentially(text.slice(0, 40)); // real keystrokes for the start…
  await editor.fill(text); // …then the rest at once, as a paste would
  await expect(page.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);
}

test('type, assign voices, play streamed audio, export a WAV that fits the text', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, SCRIPT);

  await expect(page.getByTestId('speaker-row-Anna')).toBeVisible();
  await expect(page.getByTestId('speaker-row-Ben')).toBeVisible();
  await page.getByTestId('voice-picker-Anna').selectOption('espeak:en-us+f3');
  await page.getByTestId('voice-picker-Ben').selectOption('espeak:en-gb');
  await expect(page.getByTestId('voice-picker-Ben')).toHaveValue('espeak:en-gb');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);

  // Play all: audio chunks reach Web Audio while the line is still being synthesized.
  const before = await playback(page);
  await page.getByTestId('play-all').click();
  await expect.poll(async () => (await playback(page)).chunks).toBeGreaterThan(before.chunks);
  await expect(page.getByTestId('now-playing')).toContainText('Line 1');
  await expect(page.getByTestId('playhead-time')).not.toHaveText('00:00.0');
  await expect.poll(async () => (await playback(page)).streams).toBeGreaterThanOrEqual(before.streams + 2); // Ben's line too
  // Streamed, not delivered whole: each line arrives as several chunks (a fast machine may have them
  // all before this line runs, so count them rather than wait for more to come).
  const after = await playback(page);
  expect(after.chunks - before.chunks).toBeGreaterThanOrEqual(after.streams - before.streams + 2);
  expect(after.samples).toBeGreaterThan(before.samples);
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('now-playing')).toContainText(/Stopped/);

  // Export: a browser download of a 24-bit WAV whose length fits the words.
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export').click();
  await page.getByTestId('export-dialog-go').click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.wav$/);
  const file = join(studio.dataDir, 'exported.wav');
  await download.saveAs(file);
  await expect(page.getByTestId('export-status')).toContainText('Exported');

  const wav = readWav(file);
  expect(wav.sampleRate).toBe(24000);
  expect(wav.bitDepth).toBe(24);
  expect(wav.channelData).toHaveLength(1);
  const { min, max } = plausibleDuration(SPOKEN);
  expect(wav.durationSec).toBeGreaterThan(min);
  expect(wav.durationSec).toBeLessThan(max);
  expect(wav.rms).toBeGreaterThan(0.01); // speech, not silence
  expect(wav.peak).toBeLessThanOrEqual(1);
});

test('16-bit export follows the setting', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, 'Narrator: A short line for a sixteen bit file.');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-bit-depth-16').click();
  await expect(page.getByTestId('settings-bit-depth-16')).toBeChecked();
  await page.getByTestId('nav-script').click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export').click();
  await page.getByTestId('export-dialog-go').click();
  const file = join(studio.dataDir, 'sixteen.wav');
  await (await downloadPromise).saveAs(file);
  const wav = readWav(file);
  expect(wav.bitDepth).toBe(16);
  expect(wav.durationSec).toBeGreaterThan(1);

  // The export's render is in the audio cache; Settings shows it, and clearing asks first.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('cache-usage')).toContainText(/in [1-9]\d* rendered clips?/);
  await page.getByTestId('settings-cache-cap').selectOption('512');
  await expect(page.getByTestId('settings-cache-cap')).toHaveValue('512');
  await page.getByTestId('settings-cache').screenshot({ path: test.info().outputPath('settings-cache.png') });
  await page.getByTestId('cache-clear').click();
  await page.getByTestId('cache-clear-confirm').click();
  await expect(page.getByTestId('cache-status')).toContainText(/Cleared [1-9]\d* rendered clip/);
  await expect(page.getByTestId('cache-usage')).toContainText('in 0 rendered clips');
});

test('the script survives a reload, and the keyboard drives the transport', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, SCRIPT);
  await page.reload();
  await expectEditorText(page, SCRIPT);

  // Ctrl/Cmd+Enter plays the line under the caret: put the caret on Ben's line.
  const editor = page.getByTestId('script-editor');
  await editor.focus();
  const benOffset = SCRIPT.indexOf('Ben:') + 6;
  await setEditorCaret(page, benOffset);
  await editor.press('ArrowRight'); // lets the app see the caret move as a user's would
  const before = await playback(page);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByTestId('now-playing')).toContainText('Ben');
  await expect.poll(async () => (await playback(page)).chunks).toBeGreaterThan(before.chunks);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('now-playing')).toContainText(/Stopped/);

  // Space outside a text field plays all; again stops.
  await page.getByTestId('nav-voices').focus();
  await page.getByTestId('nav-script').click();
  await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press('Space');
  await expect(page.getByTestId('now-playing')).toContainText('Line 1');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('now-playing')).toContainText(/Stopped/);
  // Space inside the editor types a space and does not play.
  await editor.focus();
  await editor.press('End');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('now-playing')).toContainText(/Stopped/);
});

test('voices: search, filter by language and gender, preview', async ({ studio }) => {
  const { page } = studio;
  await page.getByTestId('nav-voices').click();
  const cards = page.locator('[data-testid^="voice-card-"]');
  await expect(cards.first()).toBeVisible();
  const all = await cards.count();
  expect(all).toBeGreaterThan(50);

  await page.getByTestId('voice-search').fill('scotland');
  // eSpeak's Scottish English and Flite's Scottish speaker (awb).
  await expect(cards).toHaveCount(2);
  await expect(page.getByTestId('voice-card-espeak:en-gb-scotland')).toBeVisible();
  await expect(page.getByTestId('voice-card-flite:awb')).toBeVisible();
  await page.getByTestId('voice-search').fill('');
  await expect(cards).toHaveCount(all);

  await page.getByTestId('voice-filter-language').selectOption('fr-fr');
  const french = await cards.count();
  expect(french).toBeGreaterThan(0);
  expect(french).toBeLessThan(all);
  for (const t of await cards.allTextContents()) expect(t).toMatch(/French/);

  await page.getByTestId('voice-filter-gender').selectOption('female');
  // espeak's female variant, and Kokoro's ff_siwis (listed, unavailable until its model is installed).
  await expect(cards).toHaveCount(2);
  await expect(page.getByTestId('voice-card-espeak:fr-fr+f3')).toBeVisible();
  await expect(page.getByTestId('voice-card-kokoro:ff_siwis')).toContainText('Download the Kokoro model');
  await page.getByTestId('voice-filter-gender').selectOption('');
  const before = await playback(page);
  await page.getByTestId('voice-preview-espeak:fr-fr').click();
  await expect.poll(async () => (await playback(page)).chunks).toBeGreaterThan(before.chunks);
});

test('the browser face without its token, or with a refused one, says how to open it', async ({ studio }) => {
  test.skip(studio.face !== 'server', 'the desktop app needs no token');
  const context = await studio.page.context().browser()!.newContext();
  const page = await context.newPage();
  await page.goto(`${studio.baseUrl}/`);
  await expect(page.getByTestId('missing-token')).toContainText('needs its access token');
  await page.goto(`${studio.baseUrl}/?token=not-the-token`);
  await expect(page.getByTestId('missing-token')).toContainText('out of date');
  expect(page.url()).not.toContain('not-the-token'); // taken out of the address bar either way
  await context.close();
});

test('export as stereo MP3 at −16 LUFS with stems and subtitles: every file downloads', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, SCRIPT);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-export-format').selectOption('mp3');
  await page.getByTestId('settings-export-loudness').selectOption('-16');
  await page.getByTestId('settings-export-stems').check();
  await page.getByTestId('settings-export-channels').selectOption('2');
  await page.getByTestId('settings-export-subtitles').selectOption('srt');
  await expect(page.getByTestId('settings-export-subtitles')).toHaveValue('srt');
  await page.getByTestId('nav-script').click();
  const names: string[] = [];
  const saved: Promise<void>[] = [];
  page.on('download', (d) => {
    names.push(d.suggestedFilename());
    saved.push(d.saveAs(join(studio.dataDir, 'dl', d.suggestedFilename())));
  });
  await page.getByTestId('export').click();
  await page.getByTestId('export-dialog-go').click();
  await expect(page.getByTestId('export-status')).toContainText('Exported');
  await expect(page.getByTestId('export-status')).toContainText(/-16\.\d LUFS/);
  await expect.poll(() => names.length).toBe(4);
  await Promise.all(saved);
  expect(names.sort()).toEqual(['My first script - Anna.mp3', 'My first script - Ben.mp3', 'My first script.mp3', 'My first script.srt'].sort());
  const mix = await decodeAudio(new Uint8Array(readFileSync(join(studio.dataDir, 'dl', 'My first script.mp3'))));
  expect(mix.channels).toHaveLength(2);
  const srt = readFileSync(join(studio.dataDir, 'dl', 'My first script.srt'), 'utf8');
  expect(srt).toMatch(/^1\n\d\d:\d\d:\d\d,\d{3} --> /);
  expect(srt).toContain('Anna: Good morning.');
});
