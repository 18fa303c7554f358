// A model's self-test on its row: passed (with what it read), waiting for a voice, or failed with
// each reason and the figures, so a failed download explains itself without a log.
import type { SelfTestResult } from '../../../../src-main/contract/calls-models';

function figuresLine(f: SelfTestResult['figures']): string {
  if (f.samples === undefined) return '';
  return `${((f.samples ?? 0) / 24_000).toFixed(2)} s for ${f.phonemes} phonemes · RMS ${(f.rmsDbfs ?? -999) <= -999 ? '-∞' : f.rmsDbfs} dBFS · ${Math.round((f.bandShare ?? 0) * 100)}% in the speech band · ${f.clicks ?? 0} clicks`;
}

export function SelfTestLine({ test }: { test: SelfTestResult | null | undefined }) {
  if (!test) return null;
  if (test.status === 'passed') {
    return (
      <p className="muted" data-testid="model-selftest">
        Passed its self-test: {figuresLine(test.figures)}
      </p>
    );
  }
  if (test.status === 'skipped') {
    return (
      <p className="muted" data-testid="model-selftest">
        Self-test not run yet: {test.failures.join('; ')}.
      </p>
    );
  }
  return (
    <div className="form-error" role="alert" data-testid="model-selftest">
      <strong>Failed self-test</strong>: not used; another installed variant that passed speaks instead.
      <ul>
        {test.failures.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <span className="muted">{figuresLine(test.figures)}</span>
    </div>
  );
}
