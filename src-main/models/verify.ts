// Built-in test loads for files that have no published checksum. They catch the common failures
// (an HTML error page saved as a model, a truncated or garbage voice pack) without an inference
// runtime; the ONNX engine replaces the model check with a real session load via
// ModelManager.setVerifier, which is what "a successful test load" in the issue means.
import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { VOICE_PACK_BYTES, type AssetKind, type CatalogFile } from './catalog';

/** Which catalog file a candidate is meant to become, and where it will be installed. */
export interface VerifyTarget {
  file: CatalogFile;
  /** The final path; the candidate itself may still be under a .part or staging name. */
  dest: string;
}

/**
 * Throws with a reason when the candidate file cannot be what its catalog entry says. The target
 * is absent only where a caller has no catalog entry in hand; checks must then go by content.
 */
export type Verifier = (path: string, target?: VerifyTarget) => Promise<void>;

/** A voice pack is 510×256 little-endian float32, every value finite and of plausible size. */
export async function checkVoicePack(path: string): Promise<void> {
  const bytes = await readFile(path);
  if (bytes.length !== VOICE_PACK_BYTES) throw new Error(`a voice pack is ${VOICE_PACK_BYTES} bytes, this file is ${bytes.length}`);
  const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  let nonZero = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // Real packs stay within about ±2; 100 leaves room while still catching bytes that are not floats.
    if (!Number.isFinite(v) || Math.abs(v) > 100) throw new Error(`value ${i} is ${v}, not a style vector value`);
    if (v !== 0) nonZero++;
  }
  // A preallocated or zero-filled file has the right size; real packs have almost no exact zeros.
  if (nonZero < values.length / 100) throw new Error('it is almost all zeros, not a style vector');
}

/**
 * An ONNX file is a protobuf ModelProto, whose writers put field 1 (ir_version, a varint) first:
 * the first byte is 0x08. An HTML page, a JSON error or a Git LFS pointer fails this at once.
 */
export async function checkOnnxHeader(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    if (bytesRead < 2 || head[0] !== 0x08) {
      const text = head.subarray(0, bytesRead).toString('latin1');
      const hint = /^(<|\{|version https:\/\/git-lfs)/i.test(text) ? ' (it looks like a web page or a Git LFS pointer)' : '';
      throw new Error(`it is not an ONNX model${hint}`);
    }
  } finally {
    await fh.close();
  }
}

/** A misaki lexicon is one JSON object of word → phonemes. */
export async function checkLexicon(path: string): Promise<void> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new Error('it is not valid JSON');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('it is not a word → phonemes object');
}

async function readJsonObject(path: string): Promise<Record<string, unknown>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new Error('it is not valid JSON (the download may be incomplete)');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('it is not a JSON object');
  return data as Record<string, unknown>;
}

const isFileEntry = (v: unknown): boolean => {
  const e = v as { file?: unknown; bytes?: unknown; sha256?: unknown } | null;
  return !!e && typeof e.file === 'string' && typeof e.bytes === 'number' && typeof e.sha256 === 'string';
};

/**
 * Pocket TTS's two JSON files by shape (ENGINES.md 2.2): manifest.json names model and assets with
 * size and digest; assets.json holds the config, the base64 tokenizer and the voices. The engine
 * registers a deeper check (graphs loaded, tokenizer parsed, files matched to the manifest).
 */
export async function checkPocketFile(path: string, target?: VerifyTarget): Promise<void> {
  const name = target ? basename(target.dest) : null;
  if (name === 'manifest.json') {
    const m = await readJsonObject(path);
    if (!isFileEntry(m.model) || !isFileEntry(m.assets)) throw new Error('it is not a Pocket TTS manifest (no model and assets entries)');
    return;
  }
  if (name === 'assets.json') {
    const a = await readJsonObject(path);
    if (!a.config || typeof a.config !== 'object' || typeof a.tokenizer !== 'string' || !a.voices || typeof a.voices !== 'object') {
      throw new Error('it is not a Pocket TTS asset file (no config, tokenizer and voices)');
    }
    return;
  }
  if (name?.endsWith('.onnx')) return checkOnnxHeader(path);
  await checkLexicon(path).catch(() => checkOnnxHeader(path));
}

export const BUILTIN_VERIFIERS: Readonly<Record<AssetKind, Verifier>> = Object.freeze({
  'kokoro-model': checkOnnxHeader,
  'kokoro-voices': checkVoicePack,
  lexicon: checkLexicon,
  // a set of ONNX graphs and JSON files; the engine registers a real test load.
  'pocket-tts': checkPocketFile,
});
