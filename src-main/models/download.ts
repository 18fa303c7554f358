// Downloads one file over HTTP(S) into "<dest>.part", resuming with a Range request after a cut,
// a stall, a cancel or a restart of the app; verifies it (sha256, or exact size plus a test load);
// and only then renames it over <dest>. So a half-downloaded or wrong file never has the final
// name, and whatever was installed before stays usable until the new file is proven good.
//
// A file whose size the catalog does not know takes it from the host: the Content-Length of a 200,
// the total of a 206's Content-Range, or the total of a 416 answering a resume of a part that is
// already whole. A response that states no size is refused (a cut could not be told from the end),
// a body that ends short of the stated size is resumed like any cut, and the file still needs its
// checksum or test load. Within one call a changed total means the host's file changed: start over.
//
// Built on the runtime's fetch (undici): it follows the model host's redirects to its CDN, streams
// the body with back-pressure and takes an AbortSignal, which is all this needs from an HTTP client.
import { createHash, type Hash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { KoeError } from '../contract/errors';
import { VERSION } from '../lib/version';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, type RetryPolicy } from './backoff';
import { commitFile, hashFile, openPartFile, PART_SUFFIX, removeIfPresent, sizeOf, WriteFailure, writeError, type OpenPart, type PartFile } from './part-file';

export type FilePhase = 'checking' | 'connecting' | 'downloading' | 'retrying' | 'verifying';

export interface FileProgress {
  phase: FilePhase;
  bytes: number;
  total: number;
  /** While `retrying`: how long until the next try. */
  retryInMs?: number;
}

export type VerifyHook = (candidatePath: string) => Promise<void>;

export interface DownloadRequest {
  url: string;
  /** Final absolute path; its folder is created if needed. */
  dest: string;
  /**
   * Exact expected size: a different size is refused before the body is read. Null when unknown:
   * the host's stated size is used instead (see the module comment), up to `maxBytes`.
   */
  bytes: number | null;
  /** With `bytes` null: the most the host may announce before the file is refused as another one. */
  maxBytes?: number;
  /** With `bytes` null: the estimate progress reports as its total until the host states the size. */
  approxBytes?: number;
  sha256: string | null;
  /**
   * Test load for files without a published checksum. Called with the complete, size-checked
   * candidate (still under its .part name); it throws to reject the file.
   */
  verify?: VerifyHook;
  signal?: AbortSignal;
  onProgress?: (p: FileProgress) => void;
  retry?: Partial<RetryPolicy>;
  openPart?: OpenPart;
  /** A connection that sends nothing for this long is dropped and retried (default 30 s). */
  idleTimeoutMs?: number;
  /** Names the file in messages, e.g. "Kokoro-82M v1.0 (fp32)". */
  label?: string;
}

export interface DownloadedFile {
  path: string;
  bytes: number;
  sha256: string;
  verifiedBy: 'sha256' | 'size+check';
}

