// Where each chapter of the script sits on the timeline: from its first clip to the end of its
// last, and which markers fall inside it. The script says which lines a chapter holds; the clips
// say where those lines are now (a drag or a pause moves them), so the span is read from the
// clips every time rather than stored. Export uses the spans for chapter marks and per-chapter files.
import type { Chapter } from '../script/parse';

export interface ChapterSpan {
  title: string;
  /** Index of its first line (the timeline clip at that position). */
  firstLine: number;
  lineCount: number;
  startSample: number;
  /** End of its last clip; equal to startSample for a chapter with no lines. */
  endSample: number;
  /** Markers from its start to the next chapter's start (the last chapter: to the end). */
  markerIds: number[];
}

interface PlacedClip {
  startSample: number;
  samples: number;
}

interface Marker {
  id: number;
  atMs: number;
}

export function chapterSpans(chapters: readonly Chapter[], clips: readonly PlacedClip[], markers: readonly Marker[], sampleRate: number): ChapterSpan[] {
  const programEnd = clips.reduce((m, c) => Math.max(m, c.startSample + c.samples), 0);
  const spans = chapters.map((ch) => {
    let start = Infinity;
    let end = -Infinity;
    for (let i = ch.firstLine; i < ch.firstLine + ch.lineCount && i < clips.length; i++) {
      const c = clips[i]!;
      start = Math.min(start, c.startSample);
      end = Math.max(end, c.startSample + c.samples);
    }
    return { title: ch.title, firstLine: ch.firstLine, lineCount: ch.lineCount, startSample: start, endSample: end, markerIds: [] as number[] };
  });
  // A chapter with no lines sits where the next one with lines starts (or at the end).
  let next = programEnd;
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i]!;
    if (!Number.isFinite(s.startSample)) {
      s.startSample = next;
      s.endSample = next;
    }
    next = s.startSample;
  }
  for (const m of markers) {
    const at = Math.round((m.atMs / 1000) * sampleRate);
    let owner = -1;
    for (let i = 0; i < spans.length; i++) if (spans[i]!.startSample <= at) owner = i;
    if (owner >= 0) spans[owner]!.markerIds.push(m.id);
  }
  return spans;
}
