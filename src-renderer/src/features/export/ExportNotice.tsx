// What an export came to, under the top bar: where the file went with its length, size and
// loudness, and Reveal (show it in its folder) and Play (open it in the system's player on the
// desktop; in a browser, play the download once more while the server still holds it).
import { useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { currentToken, withToken } from '../../client/token';
import { revealFile } from '../../store/file-actions';
import { selectIsDesktop } from '../../store/selectors';
import type { StudioData } from '../../store/slices';
import { useStudio } from '../../store/studio';
import { reportError } from '../../store/ui-actions';
import { CloseIcon } from '../../ui/Icons';

type Job = NonNullable<StudioData['exportJob']>;

export function ExportNotice({ job, onDismiss }: { job: Job; onDismiss(): void }) {
  const desktop = useStudio(selectIsDesktop);
  const [playing, setPlaying] = useState<HTMLAudioElement | null>(null);
  const [playProblem, setPlayProblem] = useState<string | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(
    () => () => {
      playing?.pause();
      for (const u of urls.current) URL.revokeObjectURL(u);
    },
    [playing],
  );
  const title = job.phase === 'done' ? 'Exported' : job.phase === 'cancelled' ? 'Export cancelled' : 'Export failed';

  const play = async () => {
    setPlayProblem(null);
    if (playing) {
      playing.pause();
      setPlaying(null);
      return;
    }
    if (job.path) {
      try {
        const r = await call('file.open', { path: job.path });
        if (!r.supported) setPlayProblem(`The file is at ${job.path}.`);
      } catch (e) {
        reportError('export', 'Play the export', e);
      }
      return;
    }
    if (!job.downloadUrl) return;
    // The server lets a download be fetched once more within a minute of the first.
    const res = await fetch(withToken(job.downloadUrl, currentToken())).catch(() => null);
    if (!res?.ok) {
      setPlayProblem(`${job.fileName ?? 'The file'} is in your browser's downloads; open it from there.`);
      return;
    }
    const url = URL.createObjectURL(await res.blob());
    urls.current.push(url);
    const audio = new Audio(url);
    audio.onended = () => setPlaying(null);
    await audio.play().catch(() => setPlayProblem('The browser could not play this format; open the download instead.'));
    setPlaying(audio);
  };

  return (
    <div className={`export-notice is-${job.phase}`} data-testid="export-status" role="status" aria-live="polite">
      <div className="export-notice-head">
        <span>{title}</span>
        <button type="button" className="icon-btn" aria-label="Dismiss export status" data-testid="export-dismiss" onClick={onDismiss}>
          <CloseIcon size={14} />
        </button>
      </div>
      {job.message && job.phase !== 'cancelled' ? <span className="export-message">{job.message}</span> : null}
      {playProblem ? <span className="export-message muted">{playProblem}</span> : null}
      {job.phase === 'done' && (job.path || job.downloadUrl) ? (
        <div className="export-notice-actions">
          {job.path && desktop ? (
            <button type="button" className="btn btn-small export-reveal" data-testid="export-reveal" onClick={() => void revealFile(job.path!)}>
              Reveal in folder
            </button>
          ) : null}
          <button type="button" className="btn btn-small" data-testid="export-play" onClick={() => void play()}>
            {playing ? 'Stop' : 'Play'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
