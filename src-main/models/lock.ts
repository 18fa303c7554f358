// A lock file per asset, so the app and a `koe models download` in a terminal cannot append to the
// same .part file at once (the result would fail its checksum at best). Inside one process the
// manager's job table already serializes; this covers the other processes sharing the folder.
// A lock whose process is gone (killed, crashed) is taken over.
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KoeError } from '../contract/errors';
import { removeIfPresent, writeError } from './part-file';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockAsset(path: string, label: string): Promise<() => Promise<void>> {
  await mkdir(dirname(path), { recursive: true }).catch((e) => {
    throw writeError(e, path);
  });
  for (let tries = 0; ; tries++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(String(process.pid));
      } finally {
        await fh.close();
      }
      return () => removeIfPresent(path).catch(() => {});
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(e, path);
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (tries < 2 && !(Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))) {
        await removeIfPresent(path);
        continue;
      }
      throw new KoeError('conflict', `${label} is busy in another Koe Studio process${pid > 0 ? ` (pid ${pid})` : ''}; try again when it has finished.`);
    }
  }
}
