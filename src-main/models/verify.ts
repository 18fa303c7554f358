// Built-in test loads for files that have no published checksum. They catch the common failures
// (an HTML error page saved as a model, a truncated or garbage voice pack) without an inference
// runtime; the ONNX engine replaces the model check with a real session load via
// ModelManager.setVerifier, which is what "a successful test load" in the issue means.
import { open, readFile } from 'node:fs/promises';
import { VOICE_PACK_BYTES, type AssetKind } from './catalog';

/** Throws with a reason when the candidate file cannot be what its catalog entry says. */
export type Verifier = (path: string) => Promise<void>;

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

export const BUILTIN_VERIFIERS: Readonly<Record<AssetKind, Verifier>> = Object.freeze({
  'kokoro-model': checkOnnxHeader,
  'kokoro-voices': checkVoicePack,
  lexicon: checkLexicon,
  // Pocket TTS (issue #4): a set of ONNX graphs and JSON files; the engine registers a real test load.
  'pocket-tts': (path) => checkLexicon(path).catch(() => checkOnnxHeader(path)),
});
