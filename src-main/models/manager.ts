// The model manager: one service behind the Models screen, the `koe models` commands and the ONNX
// engine. It owns the models folder: what is installed (verified records + the disk), background
// downloads with progress, import, removal and disk use. The engine asks it for paths (`pathOf`)
// and holds a lease (`acquire`) while a session uses a file, so removal cannot pull a model out
// from under a running synthesis.
//
// Engines never pick a model file by its name on disk: they ask `verifiedPath` (synchronous, so the
// engines' per-request lookups stay cheap), which answers only for files with a verification record
// that still match it. Files placed in the folder by hand are verified where they lie by
// `adoptFound` (the core runs it at start-up): by the catalog's sha256 where it has one, else by
// size and a test load; a folder's own fixtures.json may vouch for stand-in files by sha256 (see
// state.ts). A file that fails is reported with the reason on the Models screen and never loaded.
import type { Database } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { readdir, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, posix, resolve } from 'node:path';
import type { DiskUse, ImportedFile, ModelAsset, ModelHosts, ModelList, ModelPhase, ModelProgress, ModelState, SelfTestResult } from '../contract/calls-models';
import { KoeError, toRpcError } from '../contract/errors';
import type { RetryPolicy } from './backoff';
import { assetBytes, CATALOG, checkCatalog, checksumCoverage, sizeHint, sizeLimit, type AssetKind, type CatalogAsset, type CatalogFile } from './catalog';
import { downloadFile, type FileProgress } from './download';
import { HOST_ENV, HOST_NAMES, normalizeBase, resolveHosts, sourceUrl, type Hosts } from './hosts';
import { importPath } from './importer';
import { lockAsset } from './lock';
import { ModelsRepo } from './models-repo';
import { SelfTestRepo } from './self-test-repo';
import { openPartFile, PART_SUFFIX, removeIfPresent, sha256File, type OpenPart } from './part-file';
import { RateMeter } from './rate';
import { recommendVariant, type BenchResult, type Recommendation } from './recommend';
import { assetState, fileStatus, fileStatusSync, type FileStatus, type StandIn } from './state';
import { BUILTIN_VERIFIERS, type Verifier } from './verify';

/** The file in a models folder that may vouch for stand-in models (state.ts StandIn). */
export const STAND_IN_LIST = 'fixtures.json';

/** What `adoptFound` made of the files it found on disk without a record. */
export interface AdoptReport {
  adopted: string[];
  refused: { path: string; reason: string }[];
}

export interface ModelManagerOptions {
  db: Database;
  modelsDir: string;
  catalog?: readonly CatalogAsset[];
  env?: NodeJS.ProcessEnv;
  retry?: Partial<RetryPolicy>;
  /** Opens .part files; tests pass one that opens /dev/full. */
  openPart?: OpenPart;
  idleTimeoutMs?: number;
  /** Least time between two progress events of one job; phase changes always go out. */
  progressIntervalMs?: number;
}

interface Job {
  asset: CatalogAsset;
  controller: AbortController;
  promise: Promise<ModelAsset>;
  progress: ModelProgress;
  meter: RateMeter;
  lastEmit: number;
  trailing: ReturnType<typeof setTimeout> | null;
  /** Bytes received over the network so far, for the rate (files adopted from disk do not count). */
  received: number;
  fileBytes: number;
  /** Per file: its size, exact once known, else the catalog's estimate; the job's total is their sum. */
  sizes: number[];
}

export class ModelManager {
  readonly modelsDir: string;
  readonly catalog: readonly CatalogAsset[];
  private readonly repo: ModelsRepo;
  private readonly env: NodeJS.ProcessEnv;
  private readonly jobs = new Map<string, Job>();
  private readonly busy = new Map<string, string>();
  private readonly leases = new Map<string, number>();
  private readonly listeners = new Set<(p: ModelProgress) => void>();
  private readonly installedListeners = new Set<(assetId: string) => void>();
  private readonly selfTests: SelfTestRepo;
  /** Asset ids whose current files failed their self-test; read on every verifiedPath call. */
  private failedSelfTest = new Set<string>();
  private readonly verifiers: Record<AssetKind, Verifier> = { ...BUILTIN_VERIFIERS };
  private measurements: { provider: string; results: BenchResult[] } = { provider: 'cpu', results: [] };
  private disposed = false;
  /** Why a file found on disk was not adopted, by absolute path, until it is replaced or removed. */
  private readonly refusals = new Map<string, string>();
  private standIns = new Map<string, StandIn>();

