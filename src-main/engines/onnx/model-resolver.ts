// How an engine finds a model file: by asking a resolver for the catalog path, never by looking in
// the folder itself. In the app the core answers from the model manager's verification records
// (ModelManager.verifiedPath), so a half-downloaded, hand-dropped or changed file is never loaded;
// every engine with downloadable files (Kokoro, Pocket TTS) takes the same resolver.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a catalog file (models-folder-relative, '/'-separated, e.g. "kokoro/onnx/model.onnx") is
 * installed and verified, or null.
 */
export type ModelResolver = (relPath: string) => string | null;

/**
 * Trusts whatever file is present. Only for code pointed straight at a folder it made itself (tests
 * and benches on the generated fixtures); the app resolves through the model manager instead.
 */
export function filesOnDisk(modelsDir: string): ModelResolver {
  return (relPath) => {
    const path = join(modelsDir, ...relPath.split('/'));
    return existsSync(path) ? path : null;
  };
}
