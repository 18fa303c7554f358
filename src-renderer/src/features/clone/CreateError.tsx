// Why a clone failed, with the core's details, and a way to Models when the cloning model is what is
// missing.
import { AlertIcon } from '../../ui/Icons';
import type { FlowState } from './clone-flow';

export function CreateError({ error, onOpenModels }: { error: NonNullable<FlowState['createError']>; onOpenModels(): void }) {
  const needsModel = /Download Pocket TTS/.test(error.message);
  return (
    <div className="clone-alert is-bad" role="alert" data-testid="clone-create-error">
      <AlertIcon size={15} />
      <div>
        <p>{error.message}</p>
        {error.details.length > 1 && (
          <ul className="alert-details">
            {error.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
        {needsModel && (
          <button type="button" className="btn btn-small" onClick={onOpenModels}>
            Open Models
          </button>
        )}
      </div>
    </div>
  );
}