  constructor(private readonly opts: ModelManagerOptions) {
    this.catalog = opts.catalog ?? CATALOG;
    checkCatalog(this.catalog);
    this.modelsDir = resolve(opts.modelsDir);
    this.repo = new ModelsRepo(opts.db);
    this.selfTests = new SelfTestRepo(opts.db);
    this.refreshFailedSelfTests();
    this.env = opts.env ?? process.env;
    this.standIns = readStandIns(join(this.modelsDir, STAND_IN_LIST));
  }

  asset(id: string): CatalogAsset {
    const asset = this.catalog.find((a) => a.id === id);
    if (!asset) throw new KoeError('not_found', `Unknown model "${id}". Run "koe models list" to see the ids.`);
    return asset;
  }

  absPath(file: CatalogFile): string {
    return join(this.modelsDir, ...file.path.split('/'));
  }

  // ---- hosts, verifiers, measurements -------------------------------------------------------

  hosts(): ModelHosts {
    const { hosts, from } = resolveHosts(this.repo.storedHosts(), this.env);
    return {
      huggingface: { url: hosts.huggingface, from: from.huggingface, env: HOST_ENV.huggingface },
      github: { url: hosts.github, from: from.github, env: HOST_ENV.github },
    };
  }

  /** Stores mirror base URLs (null resets one to the default); every URL is checked first. */
  setHosts(patch: Partial<Record<keyof Hosts, string | null>>): ModelHosts {
    const checked = HOST_NAMES.filter((n) => patch[n] !== undefined).map((n) => [n, patch[n] === null ? null : normalizeBase(patch[n]!)] as const);
    for (const [name, url] of checked) this.repo.setHost(name, url);
    return this.hosts();
  }

  /**
   * Replaces the test load for files of `kind` that have no published checksum (the ONNX engine
   * registers a real session load for 'kokoro-model'); null restores the built-in check.
   */
  setVerifier(kind: AssetKind, verify: Verifier | null): void {
    this.verifiers[kind] = verify ?? BUILTIN_VERIFIERS[kind];
  }

  /** Benchmark results for the recommendation; `provider` is the one the engine will use. */
  setMeasurements(provider: string, results: readonly BenchResult[]): void {
    this.measurements = { provider, results: [...results] };
  }

  recommendation(): Recommendation {
    return recommendVariant(this.catalog, this.measurements.provider, this.measurements.results);
  }

  /** Called after an asset's files were downloaded or imported and recorded, with its id. */
  onInstalled(listener: (assetId: string) => void): () => void {
    this.installedListeners.add(listener);
    return () => this.installedListeners.delete(listener);
  }

  private installed(assetId: string): void {
    for (const l of this.installedListeners) l(assetId);
  }

  // ---- self-tests ----------------------------------------------------------------------------

  /** The self-test of the asset's current files, or null when they were never tested. */
  selfTestOf(assetId: string): SelfTestResult | null {
    const digest = this.repo.assetRow(assetId)?.sha256;
    const rec = digest ? this.selfTests.all()[assetId] : undefined;
    if (!rec || rec.digest !== digest) return null;
    const { digest: _digest, ...result } = rec;
    return result;
  }

  /** Stores a self-test of the asset's current files; a failure takes them out of verifiedPath. */
  recordSelfTest(assetId: string, result: SelfTestResult): void {
    const digest = this.repo.assetRow(assetId)?.sha256;
    if (!digest) return;
    this.selfTests.put(assetId, digest, result);
    this.refreshFailedSelfTests();
  }

  private refreshFailedSelfTests(): void {
    const failed = new Set<string>();
    for (const [id, rec] of Object.entries(this.selfTests.all())) if (rec.status === 'failed' && this.repo.assetRow(id)?.sha256 === rec.digest) failed.add(id);
    this.failedSelfTest = failed;
  }

