// A cloned voice's styles: the reference it was made with (its default style) and those added (a
// whisper, an excited take), each previewable, renamable and deletable, except the default one,
// which is the voice itself. "Add a style" opens the clone steps for this voice, with the same
// checks and consent. A direction named like a style, or a line's own pick, speaks with it.
import { useState } from 'react';
import type { CloneInfo } from '../../../../src-main/contract/calls-clone';
import { previewStyle, styleKey } from '../../store/playback-actions';
import { selectPreviewVoiceId } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { PlayIcon, StopIcon, TrashIcon } from '../../ui/Icons';
import { deleteStyle, renameStyle } from './clone-actions';
import { InlineTextForm } from './InlineTextForm';
import type { RunVerb } from './useCloneList';

interface Props {
  clone: CloneInfo;
  busy: boolean;
  run: RunVerb;
  onAddStyle(): void;
}

export function StyleList({ clone: c, busy, run, onAddStyle }: Props) {
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);
  const playing = useStudio(selectPreviewVoiceId);

  const saveName = () => {
    if (!renaming) return;
    const to = renaming.to.trim();
    if (!to || to === renaming.from) {
      setRenaming(null);
      return;
    }
    void run(async () => {
      await renameStyle(c.voiceId, renaming.from, to);
      setRenaming(null);
      return `Renamed the style “${renaming.from}” to “${to}”.`;
    });
  };

  return (
    <div className="clone-styles" data-testid={`clone-styles-${c.voiceId}`}>
      <span className="clone-styles-label muted small">Styles</span>
      <ul className="clone-style-list">
        {c.styles.map((st) => {
          const on = playing === styleKey(c.voiceId, st.name);
          return (
            <li key={st.name} className="clone-style" data-testid={`clone-style-${st.name}`}>
              {renaming?.from === st.name ? (
                <InlineTextForm
                  value={renaming.to}
                  label={`New name for the style ${st.name}`}
                  inputTestId={`clone-style-rename-input-${st.name}`}
                  saveTestId={`clone-style-rename-save-${st.name}`}
                  maxLength={40}
                  busy={busy}
                  onChange={(to) => setRenaming({ from: st.name, to })}
                  onSave={saveName}
                  onCancel={() => setRenaming(null)}
                />
              ) : (
                <>
                  <button
                    type="button"
                    className={`btn btn-small btn-ghost${on ? ' is-on' : ''}`}
                    aria-label={`${on ? 'Stop' : 'Preview'} the style ${st.name}`}
                    data-testid={`clone-style-preview-${st.name}`}
                    disabled={!c.available}
                    onClick={() => previewStyle(c.voiceId, st.name)}
                  >
                    {on ? <StopIcon size={11} /> : <PlayIcon size={11} />}
                  </button>
                  <button type="button" className="style-name" title="Rename this style" data-testid={`clone-style-rename-${st.name}`} disabled={busy} onClick={() => setRenaming({ from: st.name, to: st.name })}>
                    {st.name}
                  </button>
                  <span className="muted small">
                    {st.referenceSec.toFixed(1)} s{st.isDefault ? ' · default' : ''}
                  </span>
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={`Delete the style ${st.name}`}
                    title={st.isDefault ? 'The reference the voice was made with stays while the voice exists' : `Delete the style ${st.name} and its reference`}
                    data-testid={`clone-style-delete-${st.name}`}
                    disabled={busy || st.isDefault}
                    onClick={() => void run(async () => (await deleteStyle(c.voiceId, st.name), `Deleted the style “${st.name}” of “${c.name}”.`))}
                  >
                    <TrashIcon size={12} />
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" className="btn btn-small" data-testid={`clone-add-style-${c.voiceId}`} disabled={busy || !c.available} onClick={onAddStyle}>
        Add a style…
      </button>
    </div>
  );
}
