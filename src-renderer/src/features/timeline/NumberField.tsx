// A number input that commits once, on Enter or when it loses focus, rather than on every keystroke:
// each commit is an undoable edit in the core, and "-12" typed key by key must not become three.
import { useEffect, useState } from 'react';

interface Props {
  value: number;
  min: number;
  max: number;
  step: number;
  unit: string;
  label: string;
  testId?: string;
  onCommit: (value: number) => void;
}

export function NumberField({ value, min, max, step, unit, label, testId, onCommit }: Props) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) return setText(String(value));
    const clamped = Math.min(max, Math.max(min, n));
    setText(String(clamped));
    if (clamped !== value) onCommit(clamped);
  };
  return (
    <label className="tl-num" title={label}>
      <input
        type="number"
        value={text}
        min={min}
        max={max}
        step={step}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(String(value));
        }}
      />
      <span className="tl-num-unit">{unit}</span>
    </label>
  );
}
