// One voice in the library: what it is (language, gender, engine, kind, grade), a preview, and
// shortcuts to use it (for a speaker of the open script, or as the default voice).
import { memo } from 'react';
import type { Voice } from '../../../../src-main/contract/schemas';
import { PlayIcon, StarIcon, StopIcon, TrashIcon } from '../../ui/Icons';
import { setView } from '../../store/ui-actions';

interface Props {
  voice: Voice;
  isDefault: boolean;
  previewing: boolean;
  speakers: readonly string[];
  onPreview(id: string): void;
  onUseFor(speaker: string, id: string): void;
  onMakeDefault(id: string): void;
  /** Only for voices the user made (blends, clones). */
  onDelete?(id: string): void;
}

/** "Download the Kokoro model in Models": the words stay, and "Models" takes you there. */
function UnavailableReason({ reason }: { reason: string }) {
  const m = /^(.*) in Models\.?$/.exec(reason);
  if (!m) return <>{reason}</>;
  return (
    <>
      {m[1]} in{' '}
      <button type="button" className="link-btn" data-testid="voice-open-models" onClick={() => setView('models')}>
        Models
      </button>
    </>
  );
}

const GENDER: Record<Voice['gender'], string> = { female: 'Female', male: 'Male', neutral: 'Neutral', unknown: '' };

export const VoiceCard = memo(function VoiceCard({ voice: v, isDefault, previewing, speakers, onPreview, onUseFor, onMakeDefault, onDelete }: Props) {
  return (
    <li className={`voice-card${previewing ? ' is-playing' : ''}${v.available ? '' : ' is-unavailable'}`} data-testid={`voice-card-${v.id}`}>
      <div className="voice-card-head">
        <div className="voice-card-title">
          <span className="voice-name">{v.name}</span>
          <span className="voice-lang">
            {v.languageName} <span className="muted">· {v.language}</span>
          </span>
        </div>
        <button
          type="button"
          className={`icon-btn star${isDefault ? ' is-on' : ''}`}
          aria-label={isDefault ? `${v.name} is the default voice` : `Make ${v.name} the default voice`}
          aria-pressed={isDefault}
          title={isDefault ? 'Default voice' : 'Make default'}
          disabled={!v.available}
          onClick={() => onMakeDefault(v.id)}
        >
          <StarIcon size={14} filled={isDefault} />
        </button>
      </div>
      <div className="badges">
        {GENDER[v.gender] ? <span className={`badge badge-${v.gender}`}>{GENDER[v.gender]}</span> : null}
        <span className="badge badge-kind">{v.kind}</span>
        <span className="badge">{v.engine}</span>
        {v.grade ? (
          <span className="badge badge-grade" title="Kokoro's own grade of this voice's quality and training data, A (best) to F">
            grade {v.grade}
          </span>
        ) : null}
        {v.tags.filter((t) => t !== v.kind && t !== v.engine).slice(0, 2).map((t) => (
          <span key={t} className="badge badge-tag">{t}</span>
        ))}
      </div>
      {!v.available && (
        <p className="voice-unavailable">
          <UnavailableReason reason={v.unavailableReason ?? 'Not available'} />
        </p>
      )}
      <div className="voice-card-actions">
        <button
          type="button"
          className={`btn btn-small${previewing ? ' is-on' : ''}`}
          data-testid={`voice-preview-${v.id}`}
          disabled={!v.available}
          onClick={() => onPreview(v.id)}
        >
          {previewing ? <StopIcon size={12} /> : <PlayIcon size={12} />}
          <span>{previewing ? 'Stop' : 'Preview'}</span>
        </button>
        {speakers.length > 0 && v.available && (
          <select
            className="select select-small"
            aria-label={`Use ${v.name} for a speaker`}
            value=""
            onChange={(e) => {
              if (e.target.value) onUseFor(e.target.value, v.id);
            }}
          >
            <option value="">Use for…</option>
            {speakers.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
        {v.kind !== 'system' && onDelete && (
          <button type="button" className="icon-btn" aria-label={`Delete ${v.name}`} data-testid={`voice-delete-${v.id}`} onClick={() => onDelete(v.id)}>
            <TrashIcon size={14} />
          </button>
        )}
      </div>
    </li>
  );
});
