// Chapters as an export sees them: spans of the timeline, each starting at a marker (the first at
// the programme's start), titled by the marker's label. They become chapter marks in an M4B or one
// file each; a chapter with no audio in it is refused by name before anything is written.
import { KoeError } from '../contract/errors';
import { audibleTracks, placeClips, type ExportTimeline } from '../audio/export/timeline';
import { safeBaseName } from '../lib/file-name';

export interface ChapterSpan {
  title: string;
  /** Timeline samples [start, end). */
  start: number;
  end: number;
}

export interface ChapterStart {
  title: string;
  startSample: number;
}

/** Spans from chapter starts (unordered, possibly duplicated), the first from 0 titled `openingTitle` unless a start is at 0. */
export function chapterSpans(starts: readonly ChapterStart[], programEnd: number, openingTitle: string): ChapterSpan[] {
  const sorted = [...starts].filter((s) => s.startSample < programEnd).sort((a, b) => a.startSample - b.startSample);
  const list: ChapterStart[] = sorted[0]?.startSample === 0 ? [] : [{ title: openingTitle, startSample: 0 }];
  for (const s of sorted) if (!list.length || list[list.length - 1]!.startSample !== s.startSample) list.push(s);
  return list.map((s, i) => ({ title: s.title.trim() || `Chapter ${i + 1}`, start: s.startSample, end: list[i + 1]?.startSample ?? programEnd }));
}

/** Throws naming the first chapter that no heard clip reaches into. */
export function assertChaptersHaveAudio(spans: readonly ChapterSpan[], timeline: ExportTimeline): void {
  const audible = audibleTracks(timeline);
  const placed = placeClips(timeline).filter((p) => audible[p.trackIndex]);
  spans.forEach((c, i) => {
    if (placed.some((p) => p.start < c.end && p.end > c.start)) return;
    const at = (x: number) => `${Math.floor(x / timeline.sampleRate / 60)}:${String(Math.floor((x / timeline.sampleRate) % 60)).padStart(2, '0')}`;
    throw new KoeError('invalid_args', `Chapter ${i + 1} ("${c.title}", ${at(c.start)}–${at(c.end)}) has no audio in it. Move or remove the marker that starts it, or render its lines.`);
  });
}

/** "03 - The Storm.mp3": numbered so files sort in reading order, safe on every desktop OS. */
export function chapterFileName(index: number, count: number, title: string, ext: string): string {
  const width = Math.max(2, String(count).length);
  const safe = safeBaseName(title, 'Chapter', 100);
  return `${String(index + 1).padStart(width, '0')} - ${safe}.${ext}`;
}
