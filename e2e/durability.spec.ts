// Nothing typed is lost when the process dies. The server is killed with SIGKILL while saves are in
// flight; on restart the library opens, the project holds one complete saved version (never a torn
// mix of two), and every save the client saw acknowledged is there. Also: two windows editing the
// same project get a conflict rather than silently overwriting each other.
import { test, expect, expectEditorText, replaceEditorText } from './harness';
import { startServe } from './harness';
import { connectRpc } from './rpc-client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function version(n: number): string {
  // Each version is long and distinct all the way through, so a torn write would be visible.
  return Array.from({ length: 200 }, (_, i) => `Speaker${i % 3}: version ${n} line ${i} ${'x'.repeat(n % 50)}`).join('\n');
}

test('SIGKILL during saves leaves the last acknowledged version, whole', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-kill-'));
  try {
    for (const killAfterMs of [30, 120, 400]) {
      const { proc, url } = await startServe(dataDir);
      const u = new URL(url);
      const rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
      const existing = (await rpc.call('projects.list', {})) as { id: string }[];
      const project = existing[0]
        ? await rpc.call('projects.get', { id: existing[0].id })
        : await rpc.call('projects.create', { name: 'Durable', script: version(0) });
      let revision: number = project.revision;
      let acknowledged = project.script as string;
      const sent = new Set<string>([acknowledged]);
      let stop = false;
      const saver = (async () => {
        for (let n = 1; !stop; n++) {
          const script = version(n + killAfterMs);
          sent.add(script);
          try {
            const saved = await rpc.call('projects.save', { id: project.id, revision, script });
            revision = saved.revision;
            acknowledged = script;
          } catch {
            return; // the connection died with the process
          }
        }
      })();
      await new Promise((r) => setTimeout(r, killAfterMs));
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
      stop = true;
      await saver;
      rpc.close();

      const again = await startServe(dataDir);
      const u2 = new URL(again.url);
      const rpc2 = await connectRpc(u2.origin, u2.searchParams.get('token')!);
      const reopened = await rpc2.call('projects.get', { id: project.id });
      expect(sent.has(reopened.script)).toBe(true); // one whole version, never torn
      expect(reopened.revision).toBeGreaterThanOrEqual(revision); // nothing acknowledged was lost
      if (reopened.revision === revision) expect(reopened.script).toBe(acknowledged);
      rpc2.close();
      again.proc.kill('SIGTERM');
      await new Promise((r) => again.proc.once('exit', r));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a window with nothing unsaved follows a save made in another window', async ({ studio }) => {
  const { page } = studio;
  await replaceEditorText(page, 'Anna: First window text.');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);
  const other = await page.context().newPage();
  await other.goto(page.url()); // no token in the address bar: the tab finds it in storage
  await expectEditorText(other, 'Anna: First window text.');
  await replaceEditorText(other, 'Ben: Second window text.');
  await expect(other.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);
  await expectEditorText(page, 'Ben: Second window text.');
  await other.close();
});

test('two windows editing at once: the stale save is refused as a conflict and nothing is lost', async ({ studio }) => {
  const { page } = studio;
  await replaceEditorText(page, 'Anna: Shared text.');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);

  // Window B never hears that A saved (a late or lost event), so its next save is on a stale revision.
  const b = await page.context().newPage();
  await b.routeWebSocket(/\/rpc/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((m) => {
      if (typeof m === 'string' && m.includes('"project.saved"')) return;
      ws.send(m);
    });
  });
  await b.goto(page.url());
  await expectEditorText(b, 'Anna: Shared text.');

  await replaceEditorText(page, 'Anna: Window A changed this.');
  await expect(page.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);
  await replaceEditorText(b, 'Ben: Window B typed this meanwhile.');
  await expect(b.getByTestId('save-status')).toHaveText(/changed in another window/);
  await expectEditorText(b, 'Ben: Window B typed this meanwhile.'); // still on screen
  await expectEditorText(page, 'Anna: Window A changed this.'); // A's save stands

  // Reload shows A's text and offers B's typing back instead of dropping it.
  await b.getByTestId('conflict-reload').click();
  await expectEditorText(b, 'Anna: Window A changed this.');
  await expect(b.getByTestId('draft-banner')).toBeVisible();
  await b.close();
});
