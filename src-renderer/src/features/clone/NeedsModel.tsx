// Said before recording, not after consent: cloning needs the Pocket TTS model, and when it is not
// on this computer yet the screen says so up front, with its size and a button that fetches it
// while the creator records.
import { useEffect, useState } from 'react';
import type { ModelList } from '../../../../src-main/contract/calls-models';
import { call } from '../../client';
import { formatBytes } from '../../lib/format';
import { pendingOf, useGetModel } from '../models';
import { AlertIcon } from '../../ui/Icons';

const POCKET = 'pocket-tts-en';

export function NeedsModel() {
  const [list, setList] = useState<ModelList | null>(null);
  const get = useGetModel();
  useEffect(() => {
    call('models.list', {}).then(setList, () => setList(null));
  }, [get.state.kind]);
  if (!list || !list.assets.some((a) => a.id === POCKET) || get.state.kind === 'done') return null;
  const pending = pendingOf(list, POCKET);
  if (pending.bytes === 0) return null;
  const size = `${pending.estimated ? 'about ' : ''}${formatBytes(pending.bytes)}`;
  const running = get.state.kind === 'running' ? get.state : null;
  return (
    <div className="clone-alert is-warn" role="status" data-testid="clone-needs-model">
      <AlertIcon size={15} />
      <div>
        <p>
          Cloning needs the Pocket TTS model ({size}), which is not on this computer yet. You can record now; it must be here before the
          voice is made.
        </p>
        {running ? (
          <span className="muted" data-testid="clone-needs-model-progress">
            {running.total > 0 ? `${formatBytes(running.bytes)} of ${formatBytes(running.total)}` : 'Starting…'}
          </span>
        ) : (
          <button type="button" className="btn btn-small" data-testid="clone-get-model" onClick={() => void get.start(POCKET)}>
            Get Pocket TTS
          </button>
        )}
        {get.state.kind === 'failed' && <p className="form-error">{get.state.message} Models has the details and a Resume button.</p>}
      </div>
    </div>
  );
}
