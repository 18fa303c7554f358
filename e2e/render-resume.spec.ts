// A long render survives the process dying: lines are queued and paused, the server is killed with
// SIGKILL, and on the next start the studio shows the job still paused where it was. Resume in the
// toolbar renders only the lines still owed (no line ends up with two takes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, expect, startServe, test } from './harness';
import { connectRpc } from './rpc-client';

const LINES = 60;
const script = Array.from({ length: LINES }, (_, i) => `${['Anna', 'Ben', 'Cara'][i % 3]}: This is line number ${i + 1} of the long chapter.`).join('\n');

test('a paused render comes back after SIGKILL, and Resume finishes only what was owed', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-resume-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const first = await startServe(dataDir);
    const u1 = new URL(first.url);
    const rpc1 = await connectRpc(u1.origin, u1.searchParams.get('token')!);
    const project = await rpc1.call('projects.create', { name: 'Long chapter', script });
    // Queue and pause at once: only the lines the engine took before the pause render.
    await rpc1.call('timeline.render', { projectId: project.id });
    expect(await rpc1.call('timeline.pauseRender', { projectId: project.id })).toEqual({ paused: true });
    let status = await rpc1.call('timeline.renderStatus', { projectId: project.id });
    // Wait for the lines already running to finish; nothing more starts.
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const s = await rpc1.call('timeline.renderStatus', { projectId: project.id });
      if (s.done === status.done && i > 10) break;
      status = s;
    }
    expect(status).toMatchObject({ paused: true, total: LINES });
    expect(status.done).toBeLessThan(LINES);
    const doneBefore: number = status.done;
    rpc1.close();
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));

    const second = await startServe(dataDir);
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(second.url);
      await page.getByTestId('nav-timeline').click();
      await expect(page.getByTestId('timeline')).toBeVisible();
      // The restored job is the lines still owed.
      await expect(page.locator('.tl-progress-text')).toContainText(`Paused at 0 of ${LINES - doneBefore}`);
      await expect(page.getByTestId('render-pause')).toHaveText('Resume');
      await page.screenshot({ path: 'test-results/render-paused-after-restart.png' });
      await page.getByTestId('render-pause').click();
      await expect(page.getByTestId('render-all')).toBeVisible({ timeout: 120_000 });
      await expect(page.locator('.tl-clip[data-state="missing"], .tl-clip[data-state="stale"]')).toHaveCount(0);

      const u2 = new URL(second.url);
      const rpc2 = await connectRpc(u2.origin, u2.searchParams.get('token')!);
      const view = await rpc2.call('timeline.get', { projectId: project.id });
      expect(view.clips).toHaveLength(LINES);
      expect(view.clips.every((c: { status: string; takeCount: number }) => c.status === 'ready' && c.takeCount === 1)).toBe(true);
      expect(await rpc2.call('timeline.renderStatus', { projectId: project.id })).toBeNull();
      rpc2.close();
    } finally {
      second.proc.kill('SIGTERM');
      await new Promise((r) => second.proc.once('exit', r));
    }
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
