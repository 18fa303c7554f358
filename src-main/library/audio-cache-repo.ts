// Rendered audio kept in the library so replaying or exporting an unchanged line is instant. It is
// a cache: any entry may be evicted (least recently used first) to stay under a size cap, except
// audio that a selected take points at, which is part of a project and must not vanish.
import type { Database } from 'better-sqlite3';
import { isoNow, tick } from './clock';
import { statementCache, type Prepare } from './statements';

export interface CacheEntry {
  key: string;
  engine: string;
  modelVersion: string;
  voiceId: string;
  /** Whatever else shaped the audio (speed, pitch…); stored as JSON for inspection and clean-up. */
  params: unknown;
  sampleRate: number;
  pcm: Float32Array;
}

export const MIB = 1024 * 1024;

export interface CacheStats {
  entries: number;
  bytes: number;
  hits: number;
  maxBytes: number;
}

interface LruRow {
  key: string;
  bytes: number;
}

export class AudioCacheRepo {
  private readonly sql: Prepare;
  private maxBytes: number;
  /** Best-effort running total so a put only pays for an eviction scan when the cap may be passed. */
  private approxBytes: number | null = null;
  /** Largest last_used_at handed out; read from the table once so LRU order survives restarts. */
  private lastStamp: number | null = null;

  constructor(
    private readonly db: Database,
    opts: { maxBytes: number },
  ) {
    this.sql = statementCache(db);
    this.maxBytes = opts.maxBytes;
  }

  getCached(key: string): { pcm: Float32Array<ArrayBuffer>; sampleRate: number } | null {
    const row = this.sql('SELECT sample_rate, samples, pcm FROM audio_cache WHERE key = ?').get(key) as { sample_rate: number; samples: number; pcm: Buffer } | undefined;
    if (!row) return null;
    if (row.pcm.byteLength !== row.samples * 4) {
      // A truncated or foreign blob: treat as a miss so the caller re-renders and overwrites it.
      if (!this.db.readonly) this.sql('DELETE FROM audio_cache WHERE key = ?').run(key);
      return null;
    }
    if (!this.db.readonly) this.sql('UPDATE audio_cache SET last_used_at = ?, hits = hits + 1 WHERE key = ?').run(this.stamp(), key);
    // Copy into a fresh, aligned buffer: the blob's Buffer may sit at any offset in a shared pool.
    const pcm = new Float32Array(row.samples);
    new Uint8Array(pcm.buffer).set(row.pcm);
    return { pcm, sampleRate: row.sample_rate };
  }

  putCached(entry: CacheEntry): void {
    const bytes = Buffer.from(entry.pcm.buffer, entry.pcm.byteOffset, entry.pcm.byteLength);
    const old = this.sql('SELECT bytes FROM audio_cache WHERE key = ?').pluck().get(entry.key) as number | undefined;
    this.sql(`
      INSERT INTO audio_cache (key, engine, model_version, voice_id, params, sample_rate, samples, bytes, created_at, last_used_at, hits, pcm)
      VALUES (@key, @engine, @modelVersion, @voiceId, @params, @sampleRate, @samples, @bytes, @createdAt, @usedAt, 0, @pcm)
      ON CONFLICT (key) DO UPDATE SET
        engine = excluded.engine, model_version = excluded.model_version, voice_id = excluded.voice_id, params = excluded.params,
        sample_rate = excluded.sample_rate, samples = excluded.samples, bytes = excluded.bytes, last_used_at = excluded.last_used_at, pcm = excluded.pcm`).run({
      key: entry.key,
      engine: entry.engine,
      modelVersion: entry.modelVersion,
      voiceId: entry.voiceId,
      params: JSON.stringify(entry.params ?? null),
      sampleRate: entry.sampleRate,
      samples: entry.pcm.length,
      bytes: bytes.byteLength,
      createdAt: isoNow(),
      usedAt: this.stamp(),
      pcm: bytes,
    });
    this.approxBytes = this.approxBytes === null ? this.totalBytes() : this.approxBytes + bytes.byteLength - (old ?? 0);
    if (this.approxBytes > this.maxBytes) this.evictToSize(this.maxBytes);
  }

  /**
   * Deletes least recently used entries until the cache holds at most `maxBytes`, skipping audio
   * of selected takes (so the cache may stay above the cap if those alone exceed it).
   */
  evictToSize(maxBytes: number): { evicted: number; freedBytes: number } {
    return this.db.transaction(() => {
      let total = this.totalBytes();
      let evicted = 0;
      let freedBytes = 0;
      const remove = this.sql('DELETE FROM audio_cache WHERE key = ?');
      // In batches, oldest first; all() rather than iterate() because a connection cannot delete
      // while one of its read cursors is open, and batches keep a huge cache out of memory.
      const oldest = this.sql(`
        SELECT key, bytes FROM audio_cache c
        WHERE NOT EXISTS (SELECT 1 FROM takes t WHERE t.audio_key = c.key AND t.selected = 1)
        ORDER BY last_used_at LIMIT 256`);
      while (total > maxBytes) {
        const rows = oldest.all() as LruRow[];
        if (rows.length === 0) break;
        for (const row of rows) {
          if (total <= maxBytes) break;
          remove.run(row.key);
          total -= row.bytes;
          freedBytes += row.bytes;
          evicted++;
        }
      }
      this.approxBytes = total;
      return { evicted, freedBytes };
    }).immediate();
  }

  /** A new cap (from Settings) applies at once: a smaller one evicts down to it now. */
  setMaxBytes(maxBytes: number): { evicted: number; freedBytes: number } {
    this.maxBytes = maxBytes;
    return this.evictToSize(maxBytes);
  }

  cacheStats(): CacheStats {
    const r = this.sql('SELECT count(*) AS entries, coalesce(sum(bytes), 0) AS bytes, coalesce(sum(hits), 0) AS hits FROM audio_cache').get() as Omit<CacheStats, 'maxBytes'>;
    return { ...r, maxBytes: this.maxBytes };
  }

  /** Drops audio rendered by an older build of a model, which can never be asked for again. */
  deleteOtherModelVersions(engine: string, currentVersion: string): number {
    return this.sql('DELETE FROM audio_cache WHERE engine = ? AND model_version <> ?').run(engine, currentVersion).changes;
  }

  clear(): void {
    this.sql('DELETE FROM audio_cache').run();
    this.approxBytes = 0;
  }

  private totalBytes(): number {
    return this.sql('SELECT coalesce(sum(bytes), 0) FROM audio_cache').pluck().get() as number;
  }

  private stamp(): number {
    this.lastStamp ??= this.sql('SELECT coalesce(max(last_used_at), 0) FROM audio_cache').pluck().get() as number;
    this.lastStamp = tick(this.lastStamp);
    return this.lastStamp;
  }
}