/** A failure worth another try: the network, the server's 5xx, a cut or a stall. */
class Retryable extends Error {
  constructor(
    message: string,
    readonly progressed: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

interface State {
  have: number;
  /** The exact size: the catalog's, or the host's once a response stated it; null until then. */
  total: number | null;
  hash: Hash;
  /** Restarts from zero after a 416 or a misplaced 206; bounded so a broken server cannot loop us. */
  restarts: number;
}

export function cancelledError(label: string): KoeError {
  return new KoeError('cancelled', `Download of ${label} cancelled; the partial file is kept so it can resume.`);
}

export async function downloadFile(req: DownloadRequest): Promise<DownloadedFile> {
  // Without a size, only content can vouch for the file; never trust the host's word alone.
  if (req.bytes === null && !req.sha256 && !req.verify) throw new Error(`downloadFile: ${req.dest} has no known size, so it needs a checksum or a test load`);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...req.retry };
  const label = req.label ?? basename(req.dest);
  const part = req.dest + PART_SUFFIX;
  const state: State = { have: 0, total: req.bytes, hash: createHash('sha256'), restarts: 0 };
  const report = (phase: FilePhase, bytes: number, extra: Partial<FileProgress> = {}) => req.onProgress?.({ phase, bytes, total: state.total ?? req.approxBytes ?? 0, ...extra });
  const limit = req.bytes ?? req.maxBytes ?? Number.MAX_SAFE_INTEGER;
  let hashedBytes = -1;
  let failures = 0;
  for (;;) {
    if (req.signal?.aborted) throw cancelledError(label);
    state.have = (await sizeOf(part)) ?? 0;
    if (state.have > (state.total ?? limit)) {
      await removeIfPresent(part);
      state.have = 0;
    }
    // Resuming: the bytes already on disk must be hashed too. Within one call the running hash is
    // reused; after a restart of the app, or if a failed write left extra bytes, it is rebuilt.
    if (hashedBytes !== state.have) {
      state.hash = createHash('sha256');
      if (state.have > 0) {
        report('checking', 0);
        try {
          state.have = (await hashFile(part, state.hash, req.signal)).bytes;
        } catch (e) {
          if (req.signal?.aborted) throw cancelledError(label);
          throw e;
        }
      }
      hashedBytes = state.have;
    }
    if (state.have === state.total) break;

    const before = state.have;
    try {
      const outcome = await fetchInto(req, part, state, label, limit, (bytes) => report('downloading', bytes), () => report('connecting', state.have));
      hashedBytes = state.have;
      if (outcome === 'restart' || state.have === state.total) continue;
      // The body ended cleanly but short (no Content-Length to tell undici it was cut).
      throw new Retryable(`the connection closed after ${state.have.toLocaleString('en')} of ${(state.total ?? 0).toLocaleString('en')} bytes`, state.have > before);
    } catch (e) {
      if (req.signal?.aborted) throw cancelledError(label);
      if (!(e instanceof Retryable)) throw e;
      // Network failures happen between writes, so the running hash still matches the file.
      hashedBytes = state.have;
      failures = e.progressed ? 1 : failures + 1;
      if (failures >= policy.attempts) {
        throw new KoeError('io', `Could not download ${label}: ${e.message} (${failures} tries in a row). Check the connection or the model host and try again; the download resumes where it stopped.`);
      }
      const delay = backoffDelay(policy, failures, e.retryAfterMs);
      report('retrying', state.have, { retryInMs: Math.round(delay) });
      try {
        await policy.sleep(delay, req.signal);
      } catch {
        throw cancelledError(label);
      }
    }
  }

  report('verifying', state.have);
  const sha256 = state.hash.digest('hex');
  if (req.sha256 && sha256 !== req.sha256) {
    await removeIfPresent(part);
    throw new KoeError('io', `${label} failed verification: its sha256 is ${sha256}, expected ${req.sha256}. The download was discarded and nothing was installed; the host may be serving a damaged or different file.`);
  }
  if (!req.sha256 && req.verify) {
    try {
      await req.verify(part);
    } catch (e) {
      await removeIfPresent(part);
      throw new KoeError('io', `${label} downloaded completely but failed its test load (${e instanceof Error ? e.message : String(e)}). It was discarded and nothing was installed.`);
    }
  }
  await commitFile(part, req.dest);
  return { path: req.dest, bytes: state.have, sha256, verifiedBy: req.sha256 ? 'sha256' : 'size+check' };
}

/** One HTTP request: appends what arrives to the .part file and updates state.have and state.hash. */
async function fetchInto(req: DownloadRequest, part: string, state: State, label: string, limit: number, onBytes: (bytes: number) => void, onConnect: () => void): Promise<'restart' | 'done'> {
  const idleMs = req.idleTimeoutMs ?? 30_000;
  const attempt = new AbortController();
  let stalled = false;
  const onUserAbort = () => attempt.abort(req.signal?.reason);
  req.signal?.addEventListener('abort', onUserAbort, { once: true });
  const timer = setTimeout(() => {
    stalled = true;
    attempt.abort(new Error('stalled'));
  }, idleMs);
  const networkReason = (e: unknown) => (stalled ? `no data arrived for ${Math.round(idleMs / 1000)} s` : describeNetworkError(e));

  const startedAt = state.have;
  let file: PartFile | null = null;
  try {
    onConnect();
    const headers: Record<string, string> = { 'user-agent': `KoeStudio/${VERSION}`, 'accept-encoding': 'identity' };
    if (state.have > 0) headers.range = `bytes=${state.have}-`;
    let res: Response;
    try {
      res = await fetch(req.url, { headers, signal: attempt.signal, redirect: 'follow' });
    } catch (e) {
      throw new Retryable(networkReason(e), false);
    }
    timer.refresh();

    const mode = await interpretStatus(res, req, part, state, label, limit);
    if (mode === 'restart') return 'restart';
    if (mode === 'complete') return 'done';
    // The folder is made only now, so a 404 or a refused connection leaves no empty folders behind.
    try {
      await mkdir(dirname(req.dest), { recursive: true });
    } catch (e) {
      await res.body?.cancel().catch(() => {});
      throw writeError(e, req.dest);
    }
    file = await (req.openPart ?? openPartFile)(part, mode);
    if (mode === 'truncate') {
      state.have = 0;
      state.hash = createHash('sha256');
    }
    const reader = res.body?.getReader();
    if (!reader) return 'done';
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new Retryable(networkReason(e), state.have > startedAt);
      }
      if (chunk.done) break;
      timer.refresh();
      const bytes = chunk.value;
      // interpretStatus has set the total by now: from the catalog, or from the response's headers.
      const total = state.total ?? limit;
      if (state.have + bytes.length > total) {
        await reader.cancel().catch(() => {});
        await file.close().catch(() => {});
        file = null;
        await removeIfPresent(part);
        throw new KoeError('io', `The host sent more than the ${total} bytes ${req.bytes === null ? 'it announced' : 'expected'} for ${label}: it is a different file. Nothing was installed.`);
      }
      await file.write(bytes);
      state.hash.update(bytes);
      state.have += bytes.length;
      onBytes(state.have);
    }
    return 'done';
  } catch (e) {
    if (e instanceof WriteFailure) throw writeError(e, req.dest, 'The download stopped; any previous file is unchanged, and it resumes when you try again.');
    throw e;
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onUserAbort);
    if (file) {
      try {
        await file.close({ sync: state.have === state.total });
      } catch (e) {
        // Only a failing final flush matters: the file would not be durable, so do not install it.
        // eslint-disable-next-line no-unsafe-finally -- a failed last flush must fail a download that otherwise succeeded
        if (state.have === state.total) throw writeError(e, req.dest);
      }
    }
  }
}

