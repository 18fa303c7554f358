// The slow, fallible half of making a clone or a style, shared so both get the same checks: consent
// first (nothing about the recording is read without it), then decoding, the quality checks (errors
// block, warnings need accepting), the cleanup and the encoder. Nothing here stores anything.
import { KoeError } from '../contract/errors';
import type { CondEncoder, EncodedVoice } from '../engines/pocket/encoder';
import { problems, type QualityReport } from './checks';
import { checkConsent, type ConsentInput, type ConsentRecord } from './consent';
import { processReference } from './process';
import { analyzeReference, type ReferenceSource } from './reference';

export type CloneStage = 'reading' | 'checking' | 'processing' | 'encoding' | 'saving' | 'done';

export interface PreparedReference {
  consent: ConsentRecord;
  report: QualityReport;
  /** Where the audio came from: 'microphone' or the file's name. */
  origin: string;
  ref: { pcm: Float32Array; sampleRate: number };
  encoded: EncodedVoice;
  encodeMs: number;
}

export interface PrepareInput {
  source: ReferenceSource;
  consent: Partial<ConsentInput>;
  acceptWarnings?: boolean;
}

export async function prepareReference(input: PrepareInput, encoder: () => CondEncoder, onStage?: (stage: CloneStage) => void, signal?: AbortSignal, afterEncode?: () => void | Promise<void>): Promise<PreparedReference> {
  const consent = checkConsent(input.consent);
  onStage?.('reading');
  const analyzed = await analyzeReference(input.source);
  onStage?.('checking');
  const report = analyzed.report;
  const [first] = problems(report);
  if (!report.ok) {
    throw new KoeError('invalid_args', `This recording cannot be cloned: ${first!.message}`, Object.fromEntries(problems(report).map((c) => [c.id, c.message])));
  }
  if (report.warnings > 0 && !input.acceptWarnings) {
    throw new KoeError('conflict', `The recording has ${report.warnings === 1 ? 'a warning' : `${report.warnings} warnings`}: ${first!.message} Accept the warnings to clone it anyway.`, Object.fromEntries(problems(report).map((c) => [c.id, c.message])));
  }
  if (signal?.aborted) throw new KoeError('cancelled', 'Cloning was cancelled; nothing was stored.');

  onStage?.('processing');
  const ref = processReference(analyzed.mono, analyzed.sampleRate);
  onStage?.('encoding');
  const t0 = performance.now();
  const encoded = await encoder().encode(ref.pcm, signal);
  const encodeMs = performance.now() - t0;
  await afterEncode?.();
  if (signal?.aborted) throw new KoeError('cancelled', 'Cloning was cancelled; nothing was stored.');
  return { consent, report, origin: analyzed.origin, ref, encoded, encodeMs };
}
