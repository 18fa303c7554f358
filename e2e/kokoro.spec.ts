// Kokoro through the UI, with the project's fixture model (real input/output signature, output length
// following tokens and speed) and the real voice packs from kokoro-js, served by a model host on
// 127.0.0.1: the model file is already in the models folder (as if copied in by hand, with the stand-in
// list that vouches for it), the voice packs and misaki lexicons are downloaded from the Models screen
// with progress, the Kokoro voices become available without a restart, preview streams, and an export
// in a Kokoro voice is valid speech-length audio.
import { test, expect, startServe, CHROMIUM, CHROMIUM_ARGS } from './harness';
import { chromium, type Browser, type Page } from '@playwright/test';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureServer } from '../test-support/models/host';
import { readWav } from './wav';

const FIXTURES = join(process.cwd(), 'models', 'fixtures', 'kokoro');
const MISAKI = process.env.KOE_MISAKI_DIR || join(process.cwd(), '..', 'shared', 'data', 'misaki');
const LEX_BASE = 'gh/hexgrad/misaki/fba1236595f2d2bf21d414ba6e57d25256afada3/misaki/data';
const VOICE_BASE = 'hf/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/voices';

type Playback = { chunks: number; samples: number };
const playback = (page: Page) => page.evaluate(() => (globalThis as unknown as { __koePlayback: Playback }).__koePlayback);

test.skip(!existsSync(join(FIXTURES, 'onnx', 'model.onnx')), 'run `npm run fixtures` first');
test.skip(!existsSync(MISAKI), 'needs misaki lexicons in KOE_MISAKI_DIR or ../shared/data/misaki');

