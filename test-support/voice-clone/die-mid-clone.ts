// The work of die-mid-clone.mjs (test-only).
import { join } from 'node:path';
import { encodeWav } from '../../src-main/audio/wav';
import { InProcessEncoder } from '../../src-main/engines/pocket/encoder';
import { openLibrary } from '../../src-main/library/db';
import { DEFAULT_CONSENT_STATEMENT } from '../../src-main/voice-clone/consent';
import { CloneService } from '../../src-main/voice-clone/service';
import { speechLike } from './signals';

export async function dieMidClone(dataDir: string, modelsDir: string): Promise<void> {
  const library = openLibrary(join(dataDir, 'library.db'));
  const clones = new CloneService({
    db: library.db,
    modelsDir,
    clonesDir: join(dataDir, 'voices', 'clones'),
    encoder: (language) => new InProcessEncoder({ modelsDir, language, threads: 1 }),
    hooks: { beforeCommit: () => void process.kill(process.pid, 'SIGKILL') },
  });
  const bytes = encodeWav(speechLike(9, 24_000), { sampleRate: 24_000, bitDepth: 16 });
  await clones.create({ source: { kind: 'bytes', bytes }, name: 'Doomed', consent: { statement: DEFAULT_CONSENT_STATEMENT, accepted: true, who: 'Ana' } });
  process.stdout.write('survived\n');
}