  onProgress(listener: (p: ModelProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- state ---------------------------------------------------------------------------------

  async list(): Promise<ModelList> {
    const hosts = this.hosts();
    const recommended = this.recommendation();
    const assets = await Promise.all(this.catalog.map((a) => this.describe(a, hosts, recommended.id)));
    return { modelsDir: this.modelsDir, assets, recommended, hosts };
  }

  async status(id: string): Promise<ModelAsset> {
    return this.describe(this.asset(id), this.hosts(), this.recommendation().id);
  }

  async diskUse(): Promise<DiskUse> {
    const use: DiskUse = { modelsDir: this.modelsDir, total: 0, byKind: {}, byAsset: {}, partial: 0 };
    for (const asset of this.catalog) {
      const files = await this.fileStatuses(asset);
      const bytes = files.reduce((n, f) => n + f.bytesOnDisk, 0);
      use.byAsset[asset.id] = bytes;
      use.byKind[asset.kind] = (use.byKind[asset.kind] ?? 0) + bytes;
      use.partial += files.reduce((n, f) => n + f.partBytes, 0);
      use.total += bytes;
    }
    return use;
  }

  /**
   * Absolute path of an installed, verified file: the asset's only file, or the one named
   * `fileName` (e.g. "af_heart.bin"). Throws `not_found` with what to do when it is not installed.
   */
  async pathOf(id: string, fileName?: string): Promise<string> {
    const asset = this.asset(id);
    const file = fileName === undefined ? (asset.files.length === 1 ? asset.files[0] : undefined) : asset.files.find((f) => f.path === fileName || basename(f.path) === fileName);
    if (!file) throw new KoeError('not_found', fileName === undefined ? `${asset.title} has ${asset.files.length} files; name the one you need.` : `${asset.title} has no file "${fileName}".`);
    const st = await fileStatus(file, this.absPath(file), this.repo.filesOf(asset.id).get(this.absPath(file)), this.standIns.get(file.path));
    if (st.state !== 'installed') {
      throw new KoeError('not_found', `${asset.title} is not installed${st.problem ? ` (${st.problem})` : ''}. Download it on the Models screen or with "koe models download ${asset.id}".`);
    }
    return st.absPath;
  }

  /**
   * The absolute path of the catalog file at `relPath` (e.g. "kokoro/onnx/model.onnx") when it is
   * installed and verified, else null. Synchronous (one query, two stats) so engines can ask before
   * every request; a file that changed or vanished since it was verified is not answered for.
   */
  verifiedPath(relPath: string, opts: { evenIfSelfTestFailed?: boolean } = {}): string | null {
    const asset = this.catalog.find((a) => a.files.some((f) => f.path === relPath));
    // A model that failed its self-test is never handed to an engine, which then keeps the working
    // model it had (another Kokoro variant) or says the model is missing. Only the self-test itself
    // asks for it anyway.
    if (asset && !opts.evenIfSelfTestFailed && this.failedSelfTest.has(asset.id)) return null;
    const file = asset?.files.find((f) => f.path === relPath);
    if (!asset || !file) return null;
    const abs = this.absPath(file);
    const rec = this.repo.fileRecord(abs);
    if (!rec || rec.assetId !== asset.id) return null;
    return fileStatusSync(file, abs, rec, this.standIns.get(file.path)).state === 'installed' ? abs : null;
  }

  /**
   * Verifies the catalog files that sit in the models folder without a record (copied in by hand,
   * a fixture folder, or the app stopped between a rename and its record), and records the good
   * ones. Checksums stream off the event loop's back in 1 MiB reads; test loads run in workers.
   * Assets that are downloading or being removed are skipped; they settle their own files.
   */
  async adoptFound(signal: AbortSignal = new AbortController().signal): Promise<AdoptReport> {
    this.standIns = readStandIns(join(this.modelsDir, STAND_IN_LIST));
    const report: AdoptReport = { adopted: [], refused: [] };
    for (const asset of this.catalog) {
      if (this.jobs.has(asset.id) || this.busy.has(asset.id)) continue;
      const found = (await this.fileStatuses(asset)).filter((f) => f.state === 'unverified');
      if (found.length === 0) continue;
      this.busy.set(asset.id, 'being checked');
      try {
        let unlock: () => Promise<void>;
        try {
          unlock = await lockAsset(this.lockPath(asset), asset.title);
        } catch (e) {
          // Another Koe process holds it (downloading there); it settles these files itself.
          for (const f of found) report.refused.push({ path: f.absPath, reason: e instanceof Error ? e.message : String(e) });
          continue;
        }
        try {
          for (const f of found) {
            if (signal.aborted) return report;
            const reason = await this.adopt(asset, f.file, f.absPath, signal, 'found on disk');
            if (reason === null) report.adopted.push(f.file.path);
            else report.refused.push({ path: f.absPath, reason });
          }
          this.repo.syncAssetRow(asset, asset.files.map((x) => this.absPath(x)));
        } finally {
          await unlock();
        }
      } finally {
        this.busy.delete(asset.id);
      }
    }
    return report;
  }

  /** Marks an asset in use until the returned function is called; removal is refused meanwhile. */
  acquire(id: string): () => void {
    this.asset(id);
    this.leases.set(id, (this.leases.get(id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.leases.get(id) ?? 1) - 1;
      if (n <= 0) this.leases.delete(id);
      else this.leases.set(id, n);
    };
  }

  // ---- download -------------------------------------------------------------------------------

  /** The asset and the companions it needs, each once, the asset itself first. */
  withRequired(id: string): string[] {
    const out: string[] = [];
    const visit = (a: CatalogAsset) => {
      if (out.includes(a.id)) return;
      out.push(a.id);
      for (const r of a.requires) visit(this.asset(r));
    };
    visit(this.asset(id));
    return out;
  }

  /**
   * Starts a background download, or joins the one already running for this id (so a double click
   * or a second window never fetches the same bytes twice). The promise resolves with the
   * asset's final state; it rejects with a KoeError (`cancelled` after cancel()).
   */
  start(id: string): { promise: Promise<ModelAsset>; joined: boolean } {
    if (this.disposed) throw new KoeError('cancelled', 'Koe Studio is shutting down; the download was not started.');
    const asset = this.asset(id);
    const running = this.jobs.get(id);
    if (running) return { promise: running.promise, joined: true };
    this.assertIdle(asset);
    const total = assetBytes(asset);
    const job: Job = {
      sizes: asset.files.map(sizeHint),
      asset,
      controller: new AbortController(),
      promise: Promise.resolve(null as never),
      progress: { id, bytes: 0, total, rate: 0, etaSec: null, phase: 'queued', error: null },
      meter: new RateMeter(),
      lastEmit: 0,
      trailing: null,
      received: 0,
      fileBytes: 0,
    };
    this.jobs.set(id, job);
    this.emit(job, true);
    job.promise = this.run(job).then(
      async () => {
        this.jobs.delete(id);
        this.refreshFailedSelfTests();
        this.update(job, { phase: 'done', bytes: job.progress.total, rate: 0, etaSec: 0 });
        this.installed(id);
        return this.status(id);
      },
      (e: unknown) => {
        this.jobs.delete(id);
        const err = toRpcError(e);
        this.update(job, { phase: err.code === 'cancelled' ? 'cancelled' : 'failed', rate: 0, etaSec: null, error: { code: err.code, message: err.message } });
        throw e instanceof KoeError ? e : new KoeError(err.code, err.message);
      },
    );
    // Failures reach callers through the promise and listeners through 'failed'; never unhandled.
    job.promise.catch(() => {});
    return { promise: job.promise, joined: false };
  }

  download(id: string): Promise<ModelAsset> {
    return this.start(id).promise;
  }

  /** Stops a download; its .part files stay for a later resume. False when none was running. */
  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    job?.controller.abort();
    return !!job;
  }

  private async run(job: Job): Promise<void> {
    const { asset, controller } = job;
    const hosts = resolveHosts(this.repo.storedHosts(), this.env).hosts;
    const unlock = await lockAsset(this.lockPath(asset), asset.title);
    try {
      const records = this.repo.filesOf(asset.id);
      let done = 0;
      for (const [index, file] of asset.files.entries()) {
        if (controller.signal.aborted) throw new KoeError('cancelled', `Download of ${asset.title} cancelled; the partial file is kept so it can resume.`);
        const abs = this.absPath(file);
        const st = await fileStatus(file, abs, records.get(abs), this.standIns.get(file.path));
        if (st.state === 'unverified') {
          // Already on disk (copied in by hand, or the app stopped between rename and record):
          // verify it where it lies instead of fetching it again.
          this.update(job, { phase: 'checking', bytes: done });
          if ((await this.adopt(asset, file, abs, controller.signal, 'found on disk')) === null) st.state = 'installed';
        }
        if (st.state !== 'installed') {
          const url = sourceUrl(hosts, file.host, file.source);
          const base = done;
          job.fileBytes = 0;
          const result = await downloadFile({
            url,
            dest: abs,
            bytes: file.bytes,
            maxBytes: sizeLimit(file),
            approxBytes: sizeHint(file),
            sha256: file.sha256,
            verify: (candidate) => this.verifierFor(asset)(candidate, { file, dest: abs }),
            signal: controller.signal,
            onProgress: (p) => this.fileProgress(job, index, base, p),
            retry: this.opts.retry,
            openPart: this.opts.openPart,
            idleTimeoutMs: this.opts.idleTimeoutMs,
            label: asset.files.length === 1 ? asset.title : `${basename(file.path)} (${asset.title})`,
          });
          const info = await stat(abs);
          this.repo.putFile({ path: abs, assetId: asset.id, bytes: result.bytes, sha256: result.sha256, verifiedBy: result.verifiedBy, mtimeMs: info.mtimeMs, source: url });
          this.refusals.delete(abs);
        }
        job.sizes[index] = this.repo.fileRecord(abs)?.bytes ?? job.sizes[index]!;
        done += job.sizes[index]!;
        this.update(job, { bytes: done, total: job.sizes.reduce((n, b) => n + b, 0) });
      }
      this.repo.syncAssetRow(asset, asset.files.map((f) => this.absPath(f)));
    } finally {
      await unlock();
    }
  }

  /**
   * Checks a file already at its final path and records it when good. Returns null when adopted,
   * else the reason it was not (kept for the Models screen); the file itself is left alone.
   */
  private async adopt(asset: CatalogAsset, file: CatalogFile, abs: string, signal: AbortSignal, source: string): Promise<string | null> {
    const refuse = (reason: string) => {
      this.refusals.set(abs, reason);
      return reason;
    };
    const { sha256, bytes } = await sha256File(abs, signal).catch(() => ({ sha256: '', bytes: -1 }));
    if (bytes < 0) return refuse(`${abs} could not be read`);
    const standIn = this.standIns.get(file.path);
    let verifiedBy: 'sha256' | 'size+check' = 'sha256';
    if (standIn && standIn.sha256 === sha256 && standIn.bytes === bytes) {
      source = `stand-in listed in ${join(this.modelsDir, STAND_IN_LIST)}`;
    } else if (file.bytes !== null && bytes !== file.bytes) {
      return refuse(`${abs} is ${bytes.toLocaleString('en')} bytes, not the ${file.bytes.toLocaleString('en')} of the catalog's file; it is not used`);
    } else if (file.sha256) {
      if (sha256 !== file.sha256) return refuse(`${abs} does not match the catalog's sha256 (it is damaged or another version); it is not used`);
    } else {
      if (bytes === 0 || bytes > sizeLimit(file)) return refuse(`${abs} is ${bytes.toLocaleString('en')} bytes, which cannot be ${basename(file.path)}; it is not used`);
      try {
        await this.verifierFor(asset)(abs, { file, dest: abs });
      } catch (e) {
        return refuse(`${abs} failed its test load (${e instanceof Error ? e.message : String(e)}); it is not used`);
      }
      verifiedBy = 'size+check';
    }
    const info = await stat(abs);
    this.repo.putFile({ path: abs, assetId: asset.id, bytes, sha256, verifiedBy, mtimeMs: info.mtimeMs, source });
    this.refusals.delete(abs);
    return null;
  }

  private fileProgress(job: Job, index: number, base: number, p: FileProgress): void {
    // A file of unknown size reports its real total once the host states it.
    if (job.asset.files[index]!.bytes === null && p.total > 0 && p.total !== job.sizes[index]) {
      job.sizes[index] = p.total;
      job.progress.total = job.sizes.reduce((n, b) => n + b, 0);
    }
    if (p.phase === 'downloading') {
      if (p.bytes > job.fileBytes) job.received += p.bytes - job.fileBytes;
      job.meter.add(job.received);
    } else if (p.phase === 'retrying') {
      job.meter.reset();
    }
    job.fileBytes = p.bytes;
    const bytes = base + p.bytes;
    const rate = job.meter.rate();
    this.update(job, { phase: p.phase, bytes, rate, etaSec: job.meter.etaSec(bytes, job.progress.total) });
  }

  private update(job: Job, patch: Partial<ModelProgress>): void {
    const phaseChanged = patch.phase !== undefined && patch.phase !== job.progress.phase;
    job.progress = { ...job.progress, ...patch };
    this.emit(job, phaseChanged);
  }

  private emit(job: Job, force: boolean): void {
    const now = performance.now();
    const interval = this.opts.progressIntervalMs ?? 250;
    if (!force && now - job.lastEmit < interval) {
      // Throttled, but never dropped for good: the last bytes before a stall must still show.
      job.trailing ??= setTimeout(() => {
        job.trailing = null;
        if (this.jobs.get(job.asset.id) === job) this.emit(job, true);
      }, interval - (now - job.lastEmit));
      return;
    }
    if (job.trailing) clearTimeout(job.trailing);
    job.trailing = null;
    job.lastEmit = now;
    const event = { ...job.progress };
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken listener (a closed window) must not stop the download.
      }
    }
  }

