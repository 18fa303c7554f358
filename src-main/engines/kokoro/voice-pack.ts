// A Kokoro voice pack: 510 style rows of 256 float32 values, one row per possible phoneme count
// (ENGINES.md 1.3). Packs arrive from downloads, imports and blends, so every one is checked before
// use: a truncated download or a file of NaNs would otherwise make the model speak noise or
// silence with no hint why.
import { KoeError } from '../../contract/errors';

export const STYLE_ROWS = 510;
export const STYLE_DIM = 256;
export const PACK_VALUES = STYLE_ROWS * STYLE_DIM;
export const PACK_BYTES = PACK_VALUES * 4;
/** Real packs stay within about ±2; far outside that is a mis-read file, not a voice. */
const PLAUSIBLE_LIMIT = 100;

export type VoicePack = Float32Array;

/** Checks a pack's values; `label` names it in the message (a file path or a voice id). */
export function assertVoicePack(values: Float32Array, label: string): VoicePack {
  if (values.length !== PACK_VALUES) {
    throw new KoeError('invalid_args', `The voice pack ${label} has ${values.length} values; a Kokoro voice pack has ${PACK_VALUES} (510 × 256). It is truncated or not a Kokoro voice.`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || Math.abs(v) > PLAUSIBLE_LIMIT) {
      throw new KoeError('invalid_args', `The voice pack ${label} is corrupt: value ${i} (row ${Math.floor(i / STYLE_DIM)}) is ${v}. Download or import it again.`);
    }
  }
  return values;
}

/** Raw little-endian float32 bytes (the onnx-community `voices/<id>.bin` format). */
export function parseVoicePackBytes(bytes: Uint8Array, label: string): VoicePack {
  if (bytes.length !== PACK_BYTES) {
    throw new KoeError('invalid_args', `The voice pack ${label} is ${bytes.length} bytes; a Kokoro voice pack is ${PACK_BYTES} bytes (510 × 256 float32). It is truncated or not a Kokoro voice.`);
  }
  const values = new Float32Array(PACK_VALUES);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < PACK_VALUES; i++) values[i] = view.getFloat32(i * 4, true);
  return assertVoicePack(values, label);
}

export function voicePackBytes(pack: VoicePack): Uint8Array {
  const out = new Uint8Array(PACK_BYTES);
  const view = new DataView(out.buffer);
  for (let i = 0; i < PACK_VALUES; i++) view.setFloat32(i * 4, pack[i]!, true);
  return out;
}

/**
 * The style row for `phonemes` phoneme tokens (pads excluded): row min(n, 510) − 1, as the
 * reference pipeline and current kokoro-onnx pick it. kokoro-js and kokoro-onnx 0.5 use row n,
 * one longer than the text actually is.
 */
export function styleRowIndex(phonemes: number): number {
  return Math.max(0, Math.min(phonemes, STYLE_ROWS) - 1);
}

export function styleRow(pack: VoicePack, phonemes: number): Float32Array {
  const row = styleRowIndex(phonemes);
  return pack.subarray(row * STYLE_DIM, (row + 1) * STYLE_DIM);
}
