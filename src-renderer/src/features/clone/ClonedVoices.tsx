// The person's cloned voices: preview, rename, export to a .koevoice file, delete (with the reference
// audio), re-encode after a model update, and import a voice file made on another machine. The list
// is clone.list, reloaded whenever the library's voices change, so edits made anywhere show here.
import { useEffect, useRef, useState } from 'react';
import type { CloneInfo } from '../../../../src-main/contract/calls-clone';
import { errorMessage } from '../../client';
import { previewVoice } from '../../store/playback-actions';
import { selectPreviewVoiceId, selectVoices } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { PlayIcon, StopIcon, TrashIcon } from '../../ui/Icons';
import { deleteClone, exportClone, importVoiceFile, listClones, parseTags, reencodeClones, renameClone, tagClone } from './clone-actions';
import { isVoiceFile } from './import-file';
import { UseForSpeaker } from './UseForSpeaker';

type Status = { kind: 'ok' | 'bad'; text: string } | null;

export function ClonedVoices() {
  const voices = useStudio(selectVoices);
  const [clones, setClones] = useState<CloneInfo[] | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    listClones().then(
      (list) => live && setClones(list),
      (e: unknown) => live && setStatus({ kind: 'bad', text: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [voices]);

  const run = async (what: () => Promise<string | null>) => {
    setBusy(true);
    setStatus(null);
    try {
      const text = await what();
      if (text) setStatus({ kind: 'ok', text });
    } catch (e) {
      setStatus({ kind: 'bad', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const importFile = (file: File) =>
    void run(async () => {
      if (!isVoiceFile(file.name)) throw new Error(`${file.name} is not a Koe voice file (.koevoice). To clone from a recording, use Record or Import a recording.`);
      const r = await importVoiceFile(file);
      return `Imported “${r.name}”${r.reencoded ? ', re-encoded for the model on this machine' : ''}.`;
    });

  const stale = clones?.filter((c) => c.needsReencode) ?? [];

  return (
    <section className="cloned-voices card" aria-label="Your cloned voices" data-testid="clone-list">
      <div className="cloned-head">
        <h2 className="card-title">Your cloned voices</h2>
        <button type="button" className="btn btn-small" data-testid="clone-import-voice" disabled={busy} onClick={() => fileInput.current?.click()}>
          Import voice file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".koevoice"
          className="visually-hidden"
          tabIndex={-1}
          data-testid="clone-import-voice-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) importFile(f);
          }}
        />
      </div>
      {stale.length > 1 && (
        <div className="clone-alert is-warn">
          <p>{stale.length} voices were made with another Pocket TTS model and must be encoded again to speak.</p>
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(async () => `Re-encoded ${(await reencodeClones()).length} voices.`)}>
            Re-encode all
          </button>
        </div>
      )}
      {status && (
        <p className={`clone-status is-${status.kind}`} role={status.kind === 'bad' ? 'alert' : 'status'} data-testid="clone-list-status">
          {status.text}
        </p>
      )}
      {clones === null ? (
        <p className="empty">Loading…</p>
      ) : clones.length === 0 ? (
        <p className="empty" data-testid="clone-list-empty">
          No cloned voices yet. Record yourself or import a recording to make one, or import a .koevoice file exported from another machine.
        </p>
      ) : (
        <ul className="clone-rows">
          {clones.map((c) => (
            <CloneRow key={c.voiceId} clone={c} busy={busy} run={run} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CloneRow({ clone: c, busy, run }: { clone: CloneInfo; busy: boolean; run(what: () => Promise<string | null>): Promise<void> }) {
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
          <form
            className="rename-form"
            onSubmit={(e) => {
              e.preventDefault();
              saveName();
            }}
          >
            <input
              className="input input-small"
              aria-label={`New name for ${c.name}`}
              data-testid={`clone-rename-input-${c.voiceId}`}
              value={renaming}
              maxLength={80}
              autoFocus
              onChange={(e) => setRenaming(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setRenaming(null);
              }}
            />
            <button type="submit" className="btn btn-small btn-primary" data-testid={`clone-rename-save-${c.voiceId}`} disabled={busy}>
              Save
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        ) : (
          <span className="voice-name" data-testid={`clone-name-${c.voiceId}`}>
            {c.name}
          </span>
        )}
        <span className="muted small">
          {c.referenceSec.toFixed(1)} s reference · consent by {c.consent.who} · {Number.isNaN(created.getTime()) ? c.createdAt : created.toLocaleDateString()}
        </span>
        {tagging !== null ? (
          <form
            className="rename-form"
            onSubmit={(e) => {
              e.preventDefault();
              saveTags();
            }}
          >
            <input
              className="input input-small"
              aria-label={`Tags for ${c.name}, separated by commas`}
              data-testid={`clone-tags-input-${c.voiceId}`}
              value={tagging}
              placeholder="warm, narration, en-GB"
              autoFocus
              onChange={(e) => setTagging(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setTagging(null);
              }}
            />
            <button type="submit" className="btn btn-small btn-primary" data-testid={`clone-tags-save-${c.voiceId}`} disabled={busy}>
              Save
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setTagging(null)}>
              Cancel
            </button>
          </form>
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
      {confirming && (
        <div className="confirm-delete" role="group" aria-label={`Delete ${c.name}?`}>
          <span className="small">Delete “{c.name}” and its reference recording? This cannot be undone.</span>
          <button
            type="button"
            className="btn btn-small btn-danger"
            data-testid={`clone-delete-confirm-${c.voiceId}`}
            disabled={busy}
            onClick={() => void run(async () => (await deleteClone(c.voiceId), `Deleted “${c.name}” and its reference recording.`))}
          >
            Delete
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      )}
    </li>
  );
}
