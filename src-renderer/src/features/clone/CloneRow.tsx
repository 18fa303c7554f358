// One cloned voice in the list: its name and tags (each editable in place), reference length and
// consent, and its verbs: preview, use for a speaker, re-encode, rename, tag, export, delete (after
// a confirmation, as it takes the reference recording with it); below them, its styles.
import { useState } from 'react';
import type { CloneInfo } from '../../../../src-main/contract/calls-clone';
import { previewVoice } from '../../store/playback-actions';
import { selectPreviewVoiceId } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { PlayIcon, StopIcon, TrashIcon } from '../../ui/Icons';
import { deleteClone, exportClone, parseTags, reencodeClones, renameClone, tagClone } from './clone-actions';
import { ConfirmDelete } from './ConfirmDelete';
import { InlineTextForm } from './InlineTextForm';
import type { RunVerb } from './useCloneList';
import { StyleList } from './StyleList';
import { UseForSpeaker } from './UseForSpeaker';

export function CloneRow({ clone: c, busy, run, onAddStyle }: { clone: CloneInfo; busy: boolean; run: RunVerb; onAddStyle(clone: CloneInfo): void }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [tagging, setTagging] = useState<string | null>(null);
  // "clone" is the library's own marker, added back by the core on every save: not the person's to edit.
  const userTags = c.tags.filter((t) => t !== 'clone');
  const previewing = useStudio(selectPreviewVoiceId) === c.voiceId;
  const created = new Date(c.createdAt);

  const saveName = () => {
    const name = renaming?.trim() ?? '';
    if (!name || name === c.name) {
      setRenaming(null);
      return;
    }
    void run(async () => {
      await renameClone(c.voiceId, name);
      setRenaming(null);
      return `Renamed to “${name}”.`;
    });
  };

  const saveTags = () => {
    const text = tagging ?? '';
    void run(async () => {
      const tags = parseTags(text);
      await tagClone(c.voiceId, tags);
      setTagging(null);
      return tags.some((t) => t !== 'clone') ? `Tagged “${c.name}”: ${tags.join(', ')}.` : `Removed the tags of “${c.name}”.`;
    });
  };

  return (
    <li className={`clone-row${c.available ? '' : ' is-unavailable'}`} data-testid={`clone-row-${c.voiceId}`}>
      <div className="clone-row-main">
        {renaming !== null ? (
          <InlineTextForm
            value={renaming}
            label={`New name for ${c.name}`}
            inputTestId={`clone-rename-input-${c.voiceId}`}
            saveTestId={`clone-rename-save-${c.voiceId}`}
            maxLength={80}
            busy={busy}
            onChange={setRenaming}
            onSave={saveName}
            onCancel={() => setRenaming(null)}
          />
        ) : (
          <span className="voice-name" data-testid={`clone-name-${c.voiceId}`}>
            {c.name}
          </span>
        )}
        <span className="muted small">
          {c.referenceSec.toFixed(1)} s reference · consent by {c.consent.who} · {Number.isNaN(created.getTime()) ? c.createdAt : created.toLocaleDateString()}
        </span>
        {tagging !== null ? (
          <InlineTextForm
            value={tagging}
            label={`Tags for ${c.name}, separated by commas`}
            inputTestId={`clone-tags-input-${c.voiceId}`}
            saveTestId={`clone-tags-save-${c.voiceId}`}
            placeholder="warm, narration, en-GB"
            busy={busy}
            onChange={setTagging}
            onSave={saveTags}
            onCancel={() => setTagging(null)}
          />
        ) : (
          userTags.length > 0 && (
            <span className="clone-tags" data-testid={`clone-tags-${c.voiceId}`}>
              {userTags.map((t) => (
                <span key={t} className="tag-chip">
                  {t}
                </span>
              ))}
            </span>
          )
        )}
        {!c.available && <span className="voice-unavailable">{c.unavailableReason ?? 'Not available'}</span>}
      </div>
      <div className="clone-row-actions">
        <button
          type="button"
          className={`btn btn-small${previewing ? ' is-on' : ''}`}
          data-testid={`clone-preview-${c.voiceId}`}
          disabled={!c.available}
          onClick={() => previewVoice(c.voiceId)}
        >
          {previewing ? <StopIcon size={12} /> : <PlayIcon size={12} />}
          <span>{previewing ? 'Stop' : 'Preview'}</span>
        </button>
        {c.available && <UseForSpeaker voiceId={c.voiceId} voiceName={c.name} />}
        {c.needsReencode && (
          <button type="button" className="btn btn-small" data-testid={`clone-reencode-${c.voiceId}`} disabled={busy} onClick={() => void run(async () => (await reencodeClones(c.voiceId), `Re-encoded “${c.name}”.`))}>
            Re-encode
          </button>
        )}
        <span className="clone-row-more">
          <button type="button" className="btn btn-small btn-ghost" data-testid={`clone-rename-${c.voiceId}`} disabled={busy || renaming !== null} onClick={() => setRenaming(c.name)}>
            Rename
          </button>
          <button type="button" className="btn btn-small btn-ghost" data-testid={`clone-tags-edit-${c.voiceId}`} disabled={busy || tagging !== null} onClick={() => setTagging(userTags.join(', '))}>
            Tags
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            data-testid={`clone-export-${c.voiceId}`}
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const where = await exportClone(c);
                return where ? `Exported “${c.name}” to ${where}.` : null;
              })
            }
          >
            Export
          </button>
          <button type="button" className="icon-btn" aria-label={`Delete ${c.name}`} data-testid={`clone-delete-${c.voiceId}`} disabled={busy || confirming} onClick={() => setConfirming(true)}>
            <TrashIcon size={14} />
          </button>
        </span>
      </div>
      <StyleList clone={c} busy={busy} run={run} onAddStyle={() => onAddStyle(c)} />
      {confirming && <ConfirmDelete name={c.name} voiceId={c.voiceId} busy={busy} onDelete={() => void run(async () => (await deleteClone(c.voiceId), `Deleted “${c.name}” and its reference recording.`))} onKeep={() => setConfirming(false)} />}
    </li>
  );
}
