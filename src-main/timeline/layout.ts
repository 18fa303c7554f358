// Lays a script's lines out on the timeline: script order, one track per speaker, a gap between
// turns that imitates conversation. Pure (no SQL, no audio) so the rules are tested on plain
// arrays and a 5,000-line script lays out in milliseconds.
//
// Turn-taking: people answer a question or a one-word line faster than they answer a speech, and a
// speaker carrying on barely pauses at all, so one fixed gap (the v1 export) sounds robotic. A
// writer's `[pause 800ms]` is added on top of the natural gap, exactly, so it always means "this
// much more silence than usual".
//
// Placement: each clip starts one gap after the latest end of every clip before it, not after its
// predecessor's end, so a line the user dragged back to interrupt does not pull the next turn into
// the middle of the interrupted speech. A `manual` clip keeps its start. With ripple on, every other
// clip is recomputed, so a line that got longer pushes the rest; with ripple off, clips already
// placed stay where they are and only new lines are placed.
//
// Overlaps the script asks for: a line that ends in "--" (turn 'cut') is cut off — the next
// speaker starts `cutInMs` before it ends; an "[over]" line (turn 'over') starts `overPercent` of
// the way into the previous speaker's line. Both are ordinary computed starts, so the user can still
// drag either clip, which then becomes manual like any other.
//
// The exchange: an answer follows a question faster than anything else (`questionGapMs`), and a
// new topic — the first line after a blank line (a new paragraph) or a `## chapter` heading — waits
// `topicGapMs` longer than its natural gap, the breath a reader takes between paragraphs.
import { SAMPLE_RATE } from '../contract/schemas';

export interface LayoutOptions {
  /** Between two speakers' ordinary turns. */
  baseGapMs: number;
  /** Between two speakers when either side is short or the first asks a question. */
  quickGapMs: number;
  /** Between two lines of the same speaker. */
  continueGapMs: number;
  ripple: boolean;
  /** How far before the end of a "--" line the next speaker cuts in (default 300). */
  cutInMs?: number;
  /** Where under the previous line an "[over]" line starts, in % of its length (default 40). */
  overPercent?: number;
  /** Between two speakers when the first asked a question (absent: `quickGapMs`, as before it existed). */
  questionGapMs?: number;
  /** Added to the natural gap before a line that opens a new topic (absent: none). */
  topicGapMs?: number;
}

export const DEFAULT_CUT_IN_MS = 300;
export const DEFAULT_OVER_PERCENT = 40;

/** A new project's layout; a timeline made before the exchange settings keeps its old gaps (migration 012). */
export const DEFAULT_LAYOUT: Required<LayoutOptions> = {
  baseGapMs: 600,
  quickGapMs: 250,
  continueGapMs: 150,
  ripple: true,
  cutInMs: DEFAULT_CUT_IN_MS,
  overPercent: DEFAULT_OVER_PERCENT,
  questionGapMs: 200,
  topicGapMs: 700,
};

/** A line as the layout needs it. */
export interface LayoutLine {
  speaker: string;
  text: string;
  pauseBeforeMs: number;
  /** Extra silence after this line, before the next (the line's own setting; absent = none). */
  pauseAfterMs?: number | undefined;
  /** Samples the clip plays (the take after trims, or an estimate). */
  samples: number;
  /** Where the clip is now, if it was placed before. */
  placedAt?: number | undefined;
  manual?: boolean | undefined;
  /** From the script: 'cut' ends in "--", 'over' is said under the previous line. */
  turn?: 'cut' | 'over' | undefined;
  /** From the script: the first line after a blank line or a chapter heading. */
  topic?: boolean | undefined;
}

/** At most this many words counts as a quick line ("Yes.", "Wait, what?"). */
const SHORT_WORDS = 3;

export function msToSamples(ms: number): number {
  return Math.round((ms * SAMPLE_RATE) / 1000);
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function isQuestion(text: string): boolean {
  return /[?？¿]["'”’)\]]*\s*$/u.test(text);
}

/** Silence before `line`, in ms, given the line spoken just before it (null for the first). */
export function gapBeforeMs(prev: Pick<LayoutLine, 'speaker' | 'text'> | null, line: Pick<LayoutLine, 'speaker' | 'text' | 'pauseBeforeMs' | 'topic'>, opts: LayoutOptions): number {
  if (!prev) return line.pauseBeforeMs;
  let natural: number;
  if (prev.speaker === line.speaker) natural = opts.continueGapMs;
  else if (isQuestion(prev.text)) natural = opts.questionGapMs ?? opts.quickGapMs;
  else if (words(prev.text) <= SHORT_WORDS || words(line.text) <= SHORT_WORDS) natural = opts.quickGapMs;
  else natural = opts.baseGapMs;
  return natural + (line.topic ? (opts.topicGapMs ?? 0) : 0) + line.pauseBeforeMs;
}

/**
 * Rough length of a line not rendered yet, so the timeline has the right shape before audio
 * exists: about 14 characters a second at speed 1, never under half a second.
 */
export function estimateSamples(text: string, speed = 1): number {
  const seconds = Math.max(0.5, text.trim().length / 14 / Math.max(0.25, speed));
  return Math.round(seconds * SAMPLE_RATE);
}

/** Start sample of every line, in order. */
export function layoutStarts(lines: readonly LayoutLine[], opts: LayoutOptions): number[] {
  const starts = new Array<number>(lines.length);
  let latestEnd = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prev = i === 0 ? null : lines[i - 1]!;
    let natural = (i === 0 ? 0 : latestEnd) + msToSamples(gapBeforeMs(prev, line, opts) + (prev?.pauseAfterMs ?? 0));
    if (prev && prev.speaker !== line.speaker) {
      const prevStart = starts[i - 1]!;
      const extra = msToSamples(line.pauseBeforeMs + (prev.pauseAfterMs ?? 0));
      if (line.turn === 'over') {
        const at = Math.min(1, Math.max(0, (opts.overPercent ?? DEFAULT_OVER_PERCENT) / 100));
        natural = prevStart + Math.round(prev.samples * at) + extra;
      } else if (prev.turn === 'cut') {
        natural = Math.max(prevStart, prevStart + prev.samples - msToSamples(opts.cutInMs ?? DEFAULT_CUT_IN_MS)) + extra;
      }
    }
    let start: number;
    if (line.manual && line.placedAt !== undefined) start = line.placedAt;
    else if (!opts.ripple && line.placedAt !== undefined) start = line.placedAt;
    else start = natural;
    starts[i] = start;
    latestEnd = Math.max(latestEnd, start + line.samples);
  }
  return starts;
}

/** Tracks in order of each speaker's first line: one per speaker. */
export function tracksOf(lines: readonly Pick<LayoutLine, 'speaker'>[]): string[] {
  const seen = new Set<string>();
  for (const l of lines) seen.add(l.speaker);
  return [...seen];
}
