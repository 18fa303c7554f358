// The timeline toolbar's transport: play/stop, loop, the playhead's time, the shuttle speed, and the
// key handler the screen calls first on every key press.
import type { KeyboardEvent } from 'react';
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import { PlayIcon, StopIcon } from '../../ui/Icons';
import { formatClock } from './mix-window';
import { JUMP_BACK_SEC, NUDGE_BIG_SEC, NUDGE_SEC, transportKeyFor } from './transport-keys';
import { togglePlayback } from '../../store/playback-actions';
import { pause, seekBy, seekEnd, seekStart, shuttleForward, toggleLoop, togglePlay, useTransport } from './transport';

/** Runs a transport key; returns true when the key was one (the caller then stops looking). */
export function onTransportKey(e: KeyboardEvent<HTMLElement>): boolean {
  const t = e.target as HTMLElement;
  const action = transportKeyFor(e, { tagName: t.tagName, type: (t as HTMLInputElement).type, isContentEditable: t.isContentEditable });
  if (!action) return false;
  e.preventDefault(); // also keeps the app-wide Space (play the script) out of it
  const nudge = e.shiftKey ? NUDGE_BIG_SEC : NUDGE_SEC;
  // Space goes through the one transport: it also stops the script's player if that is playing.
  if (action === 'toggle') togglePlayback();
  else if (action === 'back') seekBy(-JUMP_BACK_SEC);
  else if (action === 'pause') pause();
  else if (action === 'forward') shuttleForward();
  else if (action === 'start') seekStart();
  else if (action === 'end') seekEnd();
  else if (action === 'nudge-back') seekBy(-nudge);
  else if (action === 'nudge-forward') seekBy(nudge);
  else toggleLoop();
  return true;
}

export function Transport({ disabled }: { disabled: boolean }) {
  const playing = useTransport((s) => s.playing);
  const playhead = useTransport((s) => s.playhead);
  const rate = useTransport((s) => s.rate);
  const loop = useTransport((s) => s.loop);
  const loopOn = useTransport((s) => s.loopOn);
  const windows = useTransport((s) => s.windows);
  const audible = useTransport((s) => s.audibleWindows);
  const silentLines = useTransport((s) => s.silentLines);
  const firstSoundMs = useTransport((s) => s.firstSoundMs);
  const late = useTransport((s) => s.lateWindows);
  return (
    <div className="tl-transport" role="group" aria-label="Transport" data-testid="tl-transport" data-playing={playing} data-windows={windows} data-audible-windows={audible} data-first-sound-ms={firstSoundMs ?? ''} data-late-windows={late}>
      <button
        type="button"
        className="btn"
        disabled={disabled}
        title={playing ? 'Stop and return to where play started (Space)' : 'Play from the playhead (Space)'}
        data-testid="tl-play"
        onClick={togglePlay}
      >
        {playing ? <StopIcon /> : <PlayIcon />}
        {playing ? 'Stop' : 'Play'}
      </button>
      <button
        type="button"
        className={`btn btn-icon${loopOn ? ' is-active' : ''}`}
        disabled={!loop}
        aria-pressed={loopOn}
        title={loop ? 'Loop the marked range (R)' : 'Drag on the ruler to mark a range to loop'}
        data-testid="tl-loop"
        onClick={toggleLoop}
      >
        <LoopIcon />
      </button>
      <span className="tl-clock" data-testid="tl-clock" aria-label="Playhead time">
        {formatClock(playhead / SAMPLE_RATE)}
      </span>
      {rate !== 1 && <span className="tl-rate" data-testid="tl-rate">{rate}×</span>}
      {playing && silentLines > 0 && (
        <span className="tl-silent-note" title="They are queued for rendering and will be heard once ready">
          {silentLines} unrendered line{silentLines === 1 ? '' : 's'} silent
        </span>
      )}
    </div>
  );
}

function LoopIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M3 7.5V6.5a2 2 0 0 1 2-2h7.5M10.5 2.5l2 2-2 2M13 8.5v1a2 2 0 0 1-2 2H3.5M5.5 13.5l-2-2 2-2" />
    </svg>
  );
}

export function TransportError() {
  const error = useTransport((s) => s.error);
  if (!error) return null;
  return (
    <div className="tl-message is-bad" role="alert" data-testid="tl-transport-error">
      <span>{error}</span>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => useTransport.setState({ error: null })}>
        Dismiss
      </button>
    </div>
  );
}
