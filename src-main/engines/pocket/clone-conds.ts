// Cloned voices' conditioning as files the engine worker can read. The library (SQLite) is the
// record of a clone; the worker holds no database handle, so the main side writes each clone's
// conditioning here (atomically) and rewrites it whenever it is missing or stale. Losing these
// files loses nothing: they are rebuilt from the library.
//   <clonesDir>/<id>.cond = [u32 LE header length][JSON header][zero pad to 4][float32 LE rows × dim]
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KoeError } from '../../contract/errors';
import { writeFileAtomic } from '../../fs/atomic';
import type { VoiceCond } from './assets';

export interface CondHeader {
  format: 'koe-pocket-cond';
  version: 1;
  /** Pocket language folder the conditioning was computed with (`en`). */
  language: string;
  rows: number;
  dim: number;
  /** What computed it (model-files.ts pocketEncoderVersion). */
  encoderVersion: string;
}

export interface StoredCond extends VoiceCond {
  header: CondHeader;
}

/** Clone ids are ours (hex); anything else could name a path outside the folder. */
export const CLONE_ID = /^[a-z0-9]{6,40}$/;

export function condPath(clonesDir: string, cloneId: string): string {
  if (!CLONE_ID.test(cloneId)) throw new KoeError('not_found', `"${cloneId}" is not a cloned voice id.`);
  return join(clonesDir, `${cloneId}.cond`);
}

export function encodeCondFile(header: Omit<CondHeader, 'format' | 'version'>, data: Float32Array): Uint8Array {
  if (data.length !== header.rows * header.dim) throw new Error(`conditioning has ${data.length} values, not ${header.rows} × ${header.dim}`);
  const json = new TextEncoder().encode(JSON.stringify({ format: 'koe-pocket-cond', version: 1, ...header }));
  const offset = (4 + json.length + 3) & ~3;
  const out = new Uint8Array(offset + data.byteLength);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
  return out;
}

export function decodeCondFile(bytes: Uint8Array, label: string): StoredCond {
  const bad = (why: string) => new KoeError('invalid_args', `The cloned voice file ${label} is damaged (${why}); re-encode the voice.`);
  if (bytes.length < 8) throw bad('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(0, true);
  if (4 + len > bytes.length) throw bad('header runs past the end');
  let header: CondHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + len))) as CondHeader;
  } catch {
    throw bad('header is not JSON');
  }
  if (header.format !== 'koe-pocket-cond' || !Number.isInteger(header.rows) || !Number.isInteger(header.dim)) throw bad('not a conditioning file');
  const offset = (4 + len + 3) & ~3;
  if (bytes.length - offset !== header.rows * header.dim * 4) throw bad('wrong size');
  const data = new Float32Array(header.rows * header.dim);
  new Uint8Array(data.buffer).set(bytes.subarray(offset));
  return { header, data, rows: header.rows, dim: header.dim };
}

export async function writeCond(clonesDir: string, cloneId: string, header: Omit<CondHeader, 'format' | 'version'>, data: Float32Array): Promise<string> {
  mkdirSync(clonesDir, { recursive: true });
  const path = condPath(clonesDir, cloneId);
  await writeFileAtomic(path, encodeCondFile(header, data));
  return path;
}

export async function readCond(clonesDir: string, cloneId: string): Promise<StoredCond> {
  const path = condPath(clonesDir, cloneId);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new KoeError('not_found', `The cloned voice ${cloneId} has no conditioning file; it may have been deleted.`);
  }
  return decodeCondFile(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}

/** Size and modification time: a re-encoded clone gets a new stamp, so cached prefills are redone. */
export function condStamp(clonesDir: string, cloneId: string): string | null {
  try {
    const s = statSync(condPath(clonesDir, cloneId));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

export function removeCond(clonesDir: string, cloneId: string): void {
  try {
    unlinkSync(condPath(clonesDir, cloneId));
  } catch {
    // Already gone.
  }
}

/** Clone ids with a conditioning file, for sweeping files the library no longer knows. */
export function listCondIds(clonesDir: string): string[] {
  try {
    return readdirSync(clonesDir)
      .filter((n) => n.endsWith('.cond'))
      .map((n) => n.slice(0, -5))
      .filter((id) => CLONE_ID.test(id));
  } catch {
    return [];
  }
}
