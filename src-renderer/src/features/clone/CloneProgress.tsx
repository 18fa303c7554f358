// The clone's progress while the core works: its stage in words, a bar, and Cancel.
import { cssVars } from '../../lib/css-vars';
import type { CloneStage, CreateState } from './clone-flow';

const STAGE_WORDS: Record<CloneStage | 'starting', string> = {
  starting: 'Sending the recording…',
  reading: 'Reading the recording…',
  checking: 'Checking it…',
  processing: 'Cleaning it up (mono, 24 kHz, silence, loudness)…',
  encoding: 'Learning the voice…',
  saving: 'Saving the voice…',
  done: 'Done',
};

export function CloneProgress({ creating, onCancel }: { creating: CreateState; onCancel(): void }) {
  return (
    <div className="clone-progress" data-testid="clone-progress" data-stage={creating.stage}>
      <div className="progress-track" style={cssVars({ '--fraction': creating.fraction })}>
        <div className="progress-fill" />
      </div>
      <div className="clone-progress-row">
        <p className="small" data-testid="clone-progress-stage">
          {STAGE_WORDS[creating.stage]}
        </p>
        <button type="button" className="btn btn-small btn-ghost" data-testid="clone-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
