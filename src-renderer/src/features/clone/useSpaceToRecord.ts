// Space is the studio's play key. With the microphone on it records and stops instead: playing the
// script now would put the studio's own voice into the take. Captured on the window before the
// studio's handler; on a focused control Space stays that control's.
import { useEffect } from 'react';
import { isTextEntry } from '../../keyboard/shortcuts';
import type { MicPhase } from './useMicrophone';

export function useSpaceToRecord(on: boolean, phase: MicPhase, record: () => void, stop: () => void): void {
  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (el && isTextEntry({ tagName: el.tagName, type: (el as HTMLInputElement).type, isContentEditable: el.isContentEditable })) return;
      e.stopPropagation();
      if (el?.closest('button, a, input, select, [role="slider"], [role="tab"]')) return;
      e.preventDefault();
      if (e.repeat) return;
      if (phase === 'ready') record();
      else if (phase === 'countin' || phase === 'recording') stop();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [on, phase, record, stop]);
}