/**
 * Decides from the status what to do with the body: append to the .part (206), start over from
 * the first byte (200, a server that ignores Range), nothing (a restart), or nothing because the
 * .part is already whole (a 416 whose stated total is what we have; only for a size we had to
 * learn). Throws for statuses that end the download or deserve another try.
 */
async function interpretStatus(res: Response, req: DownloadRequest, part: string, state: State, label: string, limit: number): Promise<'append' | 'truncate' | 'restart' | 'complete'> {
  const discard = () => res.body?.cancel().catch(() => {});
  const restart = async (why: string) => {
    await discard();
    if (++state.restarts > 2) throw new KoeError('io', `Could not download ${label}: the host keeps answering resume requests wrongly (${why}).`);
    await removeIfPresent(part);
    state.have = 0;
    state.hash = createHash('sha256');
    return 'restart' as const;
  };
  const refuse = async (message: string): Promise<never> => {
    await discard();
    await removeIfPresent(part);
    throw new KoeError('io', message);
  };
  /** Checks the size a response states against what we know; null = the response stated none. */
  const checkTotal = async (total: number | null): Promise<'ok' | 'restart'> => {
    if (req.bytes !== null) {
      if (total !== null && total !== req.bytes) {
        await refuse(`The host's ${label} is ${total.toLocaleString('en')} bytes, but ${req.bytes.toLocaleString('en')} were expected: it is a different file (changed upstream or a wrong mirror). Nothing was installed.`);
      }
      return 'ok';
    }
    if (total === null) {
      // Not removing the .part: what is there is still a good prefix, should a later answer state the size.
      await discard();
      throw new KoeError('io', `The model host did not say how large ${label} is (no Content-Length or Content-Range), so a cut connection could not be told from the end of the file. Nothing was installed; try again later or use another mirror.`);
    }
    if (total > limit) await refuse(`The host's ${label} is ${total.toLocaleString('en')} bytes, far more than the ${limit.toLocaleString('en')} at most expected: it is a different file (a wrong mirror?). Nothing was installed.`);
    if (state.total !== null && total !== state.total) return restart(`the file changed on the host from ${state.total} to ${total} bytes`);
    state.total = total;
    return 'ok';
  };

  if (res.status === 206) {
    const range = parseContentRange(res.headers.get('content-range'));
    if (!range || range.start !== state.have) return restart(`asked for byte ${state.have}, got ${res.headers.get('content-range') ?? 'no Content-Range'}`);
    if ((await checkTotal(range.total)) === 'restart') return 'restart';
    return 'append';
  }
  if (res.status === 416) {
    // A resume of a part that is already whole (the app stopped before verifying it): the host's
    // "bytes */N" says how big the file is, which is all a file of unknown size was waiting for.
    const whole = /^bytes \*\/(\d+)$/i.exec(res.headers.get('content-range')?.trim() ?? '');
    if (req.bytes === null && whole && Number(whole[1]) === state.have && state.have > 0 && state.have <= limit && (state.total === null || state.total === state.have)) {
      await discard();
      state.total = state.have;
      return 'complete';
    }
    return restart('range not satisfiable');
  }
  if (res.status === 200) {
    const encoded = (res.headers.get('content-encoding') ?? 'identity') !== 'identity';
    const length = res.headers.get('content-length');
    if ((await checkTotal(!encoded && length !== null && /^\d+$/.test(length) ? Number(length) : null)) === 'restart') return 'restart';
    return 'truncate';
  }
  await discard();
  const what = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  if (res.status >= 500 || res.status === 408 || res.status === 429) {
    throw new Retryable(`the host answered ${what}`, false, parseRetryAfter(res.headers.get('retry-after')));
  }
  const where = redactUrl(req.url);
  if (res.status === 404 || res.status === 410) {
    throw new KoeError('not_found', `${label} is not on the model host (${what} for ${where}). Check the model host setting (KOE_MODEL_HOST) or the catalog.`);
  }
  throw new KoeError('io', `The model host refused ${label} (${what} for ${where}).`);
}

export function parseContentRange(value: string | null): { start: number; end: number; total: number | null } | null {
  const m = value ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/i.exec(value.trim()) : null;
  if (!m) return null;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? null : Number(m[3]) };
}

/** fetch reports "fetch failed" and hides the reason in `cause`; people need the reason. */
function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (e as { code?: string })?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved (offline?)';
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was cut';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    default: {
      const msg = cause?.message ?? (e instanceof Error ? e.message : String(e));
      return msg === 'terminated' || msg === 'other side closed' ? 'the connection was cut' : msg;
    }
  }
}

/** Never echo credentials a mirror URL may carry into logs or the UI. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.href;
  } catch {
    return url;
  }
}
