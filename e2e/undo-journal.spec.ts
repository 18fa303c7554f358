// One undo history for the script and the timeline: type in the script, move a clip on the
// timeline, then Ctrl+Z twice from the editor takes back the move and then the typing (the most
// recent change first, wherever it was made), and redo puts them back in order. The Edit menu names
// what it would undo; typing after an undo clears the redo of both sides.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, onFreshStudio, editorText, expectEditorText, setEditorCaret } from './harness';
import { connectRpc, type RpcClient } from './rpc-client';

const startOf = async (clip: Locator): Promise<number> => Number(await clip.getAttribute('data-start'));

/** Ben's first clip as the core has it (read over the API while the script screen is shown). */
async function benClip(rpc: RpcClient, projectId: string): Promise<{ startSample: number; manual: boolean; gainDb: number }> {
  const view = (await rpc.call('timeline.get', { projectId })) as { clips: { speaker: string; startSample: number; manual: boolean; gainDb: number }[] };
  return view.clips.find((c) => c.speaker === 'Ben')!;
}

async function editLabels(page: Page): Promise<{ undo: string; redo: string; redoEnabled: boolean }> {
  await page.getByTestId('edit-menu').click();
  const undo = (await page.getByTestId('edit-undo').locator('span').first().textContent()) ?? '';
  const redo = (await page.getByTestId('edit-redo').locator('span').first().textContent()) ?? '';
  const redoEnabled = await page.getByTestId('edit-redo').isEnabled();
  await page.keyboard.press('Escape');
  return { undo, redo, redoEnabled };
}

test('Ctrl+Z from the editor undoes a timeline move and then typing, in that order; redo re-applies both', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-undo-'));
  try {
    await onFreshStudio(dataDir, {}, async (page) => {
      await page.getByTestId('welcome-later').click();
      // The page moved its token out of the URL into its local storage.
      const token = (await page.evaluate("localStorage.getItem('koe.token')")) as string;
      const rpc = await connectRpc(new URL(page.url()).origin, token);
      try {
        const projectId = ((await rpc.call('projects.list', {})) as { id: string }[])[0]!.id;
        const original = (await editorText(page))!;
        await expect(page.getByTestId('edit-menu')).toBeVisible();

        // 1. Typing in the script.
        const at = original.indexOf('Did you hear that?') + 'Did you hear that?'.length;
        await setEditorCaret(page, at);
        await page.keyboard.type(' Hello there.');
        const typed = original.slice(0, at) + ' Hello there.' + original.slice(at);
        await expectEditorText(page, typed);
        await expect(page.getByTestId('save-status')).toHaveText(/Saved/);

        // 2. Moving Ben's clip on the timeline.
        await page.getByTestId('nav-timeline').click();
        const ben = page.getByTestId('lane-Ben').locator('.tl-clip').first();
        await expect(ben).toBeVisible();
        const laidOut = await startOf(ben);
        const box = (await ben.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width / 2 + 240, box.y + box.height / 2, { steps: 12 });
        await page.mouse.up();
        await expect.poll(() => startOf(ben)).toBeGreaterThan(laidOut);
        const moved = await startOf(ben);
        await expect(page.getByTestId('tl-undo')).toHaveAttribute('title', 'Undo Move clip (Ctrl+Z)');

        // The Edit menu names the most recent change, made on the timeline.
        await page.getByTestId('nav-script').click();
        expect(await editLabels(page)).toEqual({ undo: 'Undo Move clip', redo: 'Redo', redoEnabled: false });
        await page.getByTestId('edit-menu').click();
        await expect(page.getByTestId('edit-undo')).toBeFocused();
        await page.screenshot({ path: test.info().outputPath('edit-menu.png'), clip: { x: 0, y: 0, width: 760, height: 240 } });
        await page.keyboard.press('Escape');

        // 3. Ctrl+Z twice from the editor: the move first (the text stays), then the typing.
        await setEditorCaret(page, 0);
        await page.keyboard.press('Control+z');
        await expect.poll(async () => (await benClip(rpc, projectId)).startSample).toBe(laidOut);
        expect((await benClip(rpc, projectId)).manual).toBe(false);
        expect(await editorText(page)).toBe(typed);
        expect(await editLabels(page)).toEqual({ undo: 'Undo Typing', redo: 'Redo Move clip', redoEnabled: true });
        await setEditorCaret(page, 0);
        await page.keyboard.press('Control+z');
        await expectEditorText(page, original);
        expect((await benClip(rpc, projectId)).startSample).toBe(laidOut);

        // Redo re-applies them in order: the typing, then the move.
        await page.keyboard.press('Control+Shift+z');
        await expectEditorText(page, typed);
        expect((await benClip(rpc, projectId)).startSample).toBe(laidOut);
        await page.keyboard.press('Control+Shift+z');
        await expect.poll(async () => (await benClip(rpc, projectId)).startSample).toBe(moved);
        expect(await editorText(page)).toBe(typed);
        await page.getByTestId('nav-timeline').click();
        await expect.poll(() => startOf(ben)).toBe(moved);

        // 4. A gain change, undone from the timeline's own button; typing then clears the redo of both.
        await ben.click();
        await page.getByTestId('clip-gain').fill('-6');
        await page.getByTestId('clip-gain').press('Enter');
        await expect(ben.locator('.tl-clip-gain')).toHaveText('-6 dB');
        await page.getByTestId('tl-undo').click();
        await expect(ben.locator('.tl-clip-gain')).toHaveCount(0);
        await expect(page.getByTestId('tl-redo')).toHaveAttribute('title', 'Redo Clip gain (Shift+Ctrl+Z)');
        await page.getByTestId('nav-script').click();
        await setEditorCaret(page, typed.length);
        await page.keyboard.type('!');
        expect(await editLabels(page)).toEqual({ undo: 'Undo Typing', redo: 'Redo', redoEnabled: false });
        await setEditorCaret(page, 0);
        await page.keyboard.press('Control+Shift+z');
        await expectEditorText(page, `${typed}!`);
        expect((await benClip(rpc, projectId)).gainDb).toBe(0);
      } finally {
        rpc.close();
      }
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
