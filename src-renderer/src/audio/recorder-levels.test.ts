// The input meter's numbers: dBFS of known signals, peak hold and fall, and a clipping latch that
// only a reset clears (and that a single clean near-full-scale sample does not trip).
import { describe, expect, it } from 'vitest';
import { CLIP_RUN, FLOOR_DB, LevelMeter, meterFraction, PEAK_FALL_DB_PER_SEC, PEAK_HOLD_SEC, toDbfs } from './recorder-levels';

function sine(amplitude: number, n = 4800, rate = 48_000, hz = 440): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
}

describe('toDbfs', () => {
  it('maps full scale to 0 dB, half to about −6 dB, and silence to the floor', () => {
    expect(toDbfs(1)).toBeCloseTo(0);
    expect(toDbfs(0.5)).toBeCloseTo(-6.02, 2);
    expect(toDbfs(0)).toBe(FLOOR_DB);
    expect(toDbfs(1e-9)).toBe(FLOOR_DB);
  });
});

describe('LevelMeter', () => {
  it('reads a sine’s RMS 3 dB under its peak', () => {
    const m = new LevelMeter();
    const r = m.push(sine(0.5), 0.1);
    expect(r.peakDb).toBeCloseTo(-6.02, 1);
    expect(r.rmsDb).toBeCloseTo(-9.03, 1);
    expect(r.clipped).toBe(false);
  });

  it('holds the loudest peak for a second, then lets it fall at the set rate', () => {
    const m = new LevelMeter();
    m.push(sine(1), 0);
    const quiet = sine(0.01);
    expect(m.push(quiet, 0.5).holdDb).toBeCloseTo(0, 1);
    const held = m.push(quiet, PEAK_HOLD_SEC + 0.1).holdDb;
    const later = m.push(quiet, PEAK_HOLD_SEC + 0.6).holdDb;
    expect(held - later).toBeCloseTo(PEAK_FALL_DB_PER_SEC * 0.5, 1);
    // It never falls below the current peak.
    const settled = m.push(quiet, 30).holdDb;
    expect(settled).toBeCloseTo(toDbfs(0.01), 0);
  });

  it('latches clipping on a flat run at full scale until reset, not on one clean peak', () => {
    const m = new LevelMeter();
    const onePeak = new Float32Array(512);
    onePeak[100] = 1;
    expect(m.push(onePeak, 0).clipped).toBe(false);

    const clipped = sine(2).map((x) => Math.max(-1, Math.min(1, x)));
    expect(m.push(clipped, 0.1).clipped).toBe(true);
    expect(m.push(sine(0.1), 0.2).clipped).toBe(true); // latched
    m.resetClip();
    expect(m.current.clipped).toBe(false);
    expect(m.push(sine(0.1), 0.3).clipped).toBe(false);
  });

  it('counts a clipped run that straddles two blocks', () => {
    const m = new LevelMeter();
    const a = new Float32Array(64);
    const b = new Float32Array(64);
    a[62] = 1;
    a[63] = -1;
    b[0] = 1;
    expect(CLIP_RUN).toBe(3);
    expect(m.push(a, 0).clipped).toBe(false);
    expect(m.push(b, 0.01).clipped).toBe(true);
  });
});

describe('meterFraction', () => {
  it('puts the floor at 0 and full scale at 1, clamped', () => {
    expect(meterFraction(FLOOR_DB)).toBe(0);
    expect(meterFraction(0)).toBe(1);
    expect(meterFraction(-30)).toBeCloseTo(0.5);
    expect(meterFraction(6)).toBe(1);
    expect(meterFraction(-200)).toBe(0);
  });
});
