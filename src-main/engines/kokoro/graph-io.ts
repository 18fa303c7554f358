// Reads a loaded graph's inputs and outputs and decides how to talk to it, or refuses it with a
// message that names what is wrong. Kokoro exports disagree on details (ENGINES.md 1.2): the token
// input is `input_ids` or `tokens`, and speed is float32 in most files but int32 in some, where
// sending the wrong type fails every request. Checking once at load turns a confusing failure on
// the first sentence into a clear one at import time.
import { KoeError } from '../../contract/errors';
import type { GraphDescription, ValueMeta } from '../onnx/graph-io';

export type SpeedType = 'float32' | 'int32';

export interface KokoroGraphIo {
  tokenInput: 'input_ids' | 'tokens';
  tokenType: 'int64' | 'int32';
  styleType: 'float32' | 'float16';
  /** null when the runtime reports no types: the host tries float32, then int32 on a type error. */
  speedType: SpeedType | null;
  audioOutput: string;
  audioType: 'float32' | 'float16';
  /** Frames per token, in the re-exports that have it. */
  durationOutput: string | null;
}

function metaOf(list: readonly ValueMeta[] | undefined, name: string): ValueMeta | undefined {
  return list?.find((m) => m.name === name);
}

function refuse(label: string, problem: string, g: GraphDescription): KoeError {
  return new KoeError(
    'invalid_args',
    `${label} is not a Kokoro model: ${problem}. Its inputs are ${g.inputNames.join(', ') || '(none)'} and its outputs ${g.outputNames.join(', ') || '(none)'}; ` +
      'Kokoro v1.0 takes input_ids (or tokens), style and speed and returns audio.',
  );
}

export function inspectKokoroGraph(g: GraphDescription, label: string): KokoroGraphIo {
  const tokenInput = g.inputNames.includes('input_ids') ? 'input_ids' : g.inputNames.includes('tokens') ? 'tokens' : null;
  if (!tokenInput) throw refuse(label, 'it has no input_ids or tokens input', g);
  for (const name of ['style', 'speed']) if (!g.inputNames.includes(name)) throw refuse(label, `it has no ${name} input`, g);
  const extra = g.inputNames.filter((n) => n !== tokenInput && n !== 'style' && n !== 'speed');
  if (extra.length) throw refuse(label, `it also needs ${extra.join(', ')}, which Kokoro does not have`, g);
  if (g.outputNames.length === 0) throw refuse(label, 'it has no outputs', g);

  const typeOf = (name: string, list?: readonly ValueMeta[]): string | undefined => {
    const m = metaOf(list, name);
    if (m && !m.isTensor) throw refuse(label, `${name} is not a tensor`, g);
    return m?.type;
  };
  const tokenType = typeOf(tokenInput, g.inputMetadata) ?? 'int64';
  if (tokenType !== 'int64' && tokenType !== 'int32') throw refuse(label, `${tokenInput} is ${tokenType}, not int64`, g);
  const styleType = typeOf('style', g.inputMetadata) ?? 'float32';
  if (styleType !== 'float32' && styleType !== 'float16') throw refuse(label, `style is ${styleType}, not float32`, g);
  const styleShape = metaOf(g.inputMetadata, 'style')?.shape;
  const styleWidth = styleShape?.[styleShape.length - 1];
  if (typeof styleWidth === 'number' && styleWidth !== 256) throw refuse(label, `style is ${styleWidth} wide, not 256`, g);
  const speedType = typeOf('speed', g.inputMetadata) ?? null;
  if (speedType !== null && speedType !== 'float32' && speedType !== 'int32') throw refuse(label, `speed is ${speedType}, not float32 or int32`, g);

  // kokoro-onnx reads output 0 whatever its name; prefer the known names when present.
  const audioOutput = g.outputNames.find((n) => n === 'waveform' || n === 'audio') ?? g.outputNames[0]!;
  const audioType = typeOf(audioOutput, g.outputMetadata) ?? 'float32';
  if (audioType !== 'float32' && audioType !== 'float16') throw refuse(label, `its audio output ${audioOutput} is ${audioType}, not float32`, g);
  return {
    tokenInput,
    tokenType,
    styleType,
    speedType,
    audioOutput,
    audioType,
    durationOutput: g.outputNames.includes('duration') ? 'duration' : null,
  };
}
