// Importing a model file from the browser: the page cannot name a path on the core's disk, so the
// file streams to the core (PUT /upload) and is imported from there like a file on disk, checked
// against its published checksum; the upload is gone afterwards, and a file that is not what its
// name claims is refused with nothing installed.
import { test, expect, startServe, CHROMIUM, CHROMIUM_ARGS } from './harness';
import { chromium, type Browser } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACK = join(process.cwd(), 'models', 'fixtures', 'kokoro', 'voices', 'af_heart.bin');

test.skip(!existsSync(PACK), 'run `npm run fixtures` first');

let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
test.afterAll(async () => browser?.close());

test('a voice pack chosen in the browser uploads, verifies and installs; a fake one is refused', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-import-e2e-'));
  const modelsDir = join(dataDir, 'models');
  const { proc, url } = await startServe(dataDir, [], { KOE_MODELS_DIR: modelsDir });
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.getByTestId('script-editor').waitFor();
    await page.getByTestId('nav-models').click();

    // Not a voice pack: right name, wrong bytes.
    const fake = join(dataDir, 'af_bella.bin');
    writeFileSync(fake, Buffer.alloc(1000, 7));
    let chooser = page.waitForEvent('filechooser');
    await page.getByTestId('model-import-choose').click();
    await (await chooser).setFiles(fake);
    await expect(page.getByTestId('model-import-message')).toHaveClass(/form-error/);
    await expect(page.getByTestId('model-import-message')).not.toBeEmpty();
    expect(existsSync(join(modelsDir, 'kokoro', 'voices', 'af_bella.bin'))).toBe(false);

    chooser = page.waitForEvent('filechooser');
    await page.getByTestId('model-import-choose').click();
    await (await chooser).setFiles(PACK);
    await expect(page.getByTestId('model-import-message')).toContainText('Imported');
    await page.getByTestId('model-import-message').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('models-import.png') });
    expect(existsSync(join(modelsDir, 'kokoro', 'voices', 'af_heart.bin'))).toBe(true);
    // The page discarded both uploads once the core had them.
    await expect.poll(() => readdirSync(join(dataDir, 'uploads'))).toEqual([]);
  } finally {
    await page.close();
    proc.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
