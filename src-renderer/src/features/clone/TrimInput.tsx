// A seconds field for one edge of the trim. Edits are kept as typed text and applied on Enter or
// leaving the field: applying every keystroke would clamp "1" before "1.5" could be typed.
import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: number;
  max: number;
  testId: string;
  onCommit(sec: number): void;
}

export function TrimInput({ label, value, max, testId, onCommit }: Props) {
  const [text, setText] = useState(value.toFixed(1));
  useEffect(() => setText(value.toFixed(1)), [value]);
  const commit = () => {
    const n = Number(text.replace(',', '.'));
    if (Number.isFinite(n)) onCommit(n);
    else setText(value.toFixed(1));
  };
  return (
    <label className="trim-field">
      <span>{label}</span>
      <input
        className="input input-small input-number"
        type="number"
        inputMode="decimal"
        min={0}
        max={max.toFixed(1)}
        step={0.1}
        data-testid={testId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <span className="muted">s</span>
    </label>
  );
}