let host: FixtureServer;
let browser: Browser;
test.beforeAll(async () => {
  host = await FixtureServer.start();
  for (const f of readdirSync(join(FIXTURES, 'voices'))) host.serve(`${VOICE_BASE}/${f}`, readFileSync(join(FIXTURES, 'voices', f)));
  for (const f of ['us_gold.json', 'us_silver.json', 'gb_gold.json', 'gb_silver.json']) host.serve(`${LEX_BASE}/${f}`, readFileSync(join(MISAKI, f)));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
test.afterAll(async () => {
  await browser?.close();
  host?.close();
});

test('download voices and lexicons in Models, then speak and export with a Kokoro voice', async () => {
  test.setTimeout(300_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-kokoro-e2e-'));
  const modelsDir = join(dataDir, 'models');
  mkdirSync(join(modelsDir, 'kokoro', 'onnx'), { recursive: true });
  copyFileSync(join(FIXTURES, 'onnx', 'model.onnx'), join(modelsDir, 'kokoro', 'onnx', 'model.onnx'));
  // The fixture graph is a stand-in, not the catalog's fp32 file: the list `npm run fixtures` writes
  // vouches for it by sha256, or the core would (rightly) refuse to load it.
  copyFileSync(join(FIXTURES, '..', 'fixtures.json'), join(modelsDir, 'fixtures.json'));
  const { proc, url } = await startServe(dataDir, [], { KOE_MODELS_DIR: modelsDir, KOE_MODEL_HOST: `${host.base}hf/`, KOE_GITHUB_RAW_HOST: `${host.base}gh/` });
  const context = await browser.newContext({ acceptDownloads: true });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('script-editor').waitFor();

    // Before: the voices are listed but cannot speak yet, and say why.
    await page.getByTestId('nav-voices').click();
    await page.getByTestId('voice-search').fill('heart');
    await expect(page.getByTestId('voice-card-kokoro:af_heart')).toContainText(/Download the Kokoro voices|Download the Kokoro model/);
    await expect(page.getByTestId('voice-preview-kokoro:af_heart')).toBeDisabled();

    await page.getByTestId('nav-models').click();
    for (const id of ['kokoro-v1.0-voices', 'misaki-en-us']) {
      await page.getByTestId(`model-download-${id}`).click();
      await expect(page.getByTestId(`model-state-${id}`)).toHaveText('Installed', { timeout: 60_000 });
    }

    // After: available without a restart, and the preview streams audio.
    await page.getByTestId('nav-voices').click();
    await page.getByTestId('voice-search').fill('heart');
    await expect(page.getByTestId('voice-preview-kokoro:af_heart')).toBeEnabled();
    await page.getByTestId('nav-models').click();
    await page.screenshot({ path: test.info().outputPath('models-installed.png') });
    await page.getByTestId('nav-voices').click();
    const before = await playback(page);
    await page.getByTestId('voice-preview-kokoro:af_heart').click();
    await expect.poll(async () => (await playback(page)).chunks).toBeGreaterThan(before.chunks);

    // Japanese and Mandarin voices speak too: their preview sentence is read in their language
    // (the analyzers load in the engine worker on first use, which takes seconds).
    for (const [search, id] of [['alpha', 'kokoro:jf_alpha'], ['xiaobei', 'kokoro:zf_xiaobei']] as const) {
      await page.getByTestId('voice-search').fill(search);
      await expect(page.getByTestId(`voice-preview-${id}`)).toBeEnabled();
      const heard = await playback(page);
      await page.getByTestId(`voice-preview-${id}`).click();
      await expect.poll(async () => (await playback(page)).chunks, { timeout: 90_000 }).toBeGreaterThan(heard.chunks);
    }
    await page.screenshot({ path: test.info().outputPath('voices-mandarin.png') });
    await page.getByTestId('voice-search').fill('heart');

    // Blend two voices: preview the unsaved mix, save it, and it speaks like any voice; then delete it.
    await page.getByTestId('voice-search').fill('');
    await page.getByTestId('blend-open').click();
    await page.getByTestId('blend-voice-0').selectOption('kokoro:af_heart');
    await page.getByTestId('blend-voice-1').selectOption('kokoro:bf_emma');
    await page.getByTestId('blend-weight-0').fill('60');
    await page.getByTestId('blend-weight-1').fill('0');
    await expect(page.getByTestId('blend-error')).toContainText('at least two voices');
    await expect(page.getByTestId('blend-save')).toBeDisabled();
    await page.getByTestId('blend-weight-1').fill('40');
    const mixed = await playback(page);
    await page.getByTestId('blend-preview').click();
    await expect.poll(async () => (await playback(page)).chunks).toBeGreaterThan(mixed.chunks);
    await page.getByTestId('blend-name').fill('Warm mix');
    await page.screenshot({ path: test.info().outputPath('voices-blend.png') });
    await page.getByTestId('blend-save').click();
    await expect(page.getByTestId('voice-card-kokoro:blend-warm-mix')).toBeVisible();
    await expect(page.getByTestId('voice-card-kokoro:blend-warm-mix')).toContainText('blend');
    const saved = await playback(page);
    await page.getByTestId('voice-preview-kokoro:blend-warm-mix').click();
    await expect.poll(async () => (await playback(page)).chunks).toBeGreaterThan(saved.chunks);
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('voice-delete-kokoro:blend-warm-mix').click();
    await expect(page.getByTestId('voice-card-kokoro:blend-warm-mix')).toHaveCount(0);

    // A script line in a Kokoro voice exports as audio whose length follows the text.
    await page.getByTestId('nav-script').click();
    await page.getByTestId('script-editor').fill('Anna: The quick brown fox jumps over the lazy dog, twice, before breakfast.');
    await expect(page.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);
    await page.getByTestId('voice-picker-Anna').selectOption('kokoro:af_heart');
    await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
    const dl = page.waitForEvent('download');
    await page.getByTestId('export').click();
    await page.getByTestId('export-dialog-go').click();
    const file = join(dataDir, 'kokoro.wav');
    await (await dl).saveAs(file);
    const wav = readWav(file);
    expect(wav.sampleRate).toBe(24000);
    // The fixture speaks 600 samples (25 ms) per phoneme token: ~60 tokens → 1–4 s.
    expect(wav.durationSec).toBeGreaterThan(1);
    expect(wav.durationSec).toBeLessThan(6);
    expect(wav.rms).toBeGreaterThan(0.01);

    // Settings: measure this machine, then each quality mode shows the speed it will run at.
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('kokoro-speed-balanced')).toHaveText('not measured');
    await page.getByTestId('kokoro-measure').click();
    await expect(page.getByTestId('kokoro-speed-balanced')).toHaveText(/× real time/, { timeout: 60_000 });
    await page.locator('label', { has: page.getByTestId('kokoro-quality-fast') }).click();
    await expect(page.getByTestId('kokoro-quality-fast')).toBeChecked();
    await expect(page.getByTestId('kokoro-status')).toContainText(/CPU|loads on first use/);
    await page.screenshot({ path: test.info().outputPath('settings-kokoro.png') });
  } finally {
    await context.close();
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
