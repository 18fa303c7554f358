// The timeline says what a voice could not read: a Mandarin line with a character the reader has no
// reading for renders (the rest speaks) and its clip shows "⚠ 1 part skipped", with the warning in
// the clip panel. The project's fixture Kokoro model and packs stand in for the real ones; the
// Mandarin reader (jieba, pinyin-pro) is the real one.
import { chromium, type Browser } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, startServe, CHROMIUM, CHROMIUM_ARGS } from './harness';
import { connectRpc } from './rpc-client';

const FIXTURES = join(process.cwd(), 'models', 'fixtures');
test.skip(!existsSync(join(FIXTURES, 'kokoro', 'onnx', 'model.onnx')), 'run `npm run fixtures` first');

let browser: Browser;
test.beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
test.afterAll(async () => {
  await browser?.close();
});

test('a clip names the character its Mandarin voice skipped', async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-reading-e2e-'));
  const { proc, url } = await startServe(dataDir, [], { KOE_MODELS_DIR: FIXTURES });
  const u = new URL(url);
  const rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
  const context = await browser.newContext();
  try {
    // U+2A6A5 has no reading in pinyin-pro's dictionary.
    const project = await rpc.call('projects.create', { name: 'Rare characters', script: 'Li: 你好。\nLi: 他写了\u{2A6A5}字。\n' });
    await rpc.call('projects.save', { id: project.id, revision: project.revision, speakers: [{ name: 'Li', voiceId: 'kokoro:zf_xiaobei' }] });

    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('project-list').getByRole('button', { name: /^Rare characters/ }).click();
    await page.getByTestId('nav-timeline').click();
    await page.getByTestId('render-all').click();
    const clips = page.locator('.tl-clip');
    await expect(clips).toHaveCount(2);
    await expect(clips.nth(0)).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
    await expect(clips.nth(1)).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
    const warning = page.locator('[data-testid^="clip-warning-"]');
    await expect(warning).toHaveCount(1);
    await expect(warning).toHaveText('⚠ 1 part skipped');
    await clips.nth(1).click();
    await expect(page.getByTestId('clip-panel-warnings')).toHaveText('Mandarin: no reading is known for “\u{2A6A5}” in “他写了\u{2A6A5}字。”; it is skipped.');
    await page.screenshot({ path: test.info().outputPath('timeline-reading-warning.png') });
  } finally {
    rpc.close();
    await context.close();
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
