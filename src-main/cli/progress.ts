// The CLI's export progress, on stderr. --progress prints one "progress <fraction> <stage>" line per
// change, which scripts and tests can follow (the file is being written when the stage says
// "Writing"). Without it, a terminal gets a bar redrawn in place with the time left; a pipe or a
// log file gets nothing, so output meant for machines stays clean.
import type { EventPayload } from '../contract/calls';

type Progress = EventPayload<'export.progress'>;

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): boolean;
}

export function exportProgressPrinter(lines: boolean, jobId: string, stream: ProgressStream = process.stderr, now: () => number = Date.now): ((p: Progress) => void) & { end(): void } {
  if (!lines && stream.isTTY) return progressBar(jobId, stream, now);
  let last = '';
  const print = (p: Progress) => {
    if (!lines || p.jobId !== jobId) return;
    const line = `progress ${p.fraction.toFixed(3)} ${p.phase === 'saving' ? 'Writing' : p.stage}\n`;
    if (line === last) return;
    last = line;
    stream.write(line);
  };
  return Object.assign(print, { end: () => {} });
}

/** `[#######.......]  48%  Rendering line 310 of 642 · about 3 min left`, redrawn at most 10×/s. */
function progressBar(jobId: string, stream: ProgressStream, now: () => number): ((p: Progress) => void) & { end(): void } {
  const started = now();
  let drawn = 0;
  let shown = false;
  const draw = (p: Progress) => {
    if (p.jobId !== jobId) return;
    const t = now();
    if (t - drawn < 100 && p.fraction < 1) return;
    drawn = t;
    const width = 24;
    const filled = Math.round(p.fraction * width);
    const eta = etaText(p.fraction, t - started);
    const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(p.fraction * 100)).padStart(3)}%  ${p.stage}${eta ? ` · ${eta}` : ''}`;
    const cols = Math.max(20, (stream.columns || 80) - 1); // 0 when the terminal does not say
    // \r and clear-to-end: the bar replaces itself instead of scrolling.
    stream.write(`\r${text.slice(0, cols)}\x1b[K`);
    shown = true;
  };
  return Object.assign(draw, {
    end: () => {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  });
}

/** Time left from the pace so far; nothing until there is a pace worth quoting. */
export function etaText(fraction: number, elapsedMs: number): string {
  if (fraction <= 0.01 || fraction >= 1 || elapsedMs < 3000) return '';
  const sec = (elapsedMs / 1000) * ((1 - fraction) / fraction);
  if (sec < 60) return `${Math.max(1, Math.round(sec))} s left`;
  const min = Math.round(sec / 60);
  if (min < 60) return `about ${min} min left`;
  return `about ${Math.floor(min / 60)} h ${min % 60} min left`;
}

/** A job id for a call made from this process (the contract wants 8–64 word characters). */
export function cliJobId(kind: string): string {
  return `cli-${kind}-${process.pid}-${Date.now().toString(36)}`;
}
