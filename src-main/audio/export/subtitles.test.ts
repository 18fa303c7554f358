import { describe, expect, it } from 'vitest';
import { breakLines, buildCues, findSpeech, formatSrt, formatVtt, subtitleFormatFor } from './subtitles';
import type { ExportClip, ExportTimeline } from './timeline';
import { join, voice } from '../../../test-support/audio/signals';

const RATE = 24000;
const sec = (s: number) => Math.round(s * RATE);
const hush = (s: number) => new Float32Array(sec(s));
const talk = (s: number, seed = 1) => voice({ seconds: s, sampleRate: RATE, seed, leadSilence: 0, tailSilence: 0 });

function scene(clips: ExportClip[], tracks = [{ id: 'a', name: 'Anna' }, { id: 'b', name: 'Ben' }]): ExportTimeline {
  return { sampleRate: RATE, tracks, clips };
}

/** Speech boundaries of a clip's audio as the test built it, for comparing against cue times. */
function speechSpan(pcm: Float32Array): { start: number; end: number } {
  let first = -1;
  let last = -1;
  for (let i = 0; i < pcm.length; i++) {
    if (Math.abs(pcm[i]!) > 1e-4) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return { start: first / RATE, end: (last + 1) / RATE };
}

describe('finding speech in a clip', () => {
  it('finds the voiced part and the pauses inside it, ignoring the engine silence around it', () => {
    const pcm = join(hush(0.4), talk(1, 1), hush(0.5), talk(1.2, 2), hush(0.7));
    const s = findSpeech(pcm, 0, pcm.length, RATE)!;
    const truth = speechSpan(pcm);
    expect(Math.abs(s.start / RATE - truth.start)).toBeLessThan(0.02);
    expect(Math.abs(s.end / RATE - truth.end)).toBeLessThan(0.02);
    expect(s.pauses.some((p) => p.start / RATE < 1.45 && p.end / RATE > 1.85)).toBe(true);
  });

  it('follows a quiet take down instead of missing it, and finds nothing in silence', () => {
    const quiet = join(hush(0.3), voice({ seconds: 1, sampleRate: RATE, level: 0.003, leadSilence: 0, tailSilence: 0 }), hush(0.3));
    const s = findSpeech(quiet, 0, quiet.length, RATE)!;
    expect(s.start / RATE).toBeGreaterThan(0.28);
    expect(s.start / RATE).toBeLessThan(0.35);
    expect(findSpeech(hush(1), 0, sec(1), RATE)).toBeNull();
  });
});

describe('line breaking', () => {
  it('fits two lines of 42 characters with the label on the first, preferring punctuation', () => {
    const lines = breakLines('I told you already, the train leaves at nine and we are late.', 42, 2, 'Anna: '.length)!;
    expect(lines).toHaveLength(2);
    expect(lines[0]!.length + 6).toBeLessThanOrEqual(42);
    expect(lines[1]!.length).toBeLessThanOrEqual(42);
    expect(lines[0]).toMatch(/,$/);
    expect(breakLines('x'.repeat(50), 42, 2)).toBeNull();
  });
});

describe('cues from the timeline', () => {
  it('times a cue to the speech inside the clip, not the clip bounds', () => {
    const pcm = join(hush(0.5), talk(1.6), hush(0.8));
    const [cue, ...rest] = buildCues(scene([{ trackId: 'a', startSample: sec(2), pcm, text: 'Good morning, everyone.' }]));
    expect(rest).toEqual([]);
    const truth = speechSpan(pcm);
    expect(Math.abs(cue!.start - (2 + truth.start))).toBeLessThan(0.02);
    expect(Math.abs(cue!.end - (2 + truth.end))).toBeLessThan(0.02);
    expect(cue!.speaker).toBe('Anna');
  });

  it('splits a long line into readable cues at sentences and pauses: ≤ 42 chars × 2 lines, 1–7 s', () => {
    const text =
      'The storm came in from the west before anyone had noticed. We closed the shutters, lit the lamps and waited in the kitchen. Nobody spoke for a long time, until the dog started barking at the door.';
    const pcm = join(hush(0.3), talk(3.2, 1), hush(0.45), talk(3.4, 2), hush(0.45), talk(3.6, 3), hush(0.3));
    const cues = buildCues(scene([{ trackId: 'a', startSample: 0, pcm, text }]));
    expect(cues.length).toBeGreaterThanOrEqual(3);
    for (const c of cues) {
      expect(c.lines.length).toBeLessThanOrEqual(2);
      expect(`Anna: ${c.lines[0]}`.length).toBeLessThanOrEqual(42);
      for (const l of c.lines) expect(l.length).toBeLessThanOrEqual(42);
      expect(c.end - c.start).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(c.end - c.start).toBeLessThanOrEqual(7 + 1e-9);
    }
    // Every word survives, in order.
    expect(cues.map((c) => c.lines.join(' ')).join(' ')).toBe(text);
    // The sentence breaks fall into the two real pauses (≈ 3.5–3.95 s and ≈ 7.35–7.8 s).
    const ends = cues.map((c) => c.end);
    expect(ends.some((e) => e > 3.45 && e < 3.6)).toBe(true);
    expect(ends.some((e) => e > 7.3 && e < 7.45)).toBe(true);
    for (let i = 1; i < cues.length; i++) expect(cues[i]!.start).toBeGreaterThanOrEqual(cues[i - 1]!.end);
  });

  it('never overlaps cues on one track, even when its clips overlap', () => {
    const cues = buildCues(
      scene([
        { trackId: 'a', startSample: 0, pcm: join(talk(2, 1), hush(0.2)), text: 'First I say this.' },
        { trackId: 'a', startSample: sec(1.5), pcm: talk(2, 2), text: 'And I cut myself off.' },
        { trackId: 'b', startSample: sec(1), pcm: talk(1.5, 3), text: 'Ben interrupts.' },
      ]),
    );
    const anna = cues.filter((c) => c.trackId === 'a');
    expect(anna).toHaveLength(2);
    expect(anna[0]!.end).toBeLessThanOrEqual(anna[1]!.start);
    // Across tracks overlap is allowed: it is what an interruption looks like.
    const ben = cues.find((c) => c.trackId === 'b')!;
    expect(ben.start).toBeLessThan(anna[0]!.end);
  });

  it('stretches a short cue to 1 s into the silence after it', () => {
    const [c] = buildCues(scene([{ trackId: 'a', startSample: 0, pcm: join(talk(0.4), hush(2)), text: 'Yes.' }]));
    expect(c!.end - c!.start).toBeCloseTo(1, 3);
  });

  it('skips muted tracks and clips without text; shifts and cuts cues to an export range', () => {
    const clips: ExportClip[] = [
      { trackId: 'a', startSample: sec(1), pcm: talk(2, 1), text: 'In range.' },
      { trackId: 'a', startSample: sec(10), pcm: talk(2, 2) },
      { trackId: 'b', startSample: sec(4), pcm: talk(2, 3), text: 'Muted.' },
    ];
    const muted = scene(clips, [{ id: 'a', name: 'Anna' }, { id: 'b', name: 'Ben', mute: true } as never]);
    expect(buildCues(muted).map((c) => c.lines[0])).toEqual(['In range.']);
    const ranged = buildCues(scene(clips), { range: { start: sec(2), end: sec(5) } });
    expect(ranged.map((c) => c.lines[0])).toEqual(['In range.', 'Muted.']);
    expect(ranged[0]!.start).toBe(0);
    expect(ranged[1]!.start).toBeCloseTo(2, 1);
    expect(ranged[1]!.end).toBeLessThanOrEqual(3);
  });
});

describe('SRT and WebVTT output', () => {
  const cues = [
    { start: 1.5, end: 3.25, speaker: 'Anna', trackId: 'a', lines: ['Hello <there> & welcome,', 'friends.'] },
    { start: 3661.001, end: 3662.5, speaker: 'Ben', trackId: 'b', lines: ['Hi.'] },
  ];

  it('writes SRT with numbered cues, comma milliseconds and "Name: " labels', () => {
    expect(formatSrt(cues)).toBe('1\n00:00:01,500 --> 00:00:03,250\nAnna: Hello <there> & welcome,\nfriends.\n\n2\n01:01:01,001 --> 01:01:02,500\nBen: Hi.\n');
  });

  it('writes WebVTT with a header, dot milliseconds, <v Name> voice spans and escaped text', () => {
    expect(formatVtt(cues)).toBe('WEBVTT\n\n00:00:01.500 --> 00:00:03.250\n<v Anna>Hello &lt;there&gt; &amp; welcome,\nfriends.\n\n01:01:01.001 --> 01:01:02.500\n<v Ben>Hi.\n');
  });

  it('chooses the format from the file name', () => {
    expect(subtitleFormatFor('/x/Scene.SRT')).toBe('srt');
    expect(subtitleFormatFor('a.vtt')).toBe('vtt');
    expect(subtitleFormatFor('a.txt')).toBeNull();
  });
});
