// A library whose write-ahead log is damaged between two runs (the process killed with saves still
// in the log, then the log's header overwritten): the server starts, the studio says what was
// recovered and where the damaged log was kept, and the damaged log is there on disk.
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, startServe } from './harness';
import { connectRpc } from './rpc-client';

test('a damaged write-ahead log is told in the studio and kept aside', async ({ browserInstance }, testInfo) => {
  test.skip(!browserInstance, 'server face only');
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-wal-e2e-'));
  try {
    // A save that reaches the library file (a clean stop checkpoints the log).
    let served = await startServe(dataDir);
    let u = new URL(served.url);
    let rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
    await rpc.call('projects.create', { name: 'Checkpointed', script: 'Ana: safe' });
    rpc.close();
    served.proc.kill('SIGTERM');
    await new Promise((r) => served.proc.once('exit', r));

    // A save that is still in the log when the process dies.
    served = await startServe(dataDir);
    u = new URL(served.url);
    rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
    await rpc.call('projects.create', { name: 'In the log', script: 'Ben: recent' });
    rpc.close();
    served.proc.kill('SIGKILL');
    await new Promise((r) => served.proc.once('exit', r));
    const walPath = join(dataDir, 'library.db-wal');
    const wal = readFileSync(walPath);
    expect(wal.byteLength).toBeGreaterThan(32);
    wal.fill(0x5a, 0, 8);
    writeFileSync(walPath, wal);

    served = await startServe(dataDir);
    const context = await browserInstance!.newContext();
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(served.url);
    const banner = page.getByTestId('recovery-banner');
    await expect(banner).toContainText('The library was recovered.');
    await expect(banner).toContainText(/write-ahead log was damaged .*none of the saves it held could be recovered/);
    await expect(banner).toContainText('library.db-wal.damaged-');
    await page.screenshot({ path: testInfo.outputPath('recovery-banner.png') });
    const aside = readdirSync(dataDir).filter((f) => f.startsWith('library.db-wal.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0]!)).equals(wal)).toBe(true);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toHaveCount(0);
    await context.close();
    served.proc.kill('SIGTERM');
    await new Promise((r) => served.proc.once('exit', r));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