  // ---- import and remove --------------------------------------------------------------------

  /** Copies a local file (or the catalog-named files in a folder) in after verifying it. */
  import(path: string, opts: { id?: string } = {}): Promise<ImportedFile[]> {
    return importPath(
      {
        modelsDir: this.modelsDir,
        catalog: this.catalog,
        repo: this.repo,
        openPart: this.opts.openPart ?? openPartFile,
        verifierFor: (a) => this.verifierFor(a),
        absPath: (f) => this.absPath(f),
        lockPath: (a) => this.lockPath(a),
        assertIdle: (a) => this.assertIdle(a),
        afterInstall: async (a) => {
          this.repo.syncAssetRow(a, a.files.map((f) => this.absPath(f)));
          this.refreshFailedSelfTests();
          const state = (await this.status(a.id)).state;
          if (state === 'installed') this.installed(a.id);
          return state;
        },
      },
      path,
      opts.id,
    );
  }

  /**
   * Deletes an asset's files and .part files. The records go first, in one transaction: if the app
   * dies halfway, what is left is unverified leftovers (never "installed"), and removing again
   * finishes the job.
   */
  async remove(id: string): Promise<{ removed: boolean; freedBytes: number }> {
    const asset = this.asset(id);
    this.assertIdle(asset);
    if (this.leases.has(id)) throw new KoeError('conflict', `${asset.title} is in use by the speech engine; stop playback or unload the model, then remove it.`);
    this.busy.set(id, 'being removed');
    try {
      const unlock = await lockAsset(this.lockPath(asset), asset.title);
      try {
        const files = await this.fileStatuses(asset);
        const hadRecords = this.repo.filesOf(asset.id).size > 0 || !!this.repo.assetRow(asset.id);
        this.repo.forget(asset.id, files.map((f) => f.absPath));
        for (const f of files) this.refusals.delete(f.absPath);
        let freed = 0;
        let found = false;
        for (const f of files) {
          for (const p of [f.absPath, f.absPath + PART_SUFFIX]) {
            const info = await stat(p).catch(() => null);
            if (!info) continue;
            try {
              await removeIfPresent(p);
            } catch (e) {
              throw new KoeError('io', `${asset.title} was removed from the library, but ${p} could not be deleted (${(e as Error).message}); it will not be used. Delete it by hand or try again.`);
            }
            found = true;
            freed += info.size;
          }
        }
        await this.pruneFolders(files.map((f) => dirname(f.absPath)));
        return { removed: found || hadRecords, freedBytes: freed };
      } finally {
        await unlock();
      }
    } finally {
      this.busy.delete(id);
    }
  }

