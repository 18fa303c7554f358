// SRT and WebVTT subtitles for an export, timed from the rendered audio rather than from the clip
// bounds: engines leave a few hundred milliseconds of silence around speech, and a caption that
// appears before the voice starts (or lingers after it) reads as out of sync. Each clip's speech is
// found by level (RMS in 10 ms windows), long lines are split at sentence, then clause, then word
// boundaries into readable cues (≤ 42 characters a line, ≤ 2 lines, 1–7 s), and split points are
// moved into the pauses the voice actually makes.
import { audibleTracks, loadClip, placeClips, resolveRange, timelineEnd, type ExportTimeline, type PlacedClip, type SampleRange } from './timeline';

export interface SubtitleOptions {
  /** Export range; cues are shifted to start from its beginning and cut to it. */
  range?: SampleRange | null;
  /** Level above which a 10 ms window counts as speech (dBFS RMS, before clip gain). */
  thresholdDb?: number;
  maxLineChars?: number;
  maxLines?: number;
  minCueSeconds?: number;
  maxCueSeconds?: number;
}

export interface SubtitleCue {
  start: number; // seconds from the start of the export
  end: number;
  speaker: string;
  trackId: string;
  /** The cue text broken into lines; the SRT speaker label is added to the first line on output. */
  lines: string[];
}

const WINDOW_MS = 10;
/** Pauses shorter than this are gaps between words, not places to split a caption. */
const MIN_PAUSE_MS = 120;

interface Speech {
  start: number; // clip-relative played samples
  end: number;
  pauses: Array<{ start: number; end: number }>;
}

/**
 * Where the speech is inside a clip: first to last window over the threshold, plus the pauses in
 * between. The threshold follows quiet takes down (30 dB under the loudest window, floor −75 dBFS),
 * so a whispered line still gets its caption.
 */
export function findSpeech(pcm: Float32Array, from: number, to: number, sampleRate: number, thresholdDb = -45): Speech | null {
  const win = Math.max(1, Math.round((sampleRate * WINDOW_MS) / 1000));
  const count = Math.ceil((to - from) / win);
  const level = new Float64Array(count);
  let loudest = 0;
  for (let w = 0; w < count; w++) {
    const a = from + w * win;
    const b = Math.min(to, a + win);
    let s = 0;
    for (let i = a; i < b; i++) s += pcm[i]! * pcm[i]!;
    level[w] = s / (b - a);
    if (level[w]! > loudest) loudest = level[w]!;
  }
  if (loudest === 0) return null;
  const loudestDb = 10 * Math.log10(loudest);
  const gateDb = Math.max(-75, Math.min(thresholdDb, loudestDb - 30));
  const gate = Math.pow(10, gateDb / 10);
  let first = -1;
  let last = -1;
  for (let w = 0; w < count; w++) {
    if (level[w]! >= gate) {
      if (first < 0) first = w;
      last = w;
    }
  }
  if (first < 0) return null;
  const pauses: Speech['pauses'] = [];
  const minPause = Math.ceil(MIN_PAUSE_MS / WINDOW_MS);
  let run = -1;
  for (let w = first; w <= last + 1; w++) {
    const quiet = w <= last && level[w]! < gate;
    if (quiet && run < 0) run = w;
    if (!quiet && run >= 0) {
      if (w - run >= minPause) pauses.push({ start: run * win, end: w * win });
      run = -1;
    }
  }
  return { start: first * win, end: Math.min(to - from, (last + 1) * win), pauses };
}

// ---- text: pieces, packing and line breaking ----

