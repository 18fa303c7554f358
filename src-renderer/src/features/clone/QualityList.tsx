// The quality report: each check with its level and the core's own sentence, which already says
// what to do. Warnings come with the one checkbox that lets the person clone anyway; errors have no
// such box, because a clone of them would not sound like anyone.
import type { QualityReport } from '../../../../src-main/contract/calls-clone';

const TITLES: Record<QualityReport['checks'][number]['id'], string> = {
  speech: 'Speech',
  clipping: 'Clipping',
  level: 'Level',
  noise: 'Background noise',
  'sample-rate': 'Sample rate',
  speakers: 'Speakers',
  length: 'Length',
};

const LEVEL_WORD = { ok: 'OK', warning: 'Warning', error: 'Error' } as const;

interface Props {
  report: QualityReport;
  /** Where the audio came from, when the core only saw PCM (the microphone, a file decoded here). */
  formatLabel?: string;
  acceptWarnings: boolean;
  onAcceptWarnings(accept: boolean): void;
}

function summary(r: QualityReport): string {
  if (r.errors > 0) return r.errors === 1 ? 'One problem must be fixed before cloning.' : `${r.errors} problems must be fixed before cloning.`;
  if (r.warnings > 0) return r.warnings === 1 ? 'Usable, with one warning.' : `Usable, with ${r.warnings} warnings.`;
  return 'Good to clone.';
}

export function QualityList({ report: r, formatLabel, acceptWarnings, onAcceptWarnings }: Props) {
  const verdict = r.errors > 0 ? 'error' : r.warnings > 0 ? 'warning' : 'ok';
  return (
    <section className="quality" aria-label="Quality checks" data-testid="clone-checks" data-verdict={verdict}>
      <p className={`quality-summary is-${verdict}`} data-testid="clone-checks-summary">
        {summary(r)}
        <span className="muted small">
          {' '}
          {formatLabel ?? r.input.format.toUpperCase()} · {r.input.sampleRate} Hz · {r.input.channels === 1 ? 'mono' : `${r.input.channels} channels`} · {r.input.durationSec.toFixed(1)} s · {r.speechSec.toFixed(1)} s of speech
        </span>
      </p>
      <ul className="check-list">
        {r.checks.map((c) => (
          <li key={c.id} className={`check is-${c.level}`} data-testid={`clone-check-${c.id}`} data-level={c.level}>
            <span className={`check-level is-${c.level}`}>{LEVEL_WORD[c.level]}</span>
            <span className="check-title">{TITLES[c.id]}</span>
            <span className="check-message">{c.message}</span>
          </li>
        ))}
      </ul>
      {r.skipped.length > 0 && (
        <p className="muted small check-skipped">
          Not checked: {r.skipped.map((s) => s.reason).join(' ')}
        </p>
      )}
      {r.errors > 0 ? (
        <p className="check-verdict is-error" data-testid="clone-errors-block">
          Errors cannot be overridden: fix the problem above and record again, or choose another recording.
        </p>
      ) : r.warnings > 0 ? (
        <label className="check-accept" data-testid="clone-accept-warnings-label">
          <input type="checkbox" data-testid="clone-accept-warnings" checked={acceptWarnings} onChange={(e) => onAcceptWarnings(e.target.checked)} />
          <span>I have read the {r.warnings === 1 ? 'warning' : 'warnings'} and want to clone this recording anyway.</span>
        </label>
      ) : null}
    </section>
  );
}
