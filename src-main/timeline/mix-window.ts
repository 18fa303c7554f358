// One window of the timeline's mix, for playback that starts at once from any point. The page asks
// for [fromSample, toSample) and gets exactly those samples of the export mix: the same Mixer, the
// same tracks (so mute/solo/pan rules see every track), only the clips that reach into the window.
// The mixer computes each sample from its position in the clip, never from where a block began, so
// window N+1 continues exactly where window N ended and the windows laid end to end are the whole
// mix sample for sample (mix-window.test.ts holds it to that).
//
// Why not `TimelineService.exportTimeline`: it reads every selected take from SQLite, which on a long
// project costs far more than mixing two seconds. Takes never change once stored, so their PCM is
// kept in a small LRU keyed by take id, length and creation time. The timeline's view itself (tens
// of ms to rebuild for 1,000 lines) is reused while the database has not changed: everything the
// mix depends on (lines, clips, takes, tracks, speakers, settings) lives in it, and SQLite counts
// every change this connection makes (total_changes) and every commit by another (data_version).
import { Mixer } from '../audio/export/mixer';
import { DEFAULT_CEILING_DBTP, PeakLimiter } from '../audio/export/limiter';
import { METER_STEP_SEC, SHORT_TERM_STEPS, ShortTermMeter, type MeterFrame } from '../audio/export/short-term-meter';
import type { ExportTimeline } from '../audio/export/timeline';
import { clipsForMix, type ClipsForMix } from './mix-clips';
import type { TimelineView } from '../contract/calls-timeline';
import type { Database as Db } from 'better-sqlite3';
import type { TimelineService } from './service';

/** Decoded takes kept between windows; a take is read from SQLite once per play, not per window. */
const CACHE_BYTES = 96 * 1024 * 1024;

export interface MixWindow {
  /** One array per channel, `to − from` samples each. */
  channels: Float32Array[];
  /** Lines that reach into the window but have no take yet, so they are silent in it. */
  missing: number[];
  /** With `meters`: a frame per 100 ms of the window, for the master and each heard lane. */
  meters?: WindowMeters;
}

export interface WindowMeters {
  stepSamples: number;
  /** Master: after its gain and limiter, what plays. `reductionDb`: the limiter's deepest cut per step (0 = idle). */
  master: { frames: MeterFrame[]; reductionDb: number[] };
  /** Each lane (speaker) with sound in the window: its stem, after its gain and pan and the master gain. */
  lanes: { speaker: string; frames: MeterFrame[] }[];
}

/** Audio mixed before a metered window: a full short-term window (3 s) of history for the
 *  meters and the limiter's envelope, so windows laid end to end read and sound as one pass would. */
const PRE_ROLL_SEC = SHORT_TERM_STEPS * METER_STEP_SEC;
/** Audio mixed after it when the limiter is on: its look-ahead must see what comes next. */
const LIMITER_TAIL_SEC = 0.05;

export class MixWindows {
  private readonly pcm = new Map<string, Float32Array>();
  private bytes = 0;
  private last: { projectId: string; stamp: string; view: TimelineView } | null = null;

  constructor(
    private readonly timeline: TimelineService,
    private readonly db?: Db,
  ) {}

