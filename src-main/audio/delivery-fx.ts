// Applies a direction's delivery after synthesis (see script/directions.ts): pitch, level, a
// spectral tilt, a low cut and a soft limiter, on one utterance of 24 kHz mono PCM.
// Pitch moves by resampling, which also shortens or lengthens the audio; the caller asks the engine
// for the opposite change of speed (`engineSpeedFor`) so the length comes out as asked. A phase
// vocoder would keep formants, but costs a library or a page of DSP for shifts of a semitone or two,
// where the formant shift is not what a listener notices.
import type { DeliveryEffect } from '../contract/delivery-effect';
import { SAMPLE_RATE } from '../contract/schemas';
import { resample } from './resample';

export type DeliveryFx = DeliveryEffect;

/** Where the tilt pivots: below it loses what above it gains. */
const TILT_PIVOT_HZ = 1500;

function pitchRatio(fx: DeliveryFx): number {
  return 2 ** ((fx.pitchSemitones ?? 0) / 12);
}

/** The speed to ask the engine for so that, after the pitch shift, the line runs at `speed × fx.speed`. */
export function engineSpeedFor(speed: number, fx: DeliveryFx): number {
  return (speed * (fx.speed ?? 1)) / pitchRatio(fx);
}

const dbToGain = (db: number): number => 10 ** (db / 20);

/** One-pole low-pass coefficient for a corner frequency. */
function onePole(hz: number): number {
  return 1 - Math.exp((-2 * Math.PI * hz) / SAMPLE_RATE);
}

export function applyDeliveryFx(input: Float32Array, fx: DeliveryFx): Float32Array {
  const ratio = pitchRatio(fx);
  // Read as if recorded at rate × ratio: played at the true rate it is higher and shorter.
  let x = ratio !== 1 ? resample(input, Math.round(SAMPLE_RATE * ratio), SAMPLE_RATE) : Float32Array.from(input);
  if (fx.lowCutHz) {
    const a = onePole(fx.lowCutHz);
    let low = 0;
    // Two passes make the cut 12 dB/octave, steep enough to take the chest out of a whisper.
    for (let pass = 0; pass < 2; pass++) {
      low = 0;
      for (let n = 0; n < x.length; n++) {
        low += a * (x[n]! - low);
        x[n] = x[n]! - low;
      }
    }
  }
  if (fx.tiltDb) {
    const a = onePole(TILT_PIVOT_HZ);
    const gLow = dbToGain(-fx.tiltDb / 2);
    const gHigh = dbToGain(fx.tiltDb / 2);
    let low = 0;
    for (let n = 0; n < x.length; n++) {
      low += a * (x[n]! - low);
      x[n] = low * gLow + (x[n]! - low) * gHigh;
    }
  }
  if (fx.gainDb) {
    const g = dbToGain(fx.gainDb);
    for (let n = 0; n < x.length; n++) x[n] = x[n]! * g;
  }
  if (fx.limitDb !== undefined) x = softLimit(x, dbToGain(fx.limitDb));
  return x;
}

/**
 * Peaks above a knee at half the ceiling bend smoothly toward the ceiling (tanh), so a shout is
 * loud without clipping. The whole utterance is at hand, so no look-ahead is needed.
 */
function softLimit(x: Float32Array, ceiling: number): Float32Array {
  const knee = ceiling / 2;
  const room = ceiling - knee;
  for (let n = 0; n < x.length; n++) {
    const v = x[n]!;
    const m = Math.abs(v);
    if (m > knee) x[n] = Math.sign(v) * (knee + room * Math.tanh((m - knee) / room));
  }
  return x;
}
