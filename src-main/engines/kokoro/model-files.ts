// Where the Kokoro files live under the models folder. A real download and `npm run fixtures`
// produce the same layout, so the engine cannot tell a fixture from the real model:
//   kokoro/onnx/<variant>.onnx      the graph (model.onnx = fp32; model_fp16.onnx, …)
//   kokoro/voices/<id>.bin          one raw pack per preset voice
//   kokoro/voices-v1.0.bin          or all presets in one NumPy archive (kokoro-onnx release)
//   kokoro/custom/<id>.bin + .json  blends the user saved, with their language and recipe
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ModelResolver } from '../onnx/model-resolver';

export const KOKORO_DIR = 'kokoro';

/**
 * Variants in the order the engine picks one when nothing is configured: fp32 first, since it is
 * the fastest on CPU in published measurements (the 8-bit files are smaller, not faster).
 */
export const MODEL_PREFERENCE = [
  'model.onnx',
  'kokoro-v1.0.onnx',
  'model_fp16.onnx',
  'kokoro-v1.0.fp16.onnx',
  'model_quantized.onnx',
  'kokoro-v1.0.int8.onnx',
  'model_q8f16.onnx',
  'model_uint8.onnx',
  'model_uint8f16.onnx',
  'model_q4.onnx',
  'model_q4f16.onnx',
] as const;

export function kokoroPaths(modelsDir: string) {
  const root = join(modelsDir, KOKORO_DIR);
  return {
    root,
    onnxDir: join(root, 'onnx'),
    model: (file: string) => join(root, 'onnx', file),
    voicesDir: join(root, 'voices'),
    voice: (id: string) => join(root, 'voices', `${id}.bin`),
    voicesNpz: join(root, 'voices-v1.0.bin'),
    customDir: join(root, 'custom'),
    customPack: (id: string) => join(root, 'custom', `${id}.bin`),
    customMeta: (id: string) => join(root, 'custom', `${id}.json`),
  };
}

export const kokoroModelRel = (file: string): string => `${KOKORO_DIR}/onnx/${file}`;
export const kokoroVoiceRel = (id: string): string => `${KOKORO_DIR}/voices/${id}.bin`;

/** The model file to load: `preferred` when it resolves, else the first that does in preference order. */
export function findKokoroModel(resolve: ModelResolver, preferred?: string): string | null {
  const candidates = preferred ? [preferred, ...MODEL_PREFERENCE] : MODEL_PREFERENCE;
  for (const file of candidates) {
    const path = resolve(kokoroModelRel(file));
    if (path) return path;
  }
  return null;
}

/** Preset ids whose pack resolves, in catalog order. */
export function resolvedPresets(resolve: ModelResolver, ids: readonly string[]): string[] {
  return ids.filter((id) => resolve(kokoroVoiceRel(id)) !== null);
}

/**
 * Identifies the model build in audio-cache keys: a different variant or a replaced file must
 * never serve audio rendered by the old one. Size and mtime are enough to notice a replacement
 * without hashing 300 MB on every chunk.
 */
export function kokoroModelVersion(modelPath: string | null): string {
  if (!modelPath) return 'kokoro-missing';
  const s = statSync(modelPath);
  return `kokoro-v1.0:${basename(modelPath)}:${s.size}:${Math.round(s.mtimeMs)}`;
}
