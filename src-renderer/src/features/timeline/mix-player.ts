// Plays the timeline through Web Audio in windows the core mixes (timeline.mixWindow, the export
// mixer, so what plays is what exports). The first window is short, so sound starts after one small
// mix; later windows are fetched while earlier ones play and each is scheduled on the audio clock
// exactly where the previous one ends, so the joins are gapless. The context runs at the timeline's
// 24 kHz: buffers then play sample for sample, with no resampler smearing the joins.
//
// Every play, stop and invalidate bumps `gen`; a window that arrives for an older generation is
// dropped, so a late reply can never play over a newer start.
import { SAMPLE_RATE } from '../../../../src-main/contract/schemas';
import type { WindowMeters } from '../../../../src-main/contract/calls-timeline';
import { AHEAD_SEC, nextWindow, positionAt, type Segment, type WindowPlan } from './mix-window';

export type FetchWindow = (from: number, to: number, channels: 1 | 2) => Promise<{ channels: Float32Array[]; missing: number[]; meters?: WindowMeters }>;

export interface PlayerEvents {
  /** A window was scheduled: `audible` when any of its samples is not zero. */
  /** `inMs`: how long from now until its first sample reaches the output (clock lead only). */
  onWindow(info: { from: number; to: number; audible: boolean; missing: number[]; inMs: number; late: boolean }): void;
  /** Playback reached the end of the timeline (no loop). */
  onEnded(): void;
  onError(message: string): void;
}

interface Scheduled extends Segment {
  node: AudioBufferSourceNode;
  meters: WindowMeters | undefined;
}

/** A first window starts this long after it arrives: time for the node to be wired and started. */
const LEAD_SEC = 0.01;
const PUMP_MS = 100;
/** On replan, windows starting sooner than this play as they were mixed. */
const REPLAN_KEEP_SEC = 0.25;

export class MixPlayer {
  private ctx: AudioContext | null = null;
  private gen = 0;
  private segs: Scheduled[] = [];
  private nextFrom = 0;
  /** Audio-clock time the next window starts at; null until the first window is scheduled. */
  private nextAt: number | null = null;
  private startedFrom = 0;
  private fetching = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private plan: WindowPlan = { end: 0, loop: null };
  private rate = 1;
  private channels: 1 | 2 = 1;
  /** The first window at the stopped playhead, mixed ahead so Play needs no round trip. */
  private primed: { start: number; end: number; channels: 1 | 2; data: Float32Array[]; missing: number[]; meters: WindowMeters | undefined } | null = null;
  private primeGen = 0;

  constructor(
    private readonly fetchWindow: FetchWindow,
    private readonly events: PlayerEvents,
  ) {}

  get playing(): boolean {
    return this.timer !== null;
  }

