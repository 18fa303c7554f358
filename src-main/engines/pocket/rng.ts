// Seeded Gaussian noise for the flow sampler. The seed is derived from the request (voice and
// text), so the same line in the same voice renders the same audio every time: a cached take and a
// re-render agree, and tests can compare outputs. mulberry32 for uniforms, Box–Muller for normals
// (the npm runtime's choice too, so outputs are comparable in distribution).
import { createHash } from 'node:crypto';

export class NoiseSource {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static forRequest(...parts: string[]): NoiseSource {
    const h = createHash('sha256').update(JSON.stringify(parts)).digest();
    return new NoiseSource(h.readUInt32LE(0));
  }

  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** `n` normals with standard deviation `std`. */
  fill(n: number, std: number): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal() * std;
    return out;
  }
}
