// One downloadable asset on the Models screen: title, state, size, licence and how it is checked,
// the live progress of its download, and Download/Resume, Cancel or Remove.
import { useState } from 'react';
import type { ModelAsset, ModelProgress } from '../../../../src-main/contract/calls-models';
import { call } from '../../client';
import { formatBytes, formatEta, formatRate } from '../../lib/format';
import { SelfTestLine } from './SelfTestLine';

const STATE_LABEL: Record<ModelAsset['state'], string> = {
  installed: 'Installed',
  unverified: 'Installed (unverified)',
  partial: 'Partly downloaded',
  corrupt: 'Damaged',
  missing: 'Not installed',
};

function ProgressLine({ p }: { p: ModelProgress }) {
  const fraction = p.total > 0 ? Math.min(1, p.bytes / p.total) : 0;
  return (
    <div className="model-progress" data-testid="model-progress">
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <span className="bar-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="muted">
        {p.phase === 'downloading' ? `${formatBytes(p.bytes)} of ${formatBytes(p.total)} · ${formatRate(p.rate)} ${formatEta(p.etaSec) ? `· ${formatEta(p.etaSec)}` : ''}` : p.phase}
      </span>
    </div>
  );
}

export function AssetRow({ a, progress, onChanged }: { a: ModelAsset; progress: ModelProgress | undefined; onChanged(): void }) {
  const [error, setError] = useState<string | null>(null);
  const running = !!a.job || (progress && !['done', 'failed', 'cancelled'].includes(progress.phase));
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
    onChanged();
  };
  const failed = progress?.phase === 'failed' ? progress.error?.message : null;
  return (
    <li className={`model-row${a.recommended ? ' is-recommended' : ''}`} data-testid={`model-${a.id}`}>
      <div className="model-main">
        <div className="model-title">
          <span className="model-name">{a.title}</span>
          {a.recommended && <span className="badge badge-kind">Recommended</span>}
          <span className={`badge model-state is-${a.state}`} data-testid={`model-state-${a.id}`}>
            {STATE_LABEL[a.state]}
          </span>
          {a.selfTest?.status === 'failed' && <span className="badge model-state is-corrupt">Failed self-test</span>}
        </div>
        <div className="model-meta muted">
          {a.bytesEstimated ? `about ${formatBytes(a.bytes)}` : formatBytes(a.bytes)}
          {a.fileCount > 1 ? ` · ${a.fileCount} files` : ''} · {a.license} · {a.checksums === 'all' ? 'checked by sha256' : a.checksums === 'some' ? 'partly sha256-checked' : 'checked by size and a test load'}
          {a.bytesOnDisk > 0 && a.state !== 'installed' ? ` · ${formatBytes(a.bytesOnDisk)} on disk` : ''}
        </div>
        {a.notes && <p className="model-notes">{a.notes}</p>}
        {a.problem && <p className="form-error">{a.problem}</p>}
        <SelfTestLine test={a.selfTest} />
        {running && progress && <ProgressLine p={progress} />}
        {(error || failed) && (
          <p className="form-error" role="alert">
            {error ?? failed}
          </p>
        )}
      </div>
      <div className="model-actions">
        {running ? (
          <button type="button" className="btn btn-small" data-testid={`model-cancel-${a.id}`} onClick={() => void act(() => call('models.cancel', { id: a.id }))}>
            Cancel
          </button>
        ) : a.state !== 'installed' ? (
          <button type="button" className="btn btn-small btn-primary" data-testid={`model-download-${a.id}`} onClick={() => void act(() => call('models.download', { id: a.id, withRequired: true }))}>
            {a.state === 'partial' ? 'Resume' : 'Download'}
          </button>
        ) : null}
        {(a.state !== 'missing' || a.bytesOnDisk > 0) && !running && (
          <button type="button" className="btn btn-small btn-ghost" data-testid={`model-remove-${a.id}`} onClick={() => void act(() => call('models.remove', { id: a.id }))}>
            Remove
          </button>
        )}
      </div>
    </li>
  );
}
