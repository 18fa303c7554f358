// The cloning steps' rules: stale check replies are ignored, editing the take voids the report and
// any accepted warnings, errors never let the person continue, and progress belongs to its job.
import { describe, expect, it } from 'vitest';
import type { QualityReport } from '../../../../src-main/contract/calls-clone';
import type { Voice } from '../../../../src-main/contract/schemas';
import { canContinue, flowReducer, initialFlow, type FileSource, type FlowAction, type FlowState } from './clone-flow';

function report(levels: ('ok' | 'warning' | 'error')[]): QualityReport {
  const ids = ['speech', 'clipping', 'level', 'noise', 'sample-rate'] as const;
  const checks = levels.map((level, i) => ({ id: ids[i]!, level, message: `${ids[i]} ${level}`, value: null }));
  const errors = levels.filter((l) => l === 'error').length;
  const warnings = levels.filter((l) => l === 'warning').length;
  return { ok: errors === 0, errors, warnings, checks, skipped: [], input: { sampleRate: 48_000, channels: 1, durationSec: 10, format: 'pcm' }, speechSec: 9, window: null };
}

const take = { pcm: new Float32Array(48_000 * 10), sampleRate: 48_000 };
const run = (actions: FlowAction[], from: FlowState = initialFlow()) => actions.reduce(flowReducer, from);

function recordedAndChecked(levels: ('ok' | 'warning' | 'error')[]): FlowState {
  const s = run([{ type: 'recorded', take, note: null }, { type: 'check-started' }]);
  return flowReducer(s, { type: 'check-done', seq: s.check.seq, report: report(levels) });
}

describe('clone flow', () => {
  it('a new take goes to review with the whole take selected and a check pending', () => {
    const s = run([{ type: 'recorded', take, note: 'unplugged' }]);
    expect(s.step).toBe('review');
    expect(s.source).toMatchObject({ kind: 'recording', trim: { startSec: 0, endSec: 10 }, note: 'unplugged' });
    expect(s.check.status).toBe('idle');
    expect(canContinue(s)).toBe(false);
  });

  it('a clean report lets the person continue to consent', () => {
    const s = recordedAndChecked(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(canContinue(s)).toBe(true);
    expect(flowReducer(s, { type: 'to-consent' }).step).toBe('consent');
  });

  it('warnings need the explicit checkbox; errors cannot be accepted at all', () => {
    const warned = recordedAndChecked(['ok', 'warning', 'ok', 'ok', 'ok']);
    expect(canContinue(warned)).toBe(false);
    expect(flowReducer(warned, { type: 'to-consent' }).step).toBe('review');
    expect(canContinue(flowReducer(warned, { type: 'accept-warnings', accept: true }))).toBe(true);

    const failed = run([{ type: 'accept-warnings', accept: true }], recordedAndChecked(['error', 'warning', 'ok', 'ok', 'ok']));
    expect(failed.acceptWarnings).toBe(true);
    expect(canContinue(failed)).toBe(false);
    expect(flowReducer(failed, { type: 'to-consent' }).step).toBe('review');
  });

  it('a trim voids the report and the accepted warnings, and the old reply cannot come back', () => {
    const before = run([{ type: 'accept-warnings', accept: true }], recordedAndChecked(['ok', 'warning', 'ok', 'ok', 'ok']));
    const oldSeq = before.check.seq;
    const trimmed = flowReducer(before, { type: 'trim', trim: { startSec: 1, endSec: 9 } });
    expect(trimmed.check).toMatchObject({ status: 'idle', report: null });
    expect(trimmed.acceptWarnings).toBe(false);
    expect(trimmed.source).toMatchObject({ trim: { startSec: 1, endSec: 9 } });
    const late = flowReducer(trimmed, { type: 'check-done', seq: oldSeq, report: report(['ok', 'ok', 'ok', 'ok', 'ok']) });
    expect(late.check.report).toBeNull();
    expect(canContinue(late)).toBe(false);
    // The same trim again changes nothing (no needless re-check).
    expect(flowReducer(trimmed, { type: 'trim', trim: { startSec: 1, endSec: 9 } })).toBe(trimmed);
  });

  it('a failed check shows its message and blocks continuing', () => {
    const s = run([{ type: 'recorded', take, note: null }]);
    const failed = flowReducer(s, { type: 'check-failed', seq: s.check.seq, message: 'not audio' });
    expect(failed.check).toMatchObject({ status: 'failed', error: 'not audio' });
    expect(canContinue(failed)).toBe(false);
  });

  it('an imported file arrives already checked; it has no trim', () => {
    const source: FileSource = { kind: 'file', fileName: 'me.wav', bytes: 10, send: { kind: 'bytes', base64: '', name: 'me.wav' }, preview: null, note: null };
    const s = flowReducer(initialFlow(), { type: 'file-checked', source, report: report(['ok', 'ok', 'ok', 'ok', 'ok']) });
    expect(s.step).toBe('review');
    expect(canContinue(s)).toBe(true);
    expect(flowReducer(s, { type: 'trim', trim: { startSec: 1, endSec: 2 } })).toBe(s);
  });

  it('progress and results only count for the running job; back is refused while cloning', () => {
    const consent = flowReducer(recordedAndChecked(['ok', 'ok', 'ok', 'ok', 'ok']), { type: 'to-consent' });
    const started = flowReducer(consent, { type: 'create-started', jobId: 'job-a' });
    expect(flowReducer(started, { type: 'create-started', jobId: 'job-b' })).toBe(started);
    expect(flowReducer(started, { type: 'back' })).toBe(started);
    const other = flowReducer(started, { type: 'progress', jobId: 'job-b', stage: 'encoding', fraction: 0.5 });
    expect(other.creating).toMatchObject({ stage: 'starting', fraction: 0 });
    const moving = flowReducer(started, { type: 'progress', jobId: 'job-a', stage: 'encoding', fraction: 0.55 });
    expect(moving.creating).toMatchObject({ stage: 'encoding', fraction: 0.55 });
    // An out-of-order event never moves the bar backwards.
    expect(flowReducer(moving, { type: 'progress', jobId: 'job-a', stage: 'processing', fraction: 0.4 }).creating?.fraction).toBe(0.55);

    const failed = flowReducer(moving, { type: 'create-failed', jobId: 'job-a', message: 'Cloning needs Pocket TTS', details: [] });
    expect(failed).toMatchObject({ step: 'consent', creating: null, createError: { message: 'Cloning needs Pocket TTS' } });

    // A cancel ends the job quietly, back on the consent step with the person's entries intact.
    expect(flowReducer(moving, { type: 'create-cancelled', jobId: 'job-b' })).toBe(moving);
    expect(flowReducer(moving, { type: 'create-cancelled', jobId: 'job-a' })).toMatchObject({ step: 'consent', creating: null, createError: null });

    const voice = { id: 'pocket:clone-abc', name: 'Me' } as Voice;
    const done = flowReducer(moving, { type: 'created', jobId: 'job-a', created: { voice, previewText: 'Hi', totalMs: 10, warningsAccepted: 0 } });
    expect(done.step).toBe('done');
    expect(done.created?.voice.id).toBe('pocket:clone-abc');
  });

  it('starting over clears everything but keeps stale replies stale', () => {
    const s = recordedAndChecked(['ok', 'ok', 'ok', 'ok', 'ok']);
    const fresh = flowReducer(s, { type: 'start-over' });
    expect(fresh.step).toBe('source');
    expect(fresh.source).toBeNull();
    expect(fresh.check.seq).toBeGreaterThan(s.check.seq);
  });
});
