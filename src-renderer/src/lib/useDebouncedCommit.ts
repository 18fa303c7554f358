// A control's own value that follows the store but commits back only after the user pauses, so
// dragging a slider sends one settings.set instead of fifty racing ones.
import { useEffect, useRef, useState } from 'react';

export function useDebouncedCommit<T>(value: T, commit: (v: T) => void, delayMs = 300): [T, (v: T) => void] {
  const [local, setLocal] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef(false);
  useEffect(() => {
    if (!pending.current) setLocal(value);
  }, [value]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const set = (v: T) => {
    setLocal(v);
    pending.current = true;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      pending.current = false;
      commit(v);
    }, delayMs);
  };
  return [local, set];
}
