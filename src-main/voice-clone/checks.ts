// Quality checks on a cloning reference, run before anything is encoded or stored. Each check says
// what it measured and, when it is not fine, what to do about it in words a person recording in a
// spare room can act on. Errors block cloning (the result would not sound like anyone); warnings
// can be overridden by the user, who may know better (a deliberately quiet voice, a noisy but
// irreplaceable recording). A second speaker is found by pitch only (speakers.ts).
import { dbfs } from '../audio/pcm';
import { estimateSpeakers } from './speakers';
import { analyzeFrames, meanDb, type VadResult } from './vad';

export type CheckLevel = 'ok' | 'warning' | 'error';
export type CheckId = 'speech' | 'clipping' | 'level' | 'noise' | 'sample-rate' | 'speakers' | 'length';

export interface QualityCheck {
  id: CheckId;
  level: CheckLevel;
  /** One sentence: what was found and, unless ok, what to do. */
  message: string;
  /** The measurement (seconds, fraction, dBFS, dB, Hz); null when it could not be measured. */
  value: number | null;
}

export interface QualityReport {
  /** No errors: cloning may go ahead (with the user's consent to any warnings). */
  ok: boolean;
  /** Warnings the user must accept before cloning. */
  warnings: number;
  errors: number;
  checks: QualityCheck[];
  /** Checks not run, and why. */
  skipped: { id: string; reason: string }[];
  input: { sampleRate: number; channels: number; durationSec: number; format: string };
  /** Detected speech in the part used for cloning. */
  speechSec: number;
  /** Set when the input was longer than the reference the encoder uses: the part that was chosen. */
  window: { startSec: number; endSec: number } | null;
}

export const MIN_SPEECH_SEC = 6;
export const RECOMMENDED_SPEECH_SEC = 10;
/** Fractions of samples in clipped runs. */
export const CLIP_WARNING = 0.0005;
export const CLIP_ERROR = 0.005;
/** Speech level (RMS over speech frames). */
export const QUIET_WARNING_DB = -32;
export const QUIET_ERROR_DB = -45;
/** Speech-to-background ratio. */
export const SNR_WARNING_DB = 20;
export const SNR_ERROR_DB = 10;
export const RATE_WARNING_HZ = 16_000;
export const RATE_ERROR_HZ = 8_000;

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function speechCheck(vad: VadResult): QualityCheck {
  const s = round(vad.speechSec);
  if (vad.speechSec < MIN_SPEECH_SEC) {
    const what = vad.speechSec < 0.3 ? 'No speech was detected' : `Only ${s} s of speech was detected`;
    return { id: 'speech', level: 'error', value: s, message: `${what}; at least ${MIN_SPEECH_SEC} s is needed. Record again and read the whole prompt aloud without long pauses.` };
  }
  if (vad.speechSec < RECOMMENDED_SPEECH_SEC) {
    return { id: 'speech', level: 'ok', value: s, message: `${s} s of speech: enough. ${RECOMMENDED_SPEECH_SEC}–20 s gives a closer likeness.` };
  }
  return { id: 'speech', level: 'ok', value: s, message: `${s} s of speech.` };
}

function clippingCheck(vad: VadResult, samples: number): QualityCheck {
  const clipped = vad.frames.reduce((n, f) => n + f.clipped, 0);
  const fraction = samples > 0 ? clipped / samples : 0;
  const pct = `${round(fraction * 100, 2)}%`;
  if (fraction >= CLIP_ERROR) return { id: 'clipping', level: 'error', value: fraction, message: `The recording is distorted: ${pct} of it hits the maximum level. Turn the input gain down (or move back from the microphone) and record again.` };
  if (fraction >= CLIP_WARNING) return { id: 'clipping', level: 'warning', value: fraction, message: `A few peaks hit the maximum level (${pct}). The clone may copy the distortion; turning the gain down a little would help.` };
  return { id: 'clipping', level: 'ok', value: fraction, message: 'No clipping.' };
}

function levelCheck(vad: VadResult, pcm: Float32Array): QualityCheck {
  const speechDb = meanDb(vad.frames, (f) => f.speech);
  const db = Number.isNaN(speechDb) ? dbfs(Math.sqrt(pcm.reduce((s, x) => s + x * x, 0) / Math.max(1, pcm.length))) : speechDb;
  const value = Number.isFinite(db) ? round(db) : null;
  if (value === null || db < QUIET_ERROR_DB) {
    return { id: 'level', level: 'error', value, message: value === null ? 'The recording is silent. Check that the right microphone is selected and not muted.' : `The speech is far too quiet (${value} dBFS). Move closer to the microphone or raise its input level, and record again.` };
  }
  if (db < QUIET_WARNING_DB) return { id: 'level', level: 'warning', value, message: `The speech is quiet (${value} dBFS); it will be amplified, and any background with it. Speaking closer to the microphone gives a cleaner clone.` };
  return { id: 'level', level: 'ok', value, message: `Speech level ${value} dBFS.` };
}