  play(from: number, plan: WindowPlan, opts: { rate: number; channels: 1 | 2 }): void {
    this.halt();
    let ctx: AudioContext;
    try {
      ctx = this.ensureContext();
    } catch (e) {
      // No audio output (no device, or the browser refused): say so instead of throwing in a key handler.
      this.events.onError(`no audio output is available (${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    // Resuming and fetching the first window run side by side: neither waits for the other.
    if (ctx.state !== 'running') void ctx.resume();
    this.plan = plan;
    this.rate = opts.rate;
    this.channels = opts.channels;
    this.nextFrom = from;
    this.startedFrom = from;
    this.nextAt = null;
    this.timer = setInterval(() => this.pump(), PUMP_MS);
    const p = this.primed;
    const first = nextWindow(from, plan, true);
    this.unprime();
    if (p && first && p.start === first.start && p.end === first.end && p.channels === opts.channels) this.schedule(p.start, p.end, p.data, p.missing, p.meters);
    this.pump();
  }

  /**
   * While stopped, mixes the window play would start with, so pressing Play schedules sound at
   * once. Called (debounced) whenever the playhead, the loop or the timeline changes.
   */
  prime(from: number, plan: WindowPlan, channels: 1 | 2): void {
    this.unprime();
    const span = nextWindow(from, plan, true);
    if (!span || this.playing) return;
    // Made now: opening the audio device takes longer than mixing the window does. A failure is
    // left for play to report.
    try {
      this.ensureContext();
    } catch {
      return;
    }
    const gen = this.primeGen;
    this.fetchWindow(span.start, span.end, channels).then(
      (w) => {
        if (gen === this.primeGen && !this.playing) this.primed = { ...span, channels, data: w.channels, missing: w.missing, meters: w.meters };
      },
      () => {}, // play fetches it again and reports the error then
    );
  }

  /** What was primed no longer matches the timeline (an edit arrived). */
  unprime(): void {
    this.primeGen++;
    this.primed = null;
  }

  stop(): void {
    this.halt();
  }

  /** The timeline sample being heard now (what the playhead shows). */
  position(): number {
    if (!this.ctx || !this.playing) return this.startedFrom;
    return positionAt(this.segs, this.heardTime(), this.startedFrom);
  }

  /**
   * The meters' step being heard now: the window under the audio clock and the index of its 100 ms
   * step (the figures travel with the window, so the meter moves with the sound, not ahead of it).
   */
  metersNow(): { meters: WindowMeters; step: number } | null {
    if (!this.ctx || !this.playing) return null;
    const t = this.heardTime();
    const s = this.segs.find((x) => t >= x.at && t < x.until);
    if (!s?.meters) return null;
    const step = Math.floor(((t - s.at) * SAMPLE_RATE * s.rate) / s.meters.stepSamples);
    return { meters: s.meters, step: Math.min(step, s.meters.master.peakDb.length - 1) };
  }

  /**
   * The timeline or the loop changed while playing: windows not yet started are dropped and mixed
   * again from the core, so an edit (or a line that just finished rendering) is heard from the
   * next window on. The one playing now finishes as it was.
   */
  replan(plan: WindowPlan, channels: 1 | 2): void {
    this.plan = plan;
    this.unprime();
    if (!this.playing || !this.ctx) return;
    this.gen++;
    this.fetching = false;
    // Windows about to start are kept: a fresh mix could not arrive before them without a gap.
    const soon = this.ctx.currentTime + REPLAN_KEEP_SEC;
    const keep = this.segs.filter((s) => s.at <= soon);
    const drop = this.segs.filter((s) => s.at > soon);
    for (const s of drop) silence(s.node);
    this.segs = keep;
    if (drop.length > 0) {
      this.nextFrom = drop[0]!.from;
      this.nextAt = drop[0]!.at;
    }
    this.channels = channels;
    this.pump();
  }

  private ensureContext(): AudioContext {
    this.ctx ??= new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' });
    return this.ctx;
  }

  dispose(): void {
    this.halt();
    void this.ctx?.close();
    this.ctx = null;
  }

  private halt(): void {
    this.gen++;
    this.fetching = false;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    for (const s of this.segs) silence(s.node);
    this.segs = [];
  }

  /** Sound leaves the speakers `outputLatency` after the clock reaches it; the playhead shows what is heard. */
  private heardTime(): number {
    const ctx = this.ctx!;
    const lag = Number.isFinite(ctx.outputLatency) ? ctx.outputLatency : 0;
    return ctx.currentTime - lag;
  }

  private pump(): void {
    const ctx = this.ctx;
    if (!ctx || !this.playing || this.fetching) return;
    const now = ctx.currentTime;
    if (this.nextAt !== null && this.nextAt - now > AHEAD_SEC) return;
    const span = nextWindow(this.nextFrom, this.plan, this.nextAt === null);
    if (!span) {
      const last = this.segs.at(-1);
      if (!last || this.heardTime() >= last.until) {
        this.halt();
        this.events.onEnded();
      }
      return;
    }
    const gen = this.gen;
    this.fetching = true;
    this.fetchWindow(span.start, span.end, this.channels).then(
      (w) => {
        if (gen !== this.gen) return;
        this.fetching = false;
        this.schedule(span.start, span.end, w.channels, w.missing, w.meters);
        this.pump();
      },
      (e: unknown) => {
        if (gen !== this.gen) return;
        this.halt();
        this.events.onError(e instanceof Error ? e.message : String(e));
      },
    );
  }

  private schedule(from: number, to: number, data: Float32Array[], missing: number[], meters?: WindowMeters): void {
    const ctx = this.ctx!;
    const n = to - from;
    const buffer = ctx.createBuffer(data.length, n, SAMPLE_RATE);
    let audible = false;
    data.forEach((c, i) => {
      buffer.copyToChannel(c as Float32Array<ArrayBuffer>, i);
      if (!audible) audible = c.some((x) => x !== 0);
    });
    const node = ctx.createBufferSource();
    node.buffer = buffer;
    node.playbackRate.value = this.rate;
    node.connect(ctx.destination);
    // Back to back on the audio clock; a window that came too late starts as soon as it can.
    const at = Math.max(this.nextAt ?? 0, ctx.currentTime + LEAD_SEC);
    // Late: the previous window had already ended, so there is a gap before this one.
    const late = this.nextAt !== null && at > this.nextAt;
    node.start(at);
    const until = at + n / SAMPLE_RATE / this.rate;
    this.segs.push({ at, until, from, to, rate: this.rate, node, meters });
    // Keep a few past segments for positionAt; drop the rest.
    const old = this.segs.findIndex((s) => s.until > ctx.currentTime - 1);
    if (old > 0) this.segs.splice(0, old);
    this.nextAt = until;
    this.nextFrom = to;
    this.events.onWindow({ from, to, audible, missing, inMs: (at - ctx.currentTime) * 1000, late });
  }
}

function silence(node: AudioBufferSourceNode): void {
  try {
    node.stop();
  } catch {
    // never started
  }
  node.disconnect();
}
