// What a direction does to a line's delivery: shared by the script's direction vocabulary (which the
// editor reads too), the audio that applies it after synthesis, and a speaker's own mapping of a
// direction (validated here, at the boundary, like every other argument).
import { z } from 'zod';

/** A Kokoro voice a direction leans toward: `amount` 0–1 of the way from the speaker's voice. */
export const DeliveryBlend = z.object({
  /** A Kokoro voice's library id ("kokoro:af_sky"). */
  voiceId: z.string().regex(/^kokoro:[a-z0-9][a-z0-9_-]{0,63}$/, 'a direction can only lean toward one Kokoro voice (an id like "kokoro:af_sky")'),
  amount: z.number().min(0).max(1),
}).strict();

/** What a direction changes. Absent fields change nothing. */
export const DeliveryEffect = z.object({
  /** Multiplies the line's speed. */
  speed: z.number().min(0.5).max(2).optional(),
  /** Semitones up (+) or down (-). */
  pitchSemitones: z.number().min(-12).max(12).optional(),
  gainDb: z.number().min(-40).max(20).optional(),
  /** dB added above ~1.5 kHz and taken below it: + brighter/breathier, - darker. */
  tiltDb: z.number().min(-12).max(12).optional(),
  /** High-pass corner in Hz (a whisper has no chest). */
  lowCutHz: z.number().min(0).max(2000).optional(),
  /** Soft-limit peaks to this ceiling (dBFS) after the gain. */
  limitDb: z.number().min(-24).max(0).optional(),
  /** Kokoro voices only: synthesize with a blend toward another voice (other engines ignore it). */
  blend: DeliveryBlend.optional(),
  /**
   * Cloned voices only: speak with this style of the voice (its name, any case), e.g. a speaker's
   * "excited" direction spoken with the voice's "happy" style. Ignored when the voice has no such style.
   */
  style: z.string().trim().min(1).max(40).optional(),
}).strict();
export type DeliveryEffect = z.infer<typeof DeliveryEffect>;

/** A speaker's own effect for one direction of the vocabulary, replacing the default one whole. */
export const SpeakerDirection = z.object({
  speaker: z.string().min(1).max(80),
  direction: z.string().min(1).max(40),
  effect: DeliveryEffect,
}).strict();
export type SpeakerDirection = z.infer<typeof SpeakerDirection>;
