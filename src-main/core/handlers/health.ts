// `app.health` (and `koe doctor`): is this installation able to work, and if not, what to do. Each
// check says ok, warn (works with less), fail (something a user must fix) or info, with the figure
// it read, so a support question can start from one pasted report.
import { randomUUID } from 'node:crypto';
import { statfs, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handlers } from '../../contract/dispatch';
import type { HealthCheck } from '../../contract/schemas';
import { onnxRuntime } from '../../engines/onnx/ort';
import { cudaProviderInstalled } from '../../engines/onnx/providers';
import { describeSelfTest } from '../model-self-test';
import type { Services } from '../services';

const MIN_NODE: [number, number] = [20, 19];
const LOW_DISK_BYTES = 2 * 1024 ** 3;

export function createHealthHandlers(s: Pick<Services, 'library' | 'models' | 'info' | 'selfTests'>): Pick<Handlers, 'app.health'> {
  return {
    'app.health': async () => {
      const checks: HealthCheck[] = [nodeCheck(), libraryCheck(s), await dataFolderCheck(s.info().dataDir), await onnxCheck()];
      const models = await s.models.list();
      for (const a of models.assets) {
        if (a.state === 'installed') {
          checks.push({ id: `model:${a.id}`, label: a.title, status: 'ok', detail: `installed, ${a.installedFiles} file${a.installedFiles === 1 ? '' : 's'} verified` });
          // The same test a download or import ends with: does it speak?
          const test = s.selfTests.has(a.id) ? await s.selfTests.run(a.id) : null;
          if (test) checks.push({ id: `selftest:${a.id}`, label: `${a.title} self-test`, status: test.status === 'passed' ? 'ok' : test.status === 'failed' ? 'fail' : 'info', detail: describeSelfTest(test) });
        }
        else if (a.state === 'corrupt' || a.state === 'unverified') checks.push({ id: `model:${a.id}`, label: a.title, status: 'fail', detail: `${a.problem ?? 'failed verification'}; download it again (koe models download ${a.id})` });
        else if (a.state === 'partial') checks.push({ id: `model:${a.id}`, label: a.title, status: 'warn', detail: `partly downloaded (${a.installedFiles} of ${a.fileCount} files); rerun koe models download ${a.id} to finish` });
      }
      if (!models.assets.some((a) => a.state === 'installed')) checks.push({ id: 'models', label: 'Models', status: 'info', detail: `none installed; speech uses the embedded engine (recommended: koe models download ${models.recommended.id})` });
      for (const e of s.info().engines) checks.push({ id: `engine:${e.id}`, label: e.name, status: e.ready ? 'ok' : 'info', detail: e.detail });
      return { checks };
    },
  };
}

function nodeCheck(): HealthCheck {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return { id: 'node', label: 'Node.js', status: ok ? 'ok' : 'fail', detail: ok ? `${process.versions.node} (${process.platform}/${process.arch})` : `${process.versions.node}; Koe Studio needs ${MIN_NODE.join('.')} or newer` };
}

function libraryCheck(s: Pick<Services, 'library'>): HealthCheck {
  const db = s.library.db;
  try {
    const sqlite = db.prepare('SELECT sqlite_version()').pluck().get() as string;
    const quick = db.pragma('quick_check', { simple: true }) as string;
    const wal = String(db.pragma('journal_mode', { simple: true }));
    if (quick !== 'ok') return { id: 'library', label: 'Library', status: 'fail', detail: `${s.library.path} is damaged (${quick}); restore it from a backup` };
    // The library opened, but its log was damaged: the most recent saves may be missing.
    if (s.library.walRecovery) return { id: 'library', label: 'Library', status: 'warn', detail: s.library.walRecovery.message };
    return { id: 'library', label: 'Library', status: wal === 'wal' || db.memory ? 'ok' : 'warn', detail: `${s.library.path}, schema ${s.library.schemaVersion}, SQLite ${sqlite}, journal ${wal}, better-sqlite3 loaded` };
  } catch (e) {
    return { id: 'library', label: 'Library', status: 'fail', detail: `cannot read ${s.library.path}: ${(e as Error).message}` };
  }
}

async function dataFolderCheck(dataDir: string): Promise<HealthCheck> {
  const probe = join(dataDir, `.koe-doctor-${randomUUID()}`);
  try {
    await writeFile(probe, 'ok');
    await unlink(probe);
  } catch (e) {
    return { id: 'data', label: 'Data folder', status: 'fail', detail: `${dataDir} is not writable: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  try {
    const fs = await statfs(dataDir);
    const free = fs.bavail * fs.bsize;
    const text = `${dataDir}, ${(free / 1024 ** 3).toFixed(1)} GiB free`;
    return { id: 'data', label: 'Data folder', status: free < LOW_DISK_BYTES ? 'warn' : 'ok', detail: free < LOW_DISK_BYTES ? `${text}; long exports and models need more` : text };
  } catch {
    return { id: 'data', label: 'Data folder', status: 'ok', detail: `${dataDir} (free space unknown)` };
  }
}

async function onnxCheck(): Promise<HealthCheck> {
  try {
    const ort = await onnxRuntime();
    const backends = ort.supportedBackends();
    const cuda = process.platform === 'linux' && process.arch === 'x64' ? (cudaProviderInstalled() ? '; CUDA provider files present' : '; CUDA provider files not installed (CPU only)') : '';
    return { id: 'onnxruntime', label: 'ONNX Runtime', status: 'ok', detail: `loaded; providers: ${backends.join(', ')}${cuda}` };
  } catch (e) {
    return { id: 'onnxruntime', label: 'ONNX Runtime', status: 'warn', detail: `onnxruntime-node did not load (${(e as Error).message.split('\n')[0]}); Kokoro and Pocket TTS cannot run, the embedded engine still speaks` };
  }
}
