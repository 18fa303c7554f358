// A one-field form that replaces a label while it is edited (a clone's name, its tags): Enter or
// Save commits, Escape or Cancel gives up.
interface Props {
  value: string;
  label: string;
  inputTestId: string;
  saveTestId: string;
  placeholder?: string;
  maxLength?: number;
  busy: boolean;
  onChange(value: string): void;
  onSave(): void;
  onCancel(): void;
}

export function InlineTextForm({ value, label, inputTestId, saveTestId, placeholder, maxLength, busy, onChange, onSave, onCancel }: Props) {
  return (
    <form
      className="rename-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <input
        className="input input-small"
        aria-label={label}
        data-testid={inputTestId}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        autoFocus
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel();
        }}
      />
      <button type="submit" className="btn btn-small btn-primary" data-testid={saveTestId} disabled={busy}>
        Save
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
