// The transport: the File and Edit menus, project name, Play / Stop, the playhead clock, which line is speaking, help
// and export. It reads the playback slice only, so the clock ticking re-renders this bar and nothing
// else. The slice is the one playback state of the studio: on the Timeline screen it shows the
// timeline's player, and Play plays the timeline from its playhead (playTransport).
import { useEffect, useState } from 'react';
import { formatTime } from '../../audio/timeline';
import { playTransport, stopPlayback } from '../../store/playback-actions';
import { renameProject } from '../../store/project-actions';
import { selectPlayback, selectPlaybackMode, selectPositionSec, selectProjectName, selectView, useParsedScript, useRoster, READING } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { cssVars } from '../../lib/css-vars';
import { ExportControl } from '../export';
import { FileMenu } from '../files';
import { EditMenu } from './EditMenu';
import { HelpPopover } from './HelpPopover';
import { PlayIcon, StopIcon } from '../../ui/Icons';

function ProjectName() {
  const name = useStudio(selectProjectName);
  const [value, setValue] = useState(name);
  useEffect(() => setValue(name), [name]);
  return (
    <input
      className="project-title"
      aria-label="Project name"
      data-testid="project-name"
      value={value}
      maxLength={200}
      spellCheck={false}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => (value.trim() ? renameProject(value) : setValue(name))}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
        if (e.key === 'Escape') {
          setValue(name);
          e.currentTarget.blur();
        }
      }}
    />
  );
}

function NowPlaying() {
  const playback = useStudio(selectPlayback);
  const parse = useParsedScript();
  const { lines } = parse;
  const roster = useRoster();
  const active = playback.mode === 'all' || playback.mode === 'line';
  const line = active && playback.lineIndex !== null ? lines.find((l) => l.index === playback.lineIndex) : undefined;
  const color = line ? roster.find((r) => r.name === line.speaker)?.color : undefined;
  const total = Math.max(1, playback.mode === 'all' ? lines.length : 1);
  const position = playback.mode === 'all' && line ? lines.indexOf(line) : 0;
  const timeline = playback.mode === 'timeline';
  const progress = timeline ? Math.min(1, playback.positionSec / Math.max(1e-3, playback.durationSec)) : active ? Math.min(1, (position + playback.lineFraction) / total) : 0;
  return (
    <div className="now-playing" data-testid="now-playing" aria-live="off">
      <div className="now-playing-text">
        {line ? (
          <>
            <span className="swatch" style={cssVars({ '--swatch': color ?? 'var(--text-2)' })} />
            <span className="now-line">
              Line {line.index + 1}
              {playback.mode === 'all' ? <span className="muted"> of {lines.length}</span> : null}
            </span>
            <span className="now-speaker">{line.speaker}</span>
            {playback.buffering ? <span className="now-buffering">buffering</span> : null}
          </>
        ) : timeline ? (
          <span className="now-line" data-testid="now-timeline">
            Timeline<span className="muted"> of {formatTime(playback.durationSec)}</span>
          </span>
        ) : playback.mode === 'preview' ? (
          <span className="muted">Previewing a voice</span>
        ) : (
          <span className="muted">Stopped · {parse === READING ? 'reading the script…' : `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}`}</span>
        )}
      </div>
      <div className="progress" role="progressbar" aria-label="Playback progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
        <div className="progress-fill" style={cssVars({ '--fill': progress })} />
      </div>
    </div>
  );
}

/** The playhead clock, apart so its ticking re-renders only itself. */
function Clock({ idle }: { idle: boolean }) {
  const positionSec = useStudio(selectPositionSec);
  return (
    <output className={`clock${idle ? '' : ' is-running'}`} data-testid="playhead-time" aria-label="Playhead time">
      {formatTime(positionSec)}
    </output>
  );
}

export function TransportBar() {
  // The mode, not the whole slice: the bar's menus and export control need not re-render as the clock runs.
  const mode = useStudio(selectPlaybackMode);
  const onTimeline = useStudio(selectView) === 'timeline';
  const playingAll = mode === 'all' || mode === 'timeline';
  const idle = mode === 'idle';
  return (
    <header className="transport">
      <FileMenu />
      <EditMenu />
      <ProjectName />
      <div className="transport-buttons" role="group" aria-label="Transport">
        <button
          type="button"
          className={`btn btn-transport btn-play${playingAll ? ' is-on' : ''}`}
          data-testid="play-all"
          title={onTimeline ? 'Play the timeline from its playhead (Space)' : 'Play all (Space)'}
          onClick={() => playTransport()}
        >
          <PlayIcon />
          <span>{onTimeline ? 'Play' : 'Play all'}</span>
        </button>
        <button type="button" className={`btn btn-transport btn-stop${idle ? ' is-idle' : ''}`} data-testid="stop" title="Stop (Esc)" onClick={() => stopPlayback()}>
          <StopIcon />
          <span className="visually-hidden">Stop</span>
        </button>
      </div>
      <Clock idle={idle} />
      <NowPlaying />
      <div className="transport-right">
        <HelpPopover />
        <ExportControl />
      </div>
    </header>
  );
}
