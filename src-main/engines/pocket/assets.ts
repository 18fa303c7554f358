// Reads a Pocket TTS assets.json (ENGINES.md 2.2): the config, the SentencePiece tokenizer (base64
// ModelProto) and the preset voices (base64 little-endian float16, [rows, model_dim] each as the
// config says). Everything is checked against the config once, here, so a damaged or mismatched
// download fails at load with a sentence, not mid-synthesis with a tensor shape.
import { readFile } from 'node:fs/promises';
import { KoeError } from '../../contract/errors';
import { fromHalf } from '../onnx/half-float';
import { parsePocketConfig, type PocketConfig } from './config';

export interface VoiceCond {
  /** Row-major [rows, dim] conditioning, BOS-before-voice row included. */
  data: Float32Array;
  rows: number;
  dim: number;
}

export interface PocketAssets {
  config: PocketConfig;
  tokenizer: Uint8Array;
  voices: Map<string, VoiceCond>;
}

function fromBase64(s: unknown, what: string): Uint8Array {
  if (typeof s !== 'string' || !s) throw new KoeError('invalid_args', `The Pocket TTS assets have no ${what}.`);
  const b = Buffer.from(s, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export function parsePocketAssets(json: string, label = 'assets.json'): PocketAssets {
  let raw: { config?: unknown; tokenizer?: unknown; voices?: unknown };
  try {
    raw = JSON.parse(json) as typeof raw;
  } catch {
    throw new KoeError('invalid_args', `${label} is not valid JSON (the download may be incomplete). Download it again.`);
  }
  if (!raw || typeof raw !== 'object') throw new KoeError('invalid_args', `${label} is not a Pocket TTS asset file.`);
  const config = parsePocketConfig(raw.config);
  const tokenizer = fromBase64(raw.tokenizer, 'tokenizer');
  const voices = new Map<string, VoiceCond>();
  const rawVoices = raw.voices && typeof raw.voices === 'object' ? (raw.voices as Record<string, unknown>) : {};
  for (const [name, b64] of Object.entries(rawVoices)) {
    const bytes = fromBase64(b64, `voice ${name}`);
    if (bytes.byteLength % 2 !== 0) throw new KoeError('invalid_args', `Voice ${name} in ${label} is not float16 data.`);
    const half = new Uint16Array(bytes.byteLength / 2);
    new Uint8Array(half.buffer).set(bytes);
    const data = fromHalf(half);
    const shape = config.voices[name];
    const rows = shape ? shape[0] : data.length / config.modelDim;
    if (!Number.isInteger(rows) || rows * config.modelDim !== data.length || (shape && shape[1] !== config.modelDim)) {
      throw new KoeError('invalid_args', `Voice ${name} in ${label} has ${data.length} values, which is not [${shape?.join(', ') ?? `rows, ${config.modelDim}`}].`);
    }
    voices.set(name, { data, rows, dim: config.modelDim });
  }
  return { config, tokenizer, voices };
}

export async function readPocketAssets(path: string): Promise<PocketAssets> {
  return parsePocketAssets(await readFile(path, 'utf8'), path);
}
