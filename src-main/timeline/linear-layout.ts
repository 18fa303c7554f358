// A script that is not a saved project (`koe render`, `export.script`) laid out the plain way: lines
// in reading order, each after the previous one plus the gap from Settings and any [pause], one
// track per speaker. It feeds the same exporter as the studio's timeline, so stems, subtitles,
// loudness and formats behave the same; only the placement is simpler (no natural-gap rules, no
// clips moved by hand, no "--"/[over] overlaps), because there is no timeline to have been edited.
// Directions still shape each line's delivery.
import { KoeError } from '../contract/errors';
import { SAMPLE_RATE } from '../contract/schemas';
import type { ClipAudio, ExportTimeline } from '../audio/export/timeline';
import { stripMarkup } from '../script/markup';
import { parseScript } from '../script/parse';
import type { SpeechService } from '../speech/speech-service';

export interface LinearScript {
  script: string;
  /** The voice a speaker's lines are read in. */
  voiceOf(speaker: string): string;
  speed: number;
  gapMs: number;
  /** Whose pronunciations apply besides the global ones; null: global only. */
  projectId: string | null;
  /** Where each rendered line waits for the mix (a spill to disk for long scripts); default: in memory. */
  park?(pcm: Float32Array): Promise<ClipAudio>;
}

export interface LinearTimeline {
  timeline: ExportTimeline;
  /** The script's `## ` chapters and where each starts (its first line; a chapter with no lines: where the next would). */
  chapters: { title: string; startSample: number; lineCount: number }[];
  /** What the text front end could not read, by the script line (1-based) it is on. */
  warnings: { line: number; speaker: string; message: string }[];
}

export async function renderLinearTimeline(req: LinearScript, speech: SpeechService, signal?: AbortSignal, onProgress?: (fraction: number, stage: string) => void): Promise<LinearTimeline> {
  const parsed = parseScript(req.script);
  if (parsed.lines.length === 0) throw new KoeError('invalid_args', 'The script has no lines to export. Type a line such as "Ana: Hello there."');
  // Every voice is checked before anything renders, so a deleted voice fails fast and names the speaker.
  for (const line of parsed.lines) {
    try {
      speech.resolveVoice(req.voiceOf(line.speaker), line.text);
    } catch (e) {
      if (e instanceof KoeError) throw new KoeError(e.code, `Speaker "${line.speaker}": ${e.message}`);
      throw e;
    }
  }
  const timeline: ExportTimeline = {
    sampleRate: SAMPLE_RATE,
    tracks: parsed.speakers.map((name) => ({ id: name, name, gainDb: 0, pan: 0 })),
    clips: [],
  };
  let at = 0;
  const lineStarts: number[] = [];
  const warnings: LinearTimeline['warnings'] = [];
  for (const [i, line] of parsed.lines.entries()) {
    onProgress?.(i / parsed.lines.length, `Rendering line ${i + 1} of ${parsed.lines.length}`);
    at += Math.round((((i > 0 ? req.gapMs : 0) + line.pauseBeforeMs) / 1000) * SAMPLE_RATE);
    lineStarts[i] = at;
    if (!line.text.trim()) continue;
    const speak = { text: line.text, voiceId: req.voiceOf(line.speaker), params: { speed: req.speed, pitch: 50, ...(line.directions ? { direction: line.directions.join('+') } : {}) }, projectId: req.projectId, lane: { priority: 'background' as const, owner: `export:${req.projectId ?? 'script'}` } };
    const pcm = await speech.render(speak, signal);
    for (const message of await speech.readingWarnings(speak, signal)) warnings.push({ line: line.sourceLine + 1, speaker: line.speaker, message });
    timeline.clips.push({ id: `line-${i + 1}`, trackId: line.speaker, startSample: at, pcm: req.park ? await req.park(pcm) : pcm, text: stripMarkup(line.text) });
    at += pcm.length;
  }
  onProgress?.(1, 'Rendered');
  const chapters = parsed.chapters.map((c) => ({ title: c.title, startSample: lineStarts[c.firstLine] ?? at, lineCount: c.lineCount }));
  return { timeline, chapters, warnings };
}
