// The library is the user's alone: created 0600 (its -wal and -shm follow) in a folder made 0700.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Core } from '../core/core';

const root = mkdtempSync(join(tmpdir(), 'koe-modes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('library file modes', () => {
  it('creates the data folder 0700 and the library files 0600', async () => {
    const dataDir = join(root, 'data');
    const core = await Core.create({ dataDir, modelsDir: join(root, 'models'), face: { kind: 'cli' } });
    try {
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      for (const f of ['library.db', 'library.db-wal', 'library.db-shm']) expect(statSync(join(dataDir, f)).mode & 0o777, f).toBe(0o600);
    } finally {
      await core.close();
    }
  });
});