  /** Aborts every download and waits for them to stop, so the library can close safely. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const running = [...this.jobs.values()];
    for (const j of running) j.controller.abort();
    await Promise.allSettled(running.map((j) => j.promise));
    this.listeners.clear();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private verifierFor(asset: CatalogAsset): Verifier {
    return (path, target) => this.verifiers[asset.kind](path, target);
  }

  private lockPath(asset: CatalogAsset): string {
    return join(this.modelsDir, `.${asset.id}.lock`);
  }

  private assertIdle(asset: CatalogAsset): void {
    if (this.jobs.has(asset.id)) throw new KoeError('conflict', `${asset.title} is downloading; cancel the download first.`);
    const busy = this.busy.get(asset.id);
    if (busy) throw new KoeError('conflict', `${asset.title} is ${busy}; try again in a moment.`);
  }

  private fileStatuses(asset: CatalogAsset): Promise<FileStatus[]> {
    const records = this.repo.filesOf(asset.id);
    return Promise.all(asset.files.map((f) => fileStatus(f, this.absPath(f), records.get(this.absPath(f)), this.standIns.get(f.path))));
  }

  private async describe(asset: CatalogAsset, hosts: ModelHosts, recommendedId: string): Promise<ModelAsset> {
    // A file found on disk that failed its check is shown as damaged (with why), not as merely unverified.
    const files = (await this.fileStatuses(asset)).map((f) => (f.state === 'unverified' && this.refusals.has(f.absPath) ? { ...f, state: 'corrupt' as const } : f));
    const state: ModelState = assetState(files);
    const refused = files.map((f) => (f.state === 'installed' ? undefined : this.refusals.get(f.absPath))).find((r) => r !== undefined);
    const job = this.jobs.get(asset.id);
    const urls: Hosts = { huggingface: hosts.huggingface.url, github: hosts.github.url };
    const first = asset.files[0]!;
    const source = asset.files.length === 1 ? sourceUrl(urls, first.host, first.source) : sourceUrl(urls, first.host, `${posix.dirname(first.source)}/`);
    return {
      id: asset.id,
      kind: asset.kind,
      title: asset.title,
      variant: asset.variant,
      version: asset.version,
      license: asset.license,
      homepage: asset.homepage,
      source,
      notes: asset.notes,
      requires: [...asset.requires],
      bytes: assetBytes(asset),
      bytesEstimated: asset.files.some((f) => f.bytes === null),
      fileCount: asset.files.length,
      checksums: checksumCoverage(asset),
      state,
      bytesOnDisk: files.reduce((n, f) => n + f.bytesOnDisk, 0),
      installedFiles: files.filter((f) => f.state === 'installed').length,
      problem: refused ?? files.find((f) => f.problem && f.state !== 'installed')?.problem ?? null,
      recommended: asset.id === recommendedId,
      job: job ? { phase: job.progress.phase as ModelPhase, bytes: job.progress.bytes, total: job.progress.total } : null,
      selfTest: state === 'installed' ? this.selfTestOf(asset.id) : null,
    };
  }

  /** Removes folders a removal left empty, up to the models folder itself (kept). */
  private async pruneFolders(folders: string[]): Promise<void> {
    const unique = [...new Set(folders)].sort((a, b) => b.length - a.length);
    for (let dir of unique) {
      while (dir.startsWith(this.modelsDir) && dir !== this.modelsDir) {
        if ((await readdir(dir).catch(() => ['?'])).length > 0) break;
        await rmdir(dir).catch(() => {});
        dir = dirname(dir);
      }
    }
  }
}

/** Reads a folder's stand-in list ({ files: { "<relPath>": { bytes, sha256 } } }); absent or odd = none. */
function readStandIns(path: string): Map<string, StandIn> {
  const out = new Map<string, StandIn>();
  let raw: { files?: Record<string, unknown> };
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as typeof raw;
  } catch {
    return out;
  }
  for (const [rel, v] of Object.entries(raw?.files ?? {})) {
    const e = v as Partial<StandIn> | null;
    if (e && Number.isSafeInteger(e.bytes) && typeof e.sha256 === 'string' && /^[0-9a-f]{64}$/.test(e.sha256)) out.set(rel, { bytes: e.bytes!, sha256: e.sha256 });
  }
  return out;
}
