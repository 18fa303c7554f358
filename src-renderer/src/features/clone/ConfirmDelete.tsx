// The second step of deleting a cloned voice: deleting takes its reference recording too and cannot
// be undone, so the row asks once more, naming the voice.
interface Props {
  name: string;
  voiceId: string;
  busy: boolean;
  onDelete(): void;
  onKeep(): void;
}

export function ConfirmDelete({ name, voiceId, busy, onDelete, onKeep }: Props) {
  return (
    <div className="confirm-delete" role="group" aria-label={`Delete ${name}?`}>
      <span className="small">Delete “{name}” and its reference recording? This cannot be undone.</span>
      <button type="button" className="btn btn-small btn-danger" data-testid={`clone-delete-confirm-${voiceId}`} disabled={busy} onClick={onDelete}>
        Delete
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={onKeep}>
        Keep
      </button>
    </div>
  );
}
