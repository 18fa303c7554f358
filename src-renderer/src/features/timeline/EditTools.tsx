// The toolbar's editing modes: ripple on or off, the natural gaps the layout leaves between lines
// (GapsPopover, which also holds what a Pocket TTS line continues from), and adding a marker. Each
// change is one undoable op in the core, like a clip edit.
import { useEffect, useRef, useState } from 'react';
import { addMarker } from './Markers';
import { GapsPopover } from './GapsPopover';
import { editTimeline, useTimeline } from './timeline-store';
const FlagIcon = () => (
  <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M3.5 14.5V2M3.5 2.5h8.5l-2 3 2 3H3.5" />
  </svg>
);

const RippleIcon = () => (
  <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <rect x="1.5" y="5" width="4" height="6" rx="1" />
    <rect x="7" y="5" width="3.5" height="6" rx="1" />
    <path d="M12.5 8h2.5M13.8 6.7 15 8l-1.2 1.3" />
  </svg>
);

const GapIcon = () => (
  <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d="M2 3v10M14 3v10M5 8h6M6.5 6.5 5 8l1.5 1.5M9.5 6.5 11 8 9.5 9.5" />
  </svg>
);

export function EditTools() {
  const options = useTimeline((s) => s.view?.options ?? null);
  const busy = useTimeline((s) => s.busy);
  const [gapsOpen, setGapsOpen] = useState(false);
  const gapsRoot = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!gapsOpen) return;
    const onDown = (e: PointerEvent) => {
      if (gapsRoot.current && !gapsRoot.current.contains(e.target as Node)) setGapsOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [gapsOpen]);

  if (!options) return null;
  const ripple = options.ripple;
  return (
    <>
      <button
        type="button"
        className={`btn tl-mode${ripple ? ' is-on' : ''}`}
        aria-pressed={ripple}
        disabled={busy}
        title={ripple ? 'Ripple on: a line that gets longer or shorter moves the lines after it' : 'Ripple off: lines stay where they are when another changes length'}
        aria-label="Ripple"
        data-testid="tl-ripple"
        onClick={() => void editTimeline({ type: 'ripple', on: !ripple }, ripple ? 'Turning ripple off' : 'Turning ripple on')}
      >
        <RippleIcon />
        <span className="tl-tool-label">Ripple</span>
      </button>
      <div className="tl-gaps" ref={gapsRoot}>
        <button type="button" className="btn" aria-expanded={gapsOpen} aria-controls="tl-gaps-popover" aria-label="Gaps" title={`The pauses the layout leaves between lines, and whether a line continues from the one before${options.contextMode === 'off' ? '' : ' (on)'}`} data-testid="tl-gaps" onClick={() => setGapsOpen(!gapsOpen)}>
          <GapIcon />
          <span className="tl-tool-label">Gaps</span>
        </button>
        {gapsOpen && <GapsPopover options={options} onClose={() => setGapsOpen(false)} />}
      </div>
      <button type="button" className="btn" disabled={busy} title="Add a marker at the playhead (M)" aria-label="Add marker" data-testid="tl-add-marker" onClick={() => void addMarker()}>
        <FlagIcon />
        <span className="tl-tool-label">Marker</span>
      </button>
    </>
  );
}
