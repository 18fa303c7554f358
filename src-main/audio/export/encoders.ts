// One entry point for every export format, plus the pump that streams blocks through an encoder
// into an atomically written file with progress and cancel — what `koe render --format` and the
// CLI need for a single file without the whole export job.
import { KoeError } from '../../contract/errors';
import { AtomicFileWriter } from '../../fs/atomic';
import { createFlacEncoder } from './encode-flac';
import { createMp3Encoder } from './encode-mp3';
import { createOpusEncoder } from './encode-opus';
import { createWavEncoder } from './encode-wav';
import type { AudioEncoder, ByteSink, EncoderOptions, ExportFormat } from './encoder';
import { createM4bEncoder } from './encode-m4b';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['wav', 'mp3', 'flac', 'opus', 'm4b'];

export function isExportFormat(x: unknown): x is ExportFormat {
  return typeof x === 'string' && (EXPORT_FORMATS as readonly string[]).includes(x);
}

/** Checks the options a format would refuse, turning the encoders' RangeErrors into KoeErrors. */
export async function createEncoder(format: ExportFormat, sink: ByteSink, opts: EncoderOptions): Promise<AudioEncoder> {
  try {
    switch (format) {
      case 'wav':
        return createWavEncoder(sink, opts);
      case 'mp3':
        return await createMp3Encoder(sink, opts);
      case 'flac':
        return await createFlacEncoder(sink, opts);
      case 'opus':
        return await createOpusEncoder(sink, opts);
      case 'm4b':
        return await createM4bEncoder(sink, opts);
    }
  } catch (e) {
    if (e instanceof RangeError) throw new KoeError('invalid_args', `Cannot export ${format.toUpperCase()}: ${e.message}.`);
    throw e;
  }
  throw new KoeError('invalid_args', `Unknown export format "${String(format)}". Choose wav, mp3, flac, opus or m4b.`);
}

/** Lets timers, IPC and a cancel click through between blocks of pure computation. */
export const breathe = () => new Promise<void>((r) => setImmediate(r));

/** Throws KoeError('cancelled') once `signal` has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new KoeError('cancelled', 'Export cancelled.');
}

export interface EncodeFileOptions extends EncoderOptions {
  signal?: AbortSignal;
  /** Called after each block with the fraction done (needs totalFrames to be meaningful). */
  onProgress?(fraction: number): void;
}

/**
 * Streams `blocks` through a `format` encoder into `path`. The file appears, complete, only if
 * every block was encoded and the commit succeeded; on cancel or any failure nothing is left under
 * `path` (and the temp file is removed).
 */
export async function encodeToFile(path: string, format: ExportFormat, blocks: Iterable<readonly Float32Array[]> | AsyncIterable<readonly Float32Array[]>, opts: EncodeFileOptions): Promise<void> {
  throwIfCancelled(opts.signal);
  const writer = await AtomicFileWriter.open(path);
  let encoder: AudioEncoder | null = null;
  try {
    encoder = await createEncoder(format, writer, opts);
    let done = 0;
    for await (const block of blocks) {
      throwIfCancelled(opts.signal);
      await encoder.write(block);
      done += block[0]?.length ?? 0;
      if (opts.totalFrames) opts.onProgress?.(Math.min(1, done / opts.totalFrames));
    }
    throwIfCancelled(opts.signal);
    await encoder.finish();
    await writer.commit();
  } catch (e) {
    encoder?.dispose();
    await writer.abort();
    throw e;
  }
}
