// The steps of cloning a voice, as one reducer: get a recording (record or import), review it
// (trim, listen, quality checks), consent, clone, done. Kept apart from the components so the rules
// that matter are testable without a browser: a check answered after the take changed is ignored,
// any edit to the take voids the last report and the warnings the person accepted, and errors can
// never be waved through.
import type { QualityReport } from '../../../../src-main/contract/calls-clone';
import type { Voice } from '../../../../src-main/contract/schemas';
import type { Take, Trim } from '../../audio/recorder-take';

export type Step = 'source' | 'review' | 'consent' | 'done';
export type CloneStage = 'reading' | 'checking' | 'processing' | 'encoding' | 'saving' | 'done';

export interface RecordedSource {
  kind: 'recording';
  take: Take;
  trim: Trim;
  /** Something the person should know about how the take ended (a device unplugged). */
  note: string | null;
}

export interface FileSource {
  kind: 'file';
  fileName: string;
  bytes: number;
  /** What is sent to the core: the file itself, or (too large to send) the part chosen on the page. */
  send: { kind: 'bytes'; base64: string; name: string } | { kind: 'pcm'; base64: string; sampleRate: number; channels: 1 };
  /** Decoded on the page for the waveform and playback; null where the browser cannot decode it. */
  preview: Take | null;
  note: string | null;
}

export type Source = RecordedSource | FileSource;

export interface CheckState {
  /** Bumped by every edit; a reply for an older number is stale. */
  seq: number;
  status: 'idle' | 'running' | 'done' | 'failed';
  report: QualityReport | null;
  error: string | null;
}

export interface CreateState {
  jobId: string;
  stage: CloneStage | 'starting';
  fraction: number;
}

export interface CreatedVoice {
  voice: Voice;
  previewText: string;
  totalMs: number;
  warningsAccepted: number;
}

export interface FlowState {
  step: Step;
  source: Source | null;
  check: CheckState;
  acceptWarnings: boolean;
  creating: CreateState | null;
  createError: { message: string; details: string[] } | null;
  created: CreatedVoice | null;
}

export type FlowAction =
  | { type: 'recorded'; take: Take; note: string | null }
  | { type: 'file-checked'; source: FileSource; report: QualityReport }
  | { type: 'trim'; trim: Trim }
  | { type: 'check-started' }
  | { type: 'check-done'; seq: number; report: QualityReport }
  | { type: 'check-failed'; seq: number; message: string }
  | { type: 'accept-warnings'; accept: boolean }
  | { type: 'to-consent' }
  | { type: 'back' }
  | { type: 'create-started'; jobId: string }
  | { type: 'progress'; jobId: string; stage: CloneStage; fraction: number }
  | { type: 'create-failed'; jobId: string; message: string; details: string[] }
  /** The person stopped it; the core stored nothing, so the step is as it was before "Clone". */
  | { type: 'create-cancelled'; jobId: string }
  | { type: 'created'; jobId: string; created: CreatedVoice }
  | { type: 'start-over' };

export function initialFlow(): FlowState {
  return { step: 'source', source: null, check: { seq: 0, status: 'idle', report: null, error: null }, acceptWarnings: false, creating: null, createError: null, created: null };
}

/** Nothing is cut by default: the core trims silence itself, and the person decides what else goes. */
export function fullTrim(take: Take): Trim {
  return { startSec: 0, endSec: take.pcm.length / take.sampleRate };
}

function voided(s: FlowState): Pick<FlowState, 'check' | 'acceptWarnings' | 'createError'> {
  return { check: { seq: s.check.seq + 1, status: 'idle', report: null, error: null }, acceptWarnings: false, createError: null };
}

export function flowReducer(s: FlowState, a: FlowAction): FlowState {
  switch (a.type) {
    case 'recorded':
      return { ...s, ...voided(s), step: 'review', source: { kind: 'recording', take: a.take, trim: fullTrim(a.take), note: a.note }, created: null };
    case 'file-checked': {
      const v = voided(s);
      return { ...s, ...v, step: 'review', source: a.source, check: { ...v.check, status: 'done', report: a.report }, created: null };
    }
    case 'trim':
      if (s.source?.kind !== 'recording' || s.step !== 'review') return s;
      if (a.trim.startSec === s.source.trim.startSec && a.trim.endSec === s.source.trim.endSec) return s;
      return { ...s, ...voided(s), source: { ...s.source, trim: a.trim } };
    case 'check-started':
      return { ...s, check: { ...s.check, status: 'running', error: null } };
    case 'check-done':
      if (a.seq !== s.check.seq) return s;
      return { ...s, check: { ...s.check, status: 'done', report: a.report, error: null } };
    case 'check-failed':
      if (a.seq !== s.check.seq) return s;
      return { ...s, check: { ...s.check, status: 'failed', report: null, error: a.message } };
    case 'accept-warnings':
      return { ...s, acceptWarnings: a.accept };
    case 'to-consent':
      return canContinue(s) ? { ...s, step: 'consent', createError: null } : s;
    case 'back':
      if (s.creating) return s;
      if (s.step === 'consent') return { ...s, step: 'review', createError: null };
      if (s.step === 'review') return { ...s, ...voided(s), step: 'source', source: null };
      return s;
    case 'create-started':
      return s.step === 'consent' && !s.creating ? { ...s, creating: { jobId: a.jobId, stage: 'starting', fraction: 0 }, createError: null } : s;
    case 'progress':
      if (s.creating?.jobId !== a.jobId) return s;
      return { ...s, creating: { ...s.creating, stage: a.stage, fraction: Math.max(s.creating.fraction, a.fraction) } };
    case 'create-failed':
      if (s.creating?.jobId !== a.jobId) return s;
      return { ...s, creating: null, createError: { message: a.message, details: a.details } };
    case 'create-cancelled':
      if (s.creating?.jobId !== a.jobId) return s;
      return { ...s, creating: null, createError: null };
    case 'created':
      if (s.creating?.jobId !== a.jobId) return s;
      return { ...s, step: 'done', creating: null, createError: null, created: a.created };
    case 'start-over':
      return { ...initialFlow(), check: { ...initialFlow().check, seq: s.check.seq + 1 } };
  }
}

/** Cloning may go ahead: a current report with no errors, and any warnings accepted. */
export function canContinue(s: FlowState): boolean {
  const r = s.check.report;
  if (s.check.status !== 'done' || !r) return false;
  if (r.errors > 0) return false;
  return r.warnings === 0 || s.acceptWarnings;
}
