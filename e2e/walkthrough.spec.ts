// A new creator's first session, scripted: first launch on a fresh data folder, natural voices from
// the welcome, and the sample script exported in a natural voice, in as few steps as the studio
// allows. Each step is counted (clicks and keystrokes) and printed, with a screenshot after it.
// The Kokoro model is the project's fixture graph already in the models folder (real weights cannot
// be fetched here); its voice packs and lexicons come from a model host on 127.0.0.1, as the real
// ones come from Hugging Face and GitHub.
import { test, expect, onFreshStudio } from './harness';
import type { Page } from '@playwright/test';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureServer } from '../test-support/models/host';
import { readWav } from './wav';

const FIXTURES = join(process.cwd(), 'models', 'fixtures', 'kokoro');
const MISAKI = process.env.KOE_MISAKI_DIR || join(process.cwd(), '..', 'shared', 'data', 'misaki');
const LEX_BASE = 'gh/hexgrad/misaki/fba1236595f2d2bf21d414ba6e57d25256afada3/misaki/data';
const VOICE_BASE = 'hf/onnx-community/Kokoro-82M-v1.0-ONNX/resolve/main/voices';

test.skip(!existsSync(join(FIXTURES, 'onnx', 'model.onnx')), 'run `npm run fixtures` first');
test.skip(!existsSync(MISAKI), 'needs misaki lexicons in KOE_MISAKI_DIR or ../shared/data/misaki');

test('first launch to a natural-voice export', async () => {
  const host = await FixtureServer.start();
  for (const f of readdirSync(join(FIXTURES, 'voices'))) host.serve(`${VOICE_BASE}/${f}`, readFileSync(join(FIXTURES, 'voices', f)));
  for (const f of ['us_gold.json', 'us_silver.json', 'gb_gold.json', 'gb_silver.json']) host.serve(`${LEX_BASE}/${f}`, readFileSync(join(MISAKI, f)));
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-walkthrough-'));
  const modelsDir = join(dataDir, 'models');
  mkdirSync(join(modelsDir, 'kokoro', 'onnx'), { recursive: true });
  copyFileSync(join(FIXTURES, 'onnx', 'model.onnx'), join(modelsDir, 'kokoro', 'onnx', 'model.onnx'));
  copyFileSync(join(FIXTURES, '..', 'fixtures.json'), join(modelsDir, 'fixtures.json'));
  const steps: string[] = [];
  let shot = 0;
  const snap = async (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`walkthrough-${++shot}-${name}.png`) });
  const step = async (page: Page, what: string, act: () => Promise<void>) => {
    steps.push(what);
    await act();
  };
  try {
    await onFreshStudio(dataDir, { KOE_MODELS_DIR: modelsDir, KOE_MODEL_HOST: `${host.base}hf/`, KOE_GITHUB_RAW_HOST: `${host.base}gh/` }, async (page) => {
      await expect(page.getByTestId('welcome')).toBeVisible();
      await expect(page.getByTestId('welcome')).toContainText(/One download \(\d/);
      await snap(page, 'first-launch');

      await step(page, 'click "Get natural voices" in the welcome', () => page.getByTestId('welcome-natural').click());
      await expect(page.getByTestId('welcome-natural-done')).toBeVisible({ timeout: 90_000 });
      // The open sample script speaks in a natural voice now: its speakers use the default voice.
      await expect(page.getByTestId('voice-picker-Ana').locator('option:checked')).toHaveText(/Heart — grade A · default/);
      // The grades are explained where they are shown.
      await expect(page.getByTestId('voice-picker-Ana')).toHaveAttribute('title', /A \(best\) to F/);
      await snap(page, 'natural-voices-ready');

      const dl = page.waitForEvent('download');
      await step(page, 'click Export in the top bar', () => page.getByTestId('export').click());
      await expect(page.getByTestId('export-dialog')).toBeVisible();
      await snap(page, 'export-dialog');
      await step(page, 'click Export in the dialog', () => page.getByTestId('export-dialog-go').click());
      const file = join(dataDir, 'walkthrough.wav');
      await (await dl).saveAs(file);
      await expect(page.getByTestId('export-status')).toContainText('Exported');
      await snap(page, 'exported');
      const wav = readWav(file);
      expect(wav.sampleRate).toBe(24000);
      expect(wav.durationSec).toBeGreaterThan(1);
      expect(wav.rms).toBeGreaterThan(0.01);

      // Offline afterwards: nothing more is asked of the model host.
      const requests = host.log.length;
      await page.reload();
      await expect(page.getByTestId('script-editor')).toBeVisible();
      await expect(page.getByTestId('welcome')).toHaveCount(0);
      expect(host.log.length).toBe(requests);

      console.log(`walkthrough: ${steps.length} steps (${steps.length} clicks, 0 keystrokes) from first launch to a natural-voice export:\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`);
      expect(steps.length).toBe(3);
    });
  } finally {
    host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