function splitKeeping(text: string, re: RegExp): string[] {
  return text
    .split(re)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const sentences = (t: string) => splitKeeping(t, /(?<=[.!?…]["')\]]?)\s+/);
const clauses = (t: string) => splitKeeping(t, /(?<=[,;:—–])\s+|\s+(?=[—–]\s)/);
const words = (t: string) => splitKeeping(t, /\s+/);

/**
 * Breaks `text` into at most `maxLines` lines of at most `maxChars`, the first line starting after
 * `labelLength` characters; prefers breaking after punctuation, then balanced lengths. Null if it
 * cannot fit.
 */
export function breakLines(text: string, maxChars: number, maxLines: number, labelLength = 0): string[] | null {
  if (labelLength + text.length <= maxChars) return [text];
  if (maxLines < 2) return null;
  const ws = words(text);
  let best: { lines: string[]; score: number } | null = null;
  for (let k = 1; k < ws.length; k++) {
    const a = ws.slice(0, k).join(' ');
    const b = ws.slice(k).join(' ');
    if (labelLength + a.length > maxChars) break;
    if (b.length > maxChars) {
      if (maxLines > 2) {
        const rest = breakLines(b, maxChars, maxLines - 1);
        if (rest) return [a, ...rest];
      }
      continue;
    }
    const punct = /[,.;:!?…—–]$/.test(a) ? 0 : 20; // a clause break is worth some imbalance
    const score = Math.abs(labelLength + a.length - b.length) + punct;
    if (!best || score < best.score) best = { lines: [a, b], score };
  }
  return best?.lines ?? null;
}

/** Splits `text` into pieces that each fit a cue, at the coarsest boundaries that work. */
function pieces(text: string, fits: (s: string) => boolean): string[] {
  const out: string[] = [];
  for (const s of sentences(text)) {
    if (fits(s)) {
      out.push(s);
      continue;
    }
    for (const c of clauses(s)) {
      if (fits(c)) {
        out.push(c);
        continue;
      }
      let cur = '';
      for (const w of words(c)) {
        const next = cur ? `${cur} ${w}` : w;
        if (cur && !fits(next)) {
          out.push(cur);
          cur = w;
        } else cur = next;
      }
      if (cur) out.push(cur);
    }
  }
  return out;
}

/** Packs pieces greedily into cue texts; a sentence end closes a cue once it is long enough. */
function pack(ps: string[], fits: (s: string) => boolean): string[] {
  const out: string[] = [];
  let cur = '';
  for (const p of ps) {
    const next = cur ? `${cur} ${p}` : p;
    if (cur && !fits(next)) {
      out.push(cur);
      cur = p;
    } else cur = next;
  }
  if (cur) out.push(cur);
  return out;
}

/** Splits one cue text in two near its middle, at the best boundary (for cues that last too long). */
function halve(text: string): [string, string] | null {
  const ws = words(text);
  if (ws.length < 2) return null;
  let best = -1;
  let bestScore = Infinity;
  for (let k = 1; k < ws.length; k++) {
    const left = ws.slice(0, k).join(' ');
    const balance = Math.abs(left.length - text.length / 2);
    const score = balance + (/[.!?…]$/.test(left) ? -30 : /[,;:—–]$/.test(left) ? -15 : 0);
    if (score < bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return [ws.slice(0, best).join(' '), ws.slice(best).join(' ')];
}

// ---- timing ----

interface Draft {
  text: string;
  start: number; // timeline samples
  end: number;
  speaker: string;
  trackId: string;
  trackIndex: number;
}

function timeClip(p: PlacedClip, speech: Speech, texts: string[], sampleRate: number): Array<{ text: string; start: number; end: number }> {
  const s0 = speech.start;
  const s1 = speech.end;
  const weight = texts.map((t) => Math.max(1, t.replace(/\s+/g, '').length));
  const total = weight.reduce((a, b) => a + b, 0);
  const bounds: Array<{ end: number; next: number }> = [];
  let acc = 0;
  for (let i = 0; i < texts.length - 1; i++) {
    acc += weight[i]!;
    const guess = s0 + ((s1 - s0) * acc) / total;
    // Move the split into the nearest real pause, if one lies within a third of the neighbours' span.
    const reach = ((s1 - s0) * Math.min(weight[i]!, weight[i + 1]!)) / total / 1.5 + 0.25 * sampleRate;
    let best: Speech['pauses'][number] | null = null;
    for (const pz of speech.pauses) {
      const mid = (pz.start + pz.end) / 2;
      if (Math.abs(mid - guess) <= reach && (!best || Math.abs(mid - guess) < Math.abs((best.start + best.end) / 2 - guess))) best = pz;
    }
    if (best && best.start > (bounds.at(-1)?.next ?? s0)) bounds.push({ end: best.start, next: best.end });
    else bounds.push({ end: Math.round(guess), next: Math.round(guess) });
  }
  const out: Array<{ text: string; start: number; end: number }> = [];
  let start = s0;
  for (let i = 0; i < texts.length; i++) {
    const b = bounds[i];
    const end = b ? b.end : s1;
    out.push({ text: texts[i]!, start: p.start + start, end: p.start + end });
    start = b ? b.next : s1;
  }
  return out;
}

/**
 * Cues for every clip with text on a heard track, in time order. Speech positions come from the
 * clips' audio; the same placement the mixer uses puts them on the timeline.
 */
export function buildCues(timeline: ExportTimeline, opts: SubtitleOptions = {}): SubtitleCue[] {
  const rate = timeline.sampleRate;
  const maxChars = opts.maxLineChars ?? 42;
  const maxLines = opts.maxLines ?? 2;
  const minCue = Math.round((opts.minCueSeconds ?? 1) * rate);
  const maxCue = Math.round((opts.maxCueSeconds ?? 7) * rate);
  const audible = audibleTracks(timeline);
  const placed = placeClips(timeline).filter((p) => audible[p.trackIndex]);
  const range = resolveRange(opts.range, timelineEnd(placed));
  const drafts: Draft[] = [];
  for (const p of placed) {
    const text = (p.clip.text ?? '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const track = timeline.tracks[p.trackIndex]!;
    const speaker = track.name ?? track.id;
    const label = `${speaker}: `.length;
    const fits = (s: string) => breakLines(s, maxChars, maxLines, label) !== null;
    const speech = findSpeech(loadClip(p.clip.pcm, p.clip.id ? `Clip "${p.clip.id}"` : 'A clip'), p.srcStart, p.srcStart + (p.end - p.start), rate, opts.thresholdDb);
    if (!speech) continue;
    let texts = pack(pieces(text, fits), fits);
    // Too long on screen: split the longest cue until each would last at most maxCue.
    for (let guard = 0; guard < 200; guard++) {
      const chars = texts.map((t) => Math.max(1, t.replace(/\s+/g, '').length));
      const total = chars.reduce((a, b) => a + b, 0);
      const span = speech.end - speech.start;
      const i = chars.findIndex((c) => (span * c) / total > maxCue);
      if (i < 0) break;
      const h = halve(texts[i]!);
      if (!h) break;
      texts = [...texts.slice(0, i), ...h, ...texts.slice(i + 1)];
    }
    for (const c of timeClip(p, speech, texts, rate)) drafts.push({ ...c, speaker, trackId: track.id, trackIndex: p.trackIndex });
  }
  drafts.sort((a, b) => a.start - b.start || a.trackIndex - b.trackIndex);
  // Same track: no overlaps; short cues stretch toward 1 s into the silence that follows them.
  const byTrack = new Map<number, Draft[]>();
  for (const d of drafts) {
    const list = byTrack.get(d.trackIndex) ?? [];
    list.push(d);
    byTrack.set(d.trackIndex, list);
  }
  const kept: Draft[] = [];
  for (const list of byTrack.values()) {
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const next = list[i + 1];
      const limit = next ? next.start : Infinity;
      if (d.end - d.start < minCue) d.end = Math.min(d.start + minCue, limit);
      if (d.end > limit) d.end = limit;
      if (d.end - d.start > maxCue) d.end = d.start + maxCue;
      if (d.end > d.start) kept.push(d);
    }
  }
  kept.sort((a, b) => a.start - b.start || a.trackIndex - b.trackIndex);
  const out: SubtitleCue[] = [];
  for (const d of kept) {
    const start = Math.max(d.start, range.start);
    const end = Math.min(d.end, range.end);
    if (end <= start) continue;
    const lines = breakLines(d.text, maxChars, maxLines, `${d.speaker}: `.length) ?? [d.text];
    out.push({ start: (start - range.start) / rate, end: (end - range.start) / rate, speaker: d.speaker, trackId: d.trackId, lines });
  }
  return out;
}

// ---- output ----

function stamp(seconds: number, sep: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(ms % 1000, 3)}`;
}

/** SubRip: numbered cues, `HH:MM:SS,mmm`, the speaker as "Name: " before the text. */
export function formatSrt(cues: readonly SubtitleCue[]): string {
  return cues
    .map((c, i) => {
      const lines = [`${c.speaker}: ${c.lines[0] ?? ''}`, ...c.lines.slice(1)];
      return `${i + 1}\n${stamp(c.start, ',')} --> ${stamp(c.end, ',')}\n${lines.join('\n')}\n`;
    })
    .join('\n');
}

function escapeVtt(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** WebVTT: the speaker as a voice span, `<v Name>`, which players can style or show. */
export function formatVtt(cues: readonly SubtitleCue[]): string {
  const body = cues.map((c) => `${stamp(c.start, '.')} --> ${stamp(c.end, '.')}\n<v ${escapeVtt(c.speaker)}>${c.lines.map(escapeVtt).join('\n')}\n`);
  return `WEBVTT\n\n${body.join('\n')}`;
}

/** Picks the format from the file name (.srt or .vtt). */
export function subtitleFormatFor(path: string): 'srt' | 'vtt' | null {
  const m = /\.(srt|vtt)$/i.exec(path);
  return m ? (m[1]!.toLowerCase() as 'srt' | 'vtt') : null;
}
