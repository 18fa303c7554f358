// Download speed and time left for the progress bar. A sliding window, not the average since the
// start: after a stall or a resume the average lies for minutes, while the last few seconds say
// what the connection does now.

export class RateMeter {
  private readonly samples: { t: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records that `bytes` have now been received in total. */
  add(bytes: number): void {
    const t = this.now();
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[1]!.t > this.windowMs) this.samples.shift();
  }

  /** Bytes per second over the window; 0 until two samples are some time apart. */
  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t - first.t < 200) return 0;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.t - first.t));
  }

  /** Seconds left at the current rate, or null when the rate or the total is unknown. */
  etaSec(done: number, total: number | null): number | null {
    const r = this.rate();
    if (total === null || r <= 0) return null;
    return Math.max(0, Math.round((total - done) / r));
  }

  /** After a pause (back-off, between files) old samples would understate the speed. */
  reset(): void {
    this.samples.length = 0;
  }
}