  /** Changes when anything in the database does; null without a database (always rebuild). */
  private stamp(): string | null {
    if (!this.db) return null;
    const n = (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    return `${n}:${String(this.db.pragma('data_version', { simple: true }))}`;
  }

  private view(projectId: string): TimelineView {
    const before = this.stamp();
    if (before !== null && this.last?.projectId === projectId && this.last.stamp === before) return this.last.view;
    const view = this.timeline.view(projectId);
    // Taken after: building the view may itself write (a line synced from the script).
    const after = this.stamp();
    this.last = after === null ? null : { projectId, stamp: after, view };
    return view;
  }

  /** The part of the timeline that window [from, to) needs, built as the export builds it. */
  windowTimeline(projectId: string, from: number, to: number): ClipsForMix {
    return clipsForMix(this.view(projectId), (take) => this.takePcm(take.id, take.samples, take.createdAt), { from, to });
  }

  mix(projectId: string, from: number, to: number, channels: 1 | 2): MixWindow {
    const { timeline, missing } = this.windowTimeline(projectId, from, to);
    return { channels: mixRange(timeline, from, to, channels), missing };
  }

  /**
   * A window as `mix` gives it, with the master bus's limiter applied when it is on, and meters:
   * the mix (what the page plays) and each stem, metered over the window with 3 s of history.
   */
  mixMetered(projectId: string, from: number, to: number, channels: 1 | 2): MixWindow {
    const view = this.view(projectId);
    const rate = view.sampleRate;
    const step = Math.round(rate * METER_STEP_SEC);
    const pre = Math.round(rate * PRE_ROLL_SEC);
    const post = view.master.limiter ? Math.round(rate * LIMITER_TAIL_SEC) : 0;
    const n = to - from;
    const start = Math.max(0, from - pre);
    const lead = pre - (from - start); // zeros before sample 0 when the window starts within 3 s of it
    const total = pre + n + post;
    const { missing } = this.windowTimeline(projectId, from, to);
    const { timeline } = this.windowTimeline(projectId, start, to + post);
    const mixer = new Mixer(timeline, { range: { start, end: to + post }, channels });
    const mix = Array.from({ length: channels }, () => new Float32Array(total));
    const stems = mixer.stemTracks.map(() => Array.from({ length: channels }, () => new Float32Array(total)));
    for (const b of mixer.blocks()) {
      b.mix.forEach((c, i) => mix[i]!.set(c, lead + b.offset));
      b.stems.forEach((st, s) => st.forEach((c, i) => stems[s]![i]!.set(c, lead + b.offset)));
    }
    let heard: Float32Array[] = mix;
    const reduction = new Array<number>(Math.ceil(n / step)).fill(0);
    if (view.master.limiter) {
      const lim = new PeakLimiter({ sampleRate: rate, channels, ceilingDbtp: DEFAULT_CEILING_DBTP });
      heard = joinBlocks([lim.process(mix), lim.flush()], channels, total);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < channels; c++) {
          const x = Math.abs(mix[c]![pre + i]!);
          if (x < 1e-6) continue;
          const db = 20 * Math.log10(Math.abs(heard[c]![pre + i]!) / x);
          const k = Math.floor(i / step);
          if (db < reduction[k]!) reduction[k] = db;
        }
      }
    }
    const meter = (chans: Float32Array[]): MeterFrame[] => {
      const m = new ShortTermMeter(rate, channels);
      m.push(chans.map((c) => c.subarray(0, pre + n)));
      m.flush();
      return m.take().slice(pre / step);
    };
    return {
      channels: heard.map((c) => c.slice(pre, pre + n)),
      missing,
      meters: {
        stepSamples: step,
        master: { frames: meter(heard), reductionDb: reduction },
        lanes: mixer.stemTracks.map((t, s) => ({ speaker: t.id, frames: meter(stems[s]!) })),
      },
    };
  }

  private takePcm(takeId: number, samples: number, createdAt: string): Float32Array | null {
    const key = `${takeId}:${samples}:${createdAt}`;
    const hit = this.pcm.get(key);
    if (hit) {
      this.pcm.delete(key); // re-insert: Map order is the LRU order
      this.pcm.set(key, hit);
      return hit;
    }
    const pcm = this.timeline.repo.takePcm(takeId);
    if (!pcm) return null;
    this.pcm.set(key, pcm);
    this.bytes += pcm.byteLength;
    for (const [k, old] of this.pcm) {
      if (this.bytes <= CACHE_BYTES || k === key) break;
      this.pcm.delete(k);
      this.bytes -= old.byteLength;
    }
    return pcm;
  }
}

/** Samples [from, to) of the timeline's mix, one array per channel, through the export mixer. */
export function mixRange(timeline: ExportTimeline, from: number, to: number, channels: 1 | 2): Float32Array[] {
  const mixer = new Mixer(timeline, { range: { start: from, end: to }, channels });
  const out = Array.from({ length: channels }, () => new Float32Array(to - from));
  for (const b of mixer.blocks()) b.mix.forEach((c, i) => out[i]!.set(c, b.offset));
  return out;
}

function joinBlocks(parts: Float32Array[][], channels: number, total: number): Float32Array[] {
  const out = Array.from({ length: channels }, () => new Float32Array(total));
  let at = 0;
  for (const p of parts) {
    p.forEach((c, i) => out[i]!.set(c, at));
    at += p[0]!.length;
  }
  return out;
}

/** Planar float32 little-endian (channel 0, then channel 1) as base64: JSON-safe in every face. */
export function encodePlanar(channels: Float32Array[]): string {
  const n = channels[0]?.length ?? 0;
  const buf = Buffer.allocUnsafe(n * 4 * channels.length);
  channels.forEach((c, i) => buf.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), i * n * 4));
  return buf.toString('base64');
}
