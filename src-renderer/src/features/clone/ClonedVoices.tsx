// The person's cloned voices: preview, rename, export to a .koevoice file, delete (with the reference
// audio), re-encode after a model update, and import a voice file made on another machine. This
// draws the list's head, alerts and rows; useCloneList keeps the list and runs the verbs.
import { useRef } from 'react';
import type { CloneInfo } from '../../../../src-main/contract/calls-clone';
import { reencodeClones } from './clone-actions';
import { CloneRow } from './CloneRow';
import { useCloneList } from './useCloneList';

export function ClonedVoices({ onAddStyle, reloadKey }: { onAddStyle(clone: CloneInfo): void; reloadKey: number }) {
  const { clones, status, busy, run, importFile } = useCloneList(reloadKey);
  const fileInput = useRef<HTMLInputElement>(null);

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
            <CloneRow key={c.voiceId} clone={c} busy={busy} run={run} onAddStyle={onAddStyle} />
          ))}
        </ul>
      )}
    </section>
  );
}
