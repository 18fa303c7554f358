// Opens the studio's SQLite library: refuses files that are not ours or are too new (leaving them
// untouched), sets the pragmas every connection needs, migrates, and hands out the repositories.
// Every face (Electron, server, CLI) opens the library through here, so they agree on all of it.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import { ApiKeysRepo } from './api-keys-repo';
import { AudioCacheRepo } from './audio-cache-repo';
import { CloneStylesRepo } from './clone-styles-repo';
import { checkLibraryFile, isMemoryPath, notALibrary, openError } from './file-checks';
import { applyMigrations, schemaVersion } from './migrate';
import { KOE_APPLICATION_ID, LATEST_VERSION, MIGRATIONS } from './migrations/index';
import { ProjectsRepo } from './projects-repo';
import { PronunciationsRepo } from './pronunciations-repo';
import { RecentFilesRepo } from './recent-files-repo';
import { RenderJobsRepo } from './render-jobs-repo';
import { SettingsRepo } from './settings-repo';
import { SpeakerDirectionsRepo } from './speaker-directions-repo';
import { VoicesRepo } from './voices-repo';
import { guardWal, type WalRecovery } from './wal-guard';

export type { WalRecovery } from './wal-guard';

export interface OpenLibraryOptions {
  /** Open without writing anything; a library that still needs migrating is refused. */
  readonly?: boolean;
  /** Size cap for rendered audio; least recently used entries go first. Default 1 GiB. */
  cacheMaxBytes?: number;
}

export const DEFAULT_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

export class Library {
  readonly voices: VoicesRepo;
  readonly projects: ProjectsRepo;
  readonly settings: SettingsRepo;
  readonly audioCache: AudioCacheRepo;
  readonly pronunciations: PronunciationsRepo;
  readonly recentFiles: RecentFilesRepo;
  readonly renderJobs: RenderJobsRepo;
  readonly apiKeys: ApiKeysRepo;
  readonly speakerDirections: SpeakerDirectionsRepo;
  readonly cloneStyles: CloneStylesRepo;
  private closed = false;

  constructor(
    readonly db: Db,
    readonly path: string,
    opts: OpenLibraryOptions = {},
    /** Set when this open found the write-ahead log damaged: what was kept, dropped and set aside. */
    readonly walRecovery: WalRecovery | null = null,
  ) {
    this.voices = new VoicesRepo(db);
    this.projects = new ProjectsRepo(db);
    this.settings = new SettingsRepo(db);
    this.audioCache = new AudioCacheRepo(db, { maxBytes: opts.cacheMaxBytes ?? DEFAULT_CACHE_MAX_BYTES });
    this.pronunciations = new PronunciationsRepo(db);
    this.recentFiles = new RecentFilesRepo(db);
    this.renderJobs = new RenderJobsRepo(db);
    this.apiKeys = new ApiKeysRepo(db);
    this.speakerDirections = new SpeakerDirectionsRepo(db);
    this.cloneStyles = new CloneStylesRepo(db);
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  /** Idempotent, so a face's shutdown path can call it without tracking state. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.db.readonly) {
      try {
        this.db.pragma('optimize');
      } catch {
        // Only a planner hint; never let it keep the file open.
      }
    }
    this.db.close();
  }
}

export function openLibrary(path: string, opts: OpenLibraryOptions = {}): Library {
  const readonly = opts.readonly ?? false;
  checkLibraryFile(path, readonly);
  if (!readonly) ownerOnly(path);
  // Before SQLite opens the file: its recovery drops a damaged log's tail silently, and the next
  // write overwrites it.
  const walRecovery = guardWal(path, readonly);
  let db: Db;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw openError(path, e);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Everything below up to the migrations only reads, so a refused file is never modified.
    refuseForeignOrNewer(db, path);
    if (readonly) {
      const version = schemaVersion(db);
      if (version < LATEST_VERSION) {
        throw new KoeError('io', `The library ${path} is from an older version (schema ${version}) and must be upgraded; open it once without read-only.`);
      }
    } else {
      enableWal(db, path);
      db.pragma('synchronous = NORMAL');
      // Fold what was recovered into the library and empty the log, so the damaged tail that SQLite
      // skipped is not read (and reported) again after the next crash. Busy elsewhere: it stays.
      if (walRecovery) db.pragma('wal_checkpoint(TRUNCATE)');
    }
    db.pragma('foreign_keys = ON');
    if (db.pragma('foreign_keys', { simple: true }) !== 1) throw new KoeError('io', `Cannot enable foreign keys on the library ${path}.`);
    if (!readonly) applyMigrations(db, MIGRATIONS);
    return new Library(db, path, opts, walRecovery);
  } catch (e) {
    db.close();
    throw openError(path, e);
  }
}

/**
 * The library holds the user's scripts and cloned voices (with their consent records): readable by
 * the user alone. SQLite gives its -wal and -shm files the database file's mode, so creating the file
 * 0600 before SQLite opens it covers all three; an existing library is narrowed to 0600 too.
 */
function ownerOnly(path: string): void {
  if (process.platform === 'win32' || isMemoryPath(path)) return;
  try {
    closeSync(openSync(path, 'a', 0o600));
    for (const p of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(p)) chmodSync(p, 0o600);
  } catch {
    // A file we cannot open or chmod is reported by the open that follows.
  }
}

function refuseForeignOrNewer(db: Db, path: string): void {
  const version = schemaVersion(db);
  if (version > LATEST_VERSION) {
    throw new KoeError('io', `${path} was written by a newer version of Koe Studio (schema ${version}, this build knows ${LATEST_VERSION}); it was not changed. Update Koe Studio to open it.`);
  }
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== 0 && appId !== KOE_APPLICATION_ID) throw notALibrary(path, 'it is an SQLite database that belongs to another application');
  // Reading the schema also surfaces a damaged first page now, rather than at the first query.
  const objects = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  if (version === 0 && objects > 0) throw notALibrary(path, 'it is an SQLite database with other tables in it');
}

function enableWal(db: Db, path: string): void {
  const mode = String(db.pragma('journal_mode = WAL', { simple: true })).toLowerCase();
  const expected = isMemoryPath(path) ? 'memory' : 'wal';
  if (mode !== expected) {
    throw new KoeError('io', `The library ${path} could not use write-ahead logging (journal mode stayed "${mode}"); the folder may be on a network drive. Move the data folder to a local disk.`);
  }
}
