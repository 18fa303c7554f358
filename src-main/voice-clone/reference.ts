// From what the user gave (a file, uploaded bytes, or PCM from the recorder) to a checked reference:
// decode, downmix, choose the best 20 s of a long recording, and run the quality checks on exactly
// the part that will be cloned. `clone.check` stops here; `clone.create` goes on to process.ts.
import { readBoundedFile } from '../fs/bounded-read';
import { basename } from 'node:path';
import { KoeError } from '../contract/errors';
import { toMono } from '../audio/pcm';
import { checkReference, type QualityReport } from './checks';
import { decodeAudio, formatName, MAX_INPUT_BYTES } from '../audio/decode';
import { bestWindow } from './window';

export type ReferenceSource =
  | { kind: 'file'; path: string }
  | { kind: 'bytes'; bytes: Uint8Array; name?: string }
  /** Straight from the recorder: one Float32Array per channel. */
  | { kind: 'pcm'; channels: Float32Array[]; sampleRate: number };

export interface AnalyzedReference {
  report: QualityReport;
  /** Mono, at the input's rate, cut to the window the report describes. */
  mono: Float32Array;
  sampleRate: number;
  /** Where it came from, for the clone's record: 'microphone' or a file name. */
  origin: string;
}

function readSource(path: string): Promise<Uint8Array> {
  return readBoundedFile(path, {
    maxBytes: MAX_INPUT_BYTES,
    what: 'an audio file',
    label: 'Audio file',
    tooLarge: (size) => `${basename(path)} is ${Math.round(size / 1e6)} MB; recordings over ${MAX_INPUT_BYTES / 1024 / 1024} MB are not read. Cut out a minute or two of clear speech.`,
  });
}

export async function analyzeReference(source: ReferenceSource): Promise<AnalyzedReference> {
  let channels: Float32Array[];
  let sampleRate: number;
  let format: string;
  let origin: string;
  if (source.kind === 'pcm') {
    if (!source.channels.length || !(source.sampleRate >= 1000 && source.sampleRate <= 384_000)) throw new KoeError('invalid_args', 'The recording has no channels or an impossible sample rate.');
    channels = source.channels;
    sampleRate = source.sampleRate;
    format = 'PCM';
    origin = 'microphone';
  } else {
    const label = source.kind === 'file' ? basename(source.path) : source.name ?? 'The upload';
    const bytes = source.kind === 'file' ? await readSource(source.path) : source.bytes;
    const decoded = await decodeAudio(bytes, label);
    channels = decoded.channels;
    sampleRate = decoded.sampleRate;
    format = formatName(decoded.format);
    origin = source.kind === 'file' ? basename(source.path) : source.name ?? 'upload';
  }
  const full = toMono(channels);
  const durationSec = full.length / sampleRate;
  const w = bestWindow(full, sampleRate);
  const mono = w ? full.slice(w.start, w.end) : full;
  const report = checkReference({ pcm: mono, sampleRate, channels: channels.length, format, durationSec, window: w ? { startSec: Math.round(w.startSec * 100) / 100, endSec: Math.round(w.endSec * 100) / 100 } : null });
  return { report, mono, sampleRate, origin };
}
