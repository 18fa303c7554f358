// "Continue from the previous line" in the studio, against `koe serve` with the Pocket TTS fixture
// model and a voice cloned (by `koe clone`) from a recording the embedded engine speaks. Two lines of
// the cloned voice render with the option off; turning it on makes only the second line stale, and
// its new take sounds different from the take without context. The clip panel then renders a take
// without context to compare, and each take says whether it continued from the line before.
import { test, expect, onFreshStudio, typeScript } from './harness';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRpc, type RpcClient } from './rpc-client';

const POCKET = join(process.cwd(), 'models', 'fixtures', 'pocket');
test.skip(!existsSync(join(POCKET, 'en', 'encoder.onnx')), 'run `npm run fixtures` first');

/** The mixed audio (base64 float32) of the clip's span: what the timeline plays there. */
async function heard(rpc: RpcClient, projectId: string, page: Page, lineId: number): Promise<string> {
  const clip = page.getByTestId(`clip-${lineId}`);
  const from = Number(await clip.getAttribute('data-start'));
  const samples = Number(await clip.getAttribute('data-samples'));
  const mix = await rpc.call('timeline.mixWindow', { projectId, fromSample: from, toSample: from + samples });
  expect(mix.missing).toEqual([]);
  return mix.pcm as string;
}

test('a cloned voice continues from its previous line: only the next line changes, and takes compare', async () => {
  test.setTimeout(180_000);
  const root = mkdtempSync(join(tmpdir(), 'koe-e2e-context-'));
  const modelsDir = join(root, 'models');
  const dataDir = join(root, 'data');
  cpSync(POCKET, join(modelsDir, 'pocket'), { recursive: true });
  const env = { ...process.env, KOE_MODELS_DIR: modelsDir } as Record<string, string>;
  // About eight seconds of speech from the embedded engine, cloned by the CLI into the studio's library.
  const speech = join(root, 'me.wav');
  writeFileSync(`${speech}.txt`, 'Every morning I walk to the bakery and buy fresh bread. Would you like some coffee, or a cup of tea?');
  execFileSync(process.execPath, ['bin/koe.js', 'render', `${speech}.txt`, '--out', speech, '--data-dir', join(root, 'render-data'), '--bit-depth', '16'], { stdio: 'pipe' });
  const cloned = execFileSync(process.execPath, ['bin/koe.js', 'clone', speech, '--name', 'Mara', '--consent', 'This is my own voice.', '--who', 'Mara', '--accept-warnings', '--data-dir', dataDir], { env, encoding: 'utf8' });
  const voiceId = /pocket:\S+/.exec(cloned)![0];
  try {
    await onFreshStudio(dataDir, { KOE_MODELS_DIR: modelsDir }, async (page) => {
      // The page moved its token from the URL into its storage; the spec's own client uses the same.
      const token = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('koe.token'));
      const rpc = await connectRpc(new URL(page.url()).origin, token!);
      try {
        if (await page.getByTestId('welcome').isVisible()) await page.getByTestId('welcome-later').click();
        await typeScript(page, 'Mara: The first line sets the scene.\nMara: And the second line carries on from it.');
        await page.getByTestId('voice-picker-Mara').selectOption(voiceId);
        await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
        const projectId = ((await rpc.call('projects.list', {})) as { id: string }[])[0]!.id;

        await page.getByTestId('nav-timeline').click();
        await page.getByTestId('tl-gaps').click();
        await expect(page.getByTestId('tl-context')).toHaveValue('off');
        await page.getByTestId('tl-gaps').click();
        await page.getByTestId('render-all').click();
        const clips = page.getByTestId('lane-Mara').locator('.tl-clip');
        await expect(clips.and(page.locator('[data-state="ready"]'))).toHaveCount(2, { timeout: 60_000 });
        const [first, second] = await Promise.all([0, 1].map(async (i) => Number((await clips.nth(i).getAttribute('data-testid'))!.slice('clip-'.length))));
        const firstOff = await heard(rpc, projectId, page, first!);
        const secondOff = await heard(rpc, projectId, page, second!);

        // On (in the Gaps popover): the second line continues from the first, so only it is stale.
        await page.getByTestId('tl-gaps').click();
        await page.getByTestId('tl-context').selectOption('own');
        await expect(page.getByTestId('tl-context')).toHaveValue('own');
        await expect(page.getByTestId(`clip-${second}`)).toHaveAttribute('data-state', 'stale');
        await page.screenshot({ path: test.info().outputPath('context-0-gaps.png') });
        await page.getByTestId('tl-gaps').click();
        await expect(page.getByTestId(`clip-${second}`)).toHaveAttribute('data-state', 'stale');
        await expect(page.getByTestId(`clip-${first}`)).toHaveAttribute('data-state', 'ready');
        await page.getByTestId('render-all').click();
        await expect(page.getByTestId(`clip-${second}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
        expect(await heard(rpc, projectId, page, first!)).toBe(firstOff);
        const secondOn = await heard(rpc, projectId, page, second!);
        expect(secondOn).not.toBe(secondOff);
        await page.screenshot({ path: test.info().outputPath('context-1-timeline.png') });

        // Compare: a take without context, beside the one that continues.
        await page.getByTestId(`clip-${second}`).click();
        const panel = page.getByTestId('clip-panel');
        await expect(panel.locator('.tl-take-context', { hasText: 'continues' })).toHaveCount(1);
        await page.getByTestId('rerender-no-context').click();
        await expect(page.getByTestId('take-list').locator('li')).toHaveCount(3, { timeout: 60_000 });
        await expect(panel.locator('.tl-take-context', { hasText: 'alone' })).toHaveCount(2);
        await expect(page.getByTestId(`clip-${second}`)).toHaveAttribute('data-state', 'stale');
        expect(await heard(rpc, projectId, page, second!)).toBe(secondOff);
        await panel.screenshot({ path: test.info().outputPath('context-2-takes.png') });
        // Back to the take that continues: current again, and heard as before.
        await panel.locator('.tl-take', { has: page.locator('.tl-take-context', { hasText: 'continues' }) }).click();
        await expect(page.getByTestId(`clip-${second}`)).toHaveAttribute('data-state', 'ready');
        expect(await heard(rpc, projectId, page, second!)).toBe(secondOn);
      } finally {
        rpc.close();
      }
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
