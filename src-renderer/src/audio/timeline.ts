// Time math of streamed playback, kept apart from Web Audio so it can be tested in Node. Chunks are
// placed back to back on the AudioContext clock; the first chunk of a stream starts a little ahead of
// "now" because a buffer scheduled for the past plays late and clipped, and a stream's later chunks
// must not wait for the network to decide their start.
export const START_LEAD_SEC = 0.05;

export interface Segment {
  /** The script line index being spoken, or -1 for a preview. */
  key: number;
  startSec: number;
  /** Grows as chunks arrive; final once the stream has ended. */
  endSec: number;
}

export class Timeline {
  /** Context time where the next chunk goes; null before anything was scheduled. */
  private next: number | null = null;
  /** Silence still owed before the next stream starts (gap between lines, `[pause]`). */
  private owedSilence = 0;
  readonly segments: Segment[] = [];
  private open: Segment | null = null;
  private pendingKey = -1;

  /** Where playback began on the context clock (the first chunk's start). */
  get originSec(): number | null {
    return this.segments[0]?.startSec ?? null;
  }

  /** When everything scheduled so far will have played. */
  get endSec(): number {
    return this.next ?? 0;
  }

  /**
   * Begins a stream for `key`, `silenceSec` after whatever is scheduled before it. Silence owed by a
   * stream that never produced audio (a pause-only line) carries over to the next one.
   */
  beginStream(key: number, silenceSec: number): void {
    this.owedSilence += Math.max(0, silenceSec);
    this.open = null;
    this.pendingKey = key;
  }

  /** Places a chunk of `durationSec` and returns its start on the context clock. */
  place(nowSec: number, durationSec: number): number {
    const earliest = nowSec + START_LEAD_SEC;
    let start: number;
    if (!this.open) {
      const after = (this.next ?? earliest) + this.owedSilence;
      start = Math.max(after, earliest);
      this.owedSilence = 0;
      this.open = { key: this.pendingKey, startSec: start, endSec: start };
      this.segments.push(this.open);
    } else {
      // Back to back; if the network fell behind, start as soon as possible instead of in the past.
      start = Math.max(this.next ?? earliest, earliest);
    }
    this.next = start + durationSec;
    this.open.endSec = this.next;
    return start;
  }

  /** Seconds of audio scheduled but not yet played. */
  aheadSec(nowSec: number): number {
    return this.next === null ? 0 : Math.max(0, this.next - nowSec);
  }

  /** The segment playing at `nowSec`: the last one that has started (null before the first). */
  segmentAt(nowSec: number): Segment | null {
    let found: Segment | null = null;
    for (const s of this.segments) {
      if (s.startSec <= nowSec) found = s;
      else break;
    }
    return found;
  }
}

export interface Playhead {
  positionSec: number;
  key: number | null;
  /** 0–1 through the current segment's audio scheduled so far. */
  segmentFraction: number;
}

export function playheadAt(t: Timeline, nowSec: number): Playhead {
  const origin = t.originSec;
  if (origin === null) return { positionSec: 0, key: null, segmentFraction: 0 };
  const seg = t.segmentAt(nowSec);
  const positionSec = Math.max(0, Math.min(nowSec, t.endSec) - origin);
  if (!seg) return { positionSec, key: null, segmentFraction: 0 };
  const len = seg.endSec - seg.startSec;
  const fraction = len > 0 ? Math.min(1, Math.max(0, (nowSec - seg.startSec) / len)) : 0;
  return { positionSec, key: seg.key, segmentFraction: fraction };
}

/** `mm:ss.t` for the transport display; tenths are floored so the clock never runs ahead of the audio. */
export function formatTime(sec: number): string {
  const tenths = Math.floor(Math.max(0, sec) * 10 + 1e-6);
  const t = tenths % 10;
  const totalSec = Math.floor(tenths / 10);
  const s = totalSec % 60;
  const m = Math.floor(totalSec / 60);
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${t}`;
}
