// What a direction does to a line's delivery: shared by the script's direction vocabulary (which the
// editor reads too) and the audio that applies it after synthesis.

/** What a direction changes. Absent fields change nothing. */
export interface DeliveryEffect {
  /** Multiplies the line's speed. */
  speed?: number;
  /** Semitones up (+) or down (-). */
  pitchSemitones?: number;
  gainDb?: number;
  /** dB added above ~1.5 kHz and taken below it: + brighter/breathier, - darker. */
  tiltDb?: number;
  /** High-pass corner in Hz (a whisper has no chest). */
  lowCutHz?: number;
  /** Soft-limit peaks to this ceiling (dBFS) after the gain. */
  limitDb?: number;
}
