// Reads a Pocket TTS manifest.json (written by the exporter's web.py, ENGINES.md 2.2): which files
// make up the set, their sizes, the voices and the sample rate. Its `sha256` values are only the
// first 16 hex digits of the files' SHA-256; the npm runtime uses them as cache keys and never checks
// them, but they are enough to notice a file that does not belong to this manifest, so we do.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { KoeError } from '../../contract/errors';

export interface ManifestFile {
  file: string;
  bytes: number;
  /** Leading hex digits of the file's SHA-256 (16 in current exports). */
  sha256: string;
}

export interface PocketManifest {
  version: number;
  model: ManifestFile;
  encoder: ManifestFile | null;
  assets: ManifestFile;
  sampleRate: number;
  voices: string[];
  /** True when the export bundles the IPA/Hebrew adapter. */
  phonemes: boolean;
}

function fileEntry(v: unknown, what: string): ManifestFile {
  const e = v as Partial<ManifestFile> | null;
  if (!e || typeof e.file !== 'string' || !/^[A-Za-z0-9._-]+$/.test(e.file) || typeof e.bytes !== 'number' || typeof e.sha256 !== 'string' || !/^[0-9a-f]{8,64}$/.test(e.sha256)) {
    throw new KoeError('invalid_args', `manifest.json has no usable ${what} entry.`);
  }
  return { file: e.file, bytes: e.bytes, sha256: e.sha256 };
}

export function parsePocketManifest(json: string): PocketManifest {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new KoeError('invalid_args', 'manifest.json is not valid JSON (the download may be incomplete).');
  }
  const voices = Array.isArray(raw.voices) ? raw.voices.filter((v): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v)) : [];
  return {
    version: typeof raw.version === 'number' ? raw.version : 1,
    model: fileEntry(raw.model, 'model'),
    encoder: raw.encoder ? fileEntry(raw.encoder, 'encoder') : null,
    assets: fileEntry(raw.assets, 'assets'),
    sampleRate: typeof raw.sampleRate === 'number' ? raw.sampleRate : 24_000,
    voices,
    phonemes: raw.phonemes === true,
  };
}

export async function readPocketManifest(path: string): Promise<PocketManifest> {
  return parsePocketManifest(await readFile(path, 'utf8'));
}

/** Throws when the file at `path` is not the one the manifest describes (size or digest). */
export async function checkAgainstManifest(path: string, entry: ManifestFile): Promise<void> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  if (bytes !== entry.bytes) throw new KoeError('invalid_args', `${entry.file} is ${bytes.toLocaleString('en')} bytes but its manifest says ${entry.bytes.toLocaleString('en')}: it belongs to another version. Download the set again.`);
  if (!hash.digest('hex').startsWith(entry.sha256)) throw new KoeError('invalid_args', `${entry.file} does not match its manifest's checksum: it is damaged or from another version. Download the set again.`);
}