/** Speech power over background power, with the background's share taken out of the speech frames. */
export function estimateSnrDb(vad: VadResult): number | null {
  const speech = meanDb(vad.frames, (f) => f.speech);
  if (Number.isNaN(speech)) return null;
  // The median of the pauses, not their mean: word tails and breaths that fall below the speech
  // threshold are loud outliers in a clean take, while a fan or hum is steady and sets the median.
  const pauses = vad.frames.filter((f) => !f.speech).map((f) => f.db).sort((a, b) => a - b);
  const quiet = pauses.length >= 10 ? pauses[Math.floor(pauses.length / 2)]! : vad.floorDb;
  if (!Number.isFinite(quiet)) return 60; // digital silence between words
  const ps = 10 ** (speech / 10);
  const pn = 10 ** (quiet / 10);
  return ps <= pn ? 0 : Math.min(60, 10 * Math.log10((ps - pn) / pn));
}

function noiseCheck(vad: VadResult): QualityCheck {
  const snr = estimateSnrDb(vad);
  if (snr === null || vad.speechSec < 0.3) return { id: 'noise', level: 'ok', value: null, message: 'Background noise not measured: no speech to compare it with.' };
  const value = round(snr);
  if (snr < SNR_ERROR_DB) return { id: 'noise', level: 'error', value, message: `The background is almost as loud as the voice (about ${value} dB apart). Record somewhere quieter: turn off fans and music, close the window.` };
  if (snr < SNR_WARNING_DB) return { id: 'noise', level: 'warning', value, message: `There is noticeable background noise (speech about ${value} dB above it). The clone may pick it up; a quieter room or a closer microphone helps.` };
  return { id: 'noise', level: 'ok', value, message: `Background is quiet (speech about ${value} dB above it).` };
}

function rateCheck(sampleRate: number): QualityCheck {
  if (sampleRate < RATE_ERROR_HZ) return { id: 'sample-rate', level: 'error', value: sampleRate, message: `The recording's sample rate (${sampleRate} Hz) is too low to clone from. Use a recording of at least 16 kHz.` };
  if (sampleRate < RATE_WARNING_HZ) return { id: 'sample-rate', level: 'warning', value: sampleRate, message: `The recording is low-bandwidth (${sampleRate} Hz, like a phone call); the clone will sound muffled. Record at 16 kHz or more if you can.` };
  return { id: 'sample-rate', level: 'ok', value: sampleRate, message: `Sample rate ${sampleRate} Hz.` };
}

/** Needs this much clearly voiced speech before it counts voices at all. */
const MIN_VOICED_FOR_SPEAKERS_SEC = 2;

function speakersCheck(pcm: Float32Array, vad: VadResult): QualityCheck {
  const est = estimateSpeakers(pcm, vad);
  const hz = est.pitchesHz.map((p) => Math.round(p));
  if (est.voicedSec < MIN_VOICED_FOR_SPEAKERS_SEC) return { id: 'speakers', level: 'ok', value: null, message: 'Voices not counted: too little clearly voiced speech.' };
  if (est.voices === 2) {
    return {
      id: 'speakers',
      level: 'warning',
      value: 2,
      message: `Two different voices seem to speak in this recording (one around ${hz[0]} Hz, one around ${hz[1]} Hz). A clone of two people sounds like neither: trim the recording to one person, or use another.`,
    };
  }
  return { id: 'speakers', level: 'ok', value: 1, message: `One voice (pitch around ${hz[0]} Hz).` };
}

export interface CheckInput {
  /** Mono samples at `sampleRate`: the part that will be used (after any window choice). */
  pcm: Float32Array;
  sampleRate: number;
  channels: number;
  format: string;
  /** Duration of the whole input, which may be longer than `pcm`. */
  durationSec: number;
  window: { startSec: number; endSec: number } | null;
}

export function checkReference(input: CheckInput): QualityReport {
  const vad = analyzeFrames(input.pcm, input.sampleRate);
  const checks = [speechCheck(vad), clippingCheck(vad, input.pcm.length), levelCheck(vad, input.pcm), noiseCheck(vad), rateCheck(input.sampleRate), speakersCheck(input.pcm, vad)];
  if (input.window) {
    const w = input.window;
    checks.push({ id: 'length', level: 'ok', value: round(input.durationSec), message: `The recording is ${formatDuration(input.durationSec)} long; the clearest ${round(w.endSec - w.startSec, 0)} s (from ${formatDuration(w.startSec)}) will be used.` });
  }
  const errors = checks.filter((c) => c.level === 'error').length;
  const warnings = checks.filter((c) => c.level === 'warning').length;
  return {
    ok: errors === 0,
    errors,
    warnings,
    checks,
    // Two voices of similar pitch pass the speakers check: say so rather than imply they were ruled out.
    skipped: [{ id: 'similar-voices', reason: 'Two voices of similar pitch cannot be told apart: make sure only one person speaks.' }],
    input: { sampleRate: input.sampleRate, channels: input.channels, durationSec: round(input.durationSec, 2), format: input.format },
    speechSec: round(vad.speechSec, 2),
    window: input.window,
  };
}

export function formatDuration(sec: number): string {
  if (sec < 60) return `${round(sec)} s`;
  const total = Math.round(sec);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m} min${s ? ` ${s} s` : ''}`;
}

/** The messages a person must read: errors first, then warnings. */
export function problems(report: QualityReport): QualityCheck[] {
  return [...report.checks.filter((c) => c.level === 'error'), ...report.checks.filter((c) => c.level === 'warning')];
}
