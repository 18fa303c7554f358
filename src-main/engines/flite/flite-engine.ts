// CMU Flite as a Koe engine: four English voices that a speech recognizer understands far better
// than eSpeak's (bench: intelligibility), with no model download. It must run in its own child
// process (core/flite-child.ts, hosted by a ContainedEngine): the WASI build crashes Node after a
// dozen or so runs in one process, when the garbage collector frees earlier instances. A collection
// forced before each run avoids that in practice, and the child is still restarted every few
// utterances and after any crash, so the studio never goes down with it.
import { KoeError } from '../../contract/errors';
import { SAMPLE_RATE } from '../../contract/schemas';
import { resample } from '../../audio/resample';
import { fadeIn, fadeOut, toMono, trimSilence } from '../../audio/pcm';
import { decodeWav } from '../../audio/wav';
import { throwIfAborted, unlessAborted } from '../../lib/abort';
import type { Engine, EngineCapabilities, EngineVoice, SynthesisRequest } from '../types';
import { compileFlite, runFlite } from './flite-wasm';
import { FLITE_MODEL_VERSION, FLITE_VOICES, fliteVoice, type FliteVoice } from './voices';

const CHUNK_SAMPLES = SAMPLE_RATE / 10;
/** Flite's own edges can stop mid-wave; a few ms of fade keep a join with the next clause silent. */
const EDGE_FADE_MS = 5;
const MIN_SPEED = 0.5;
const MAX_SPEED = 2;
/** Pitch 0 and 100 move the voice this many semitones down and up. */
const PITCH_RANGE_SEMITONES = 6;

/** Koe speed (1 = the voice's own pace) as Flite's duration stretch, its inverse. */
export function durationStretch(speed: number): number {
  const s = Number.isFinite(speed) && speed > 0 ? speed : 1;
  return 1 / Math.min(MAX_SPEED, Math.max(MIN_SPEED, s));
}

/** Koe pitch 0–100 (50 neutral) as Flite's target mean F0 for a voice whose own mean is `f0` Hz. */
export function targetF0(pitch: number, f0: number): number {
  const p = Number.isFinite(pitch) ? Math.min(100, Math.max(0, pitch)) : 50;
  return f0 * Math.pow(2, (((p - 50) / 50) * PITCH_RANGE_SEMITONES) / 12);
}

/** Control characters would be read aloud or end the C string early. */
function cleanText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

export function fliteArgs(text: string, voice: FliteVoice, req: Pick<SynthesisRequest, 'speed' | 'pitch'>): string[] {
  const args = ['-voice', voice.id, '--setf', `duration_stretch=${durationStretch(req.speed).toFixed(4)}`];
  // At neutral pitch Flite is left alone, so the voice sounds exactly as built.
  if (voice.f0 !== null && req.pitch !== 50) args.push('--setf', `int_f0_target_mean=${targetF0(req.pitch, voice.f0).toFixed(1)}`);
  return [...args, '-t', text];
}

/** Lets a cancel land between chunks instead of after the whole clause is handed over. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class FliteEngine implements Engine {
  readonly id = 'flite';
  readonly name = 'Flite (embedded)';

  capabilities(): EngineCapabilities {
    return {
      streaming: false,
      speed: { min: MIN_SPEED, max: MAX_SPEED },
      // kal16, slt and awb follow the pitch target; rms keeps its own.
      pitch: true,
      cloning: false,
      blends: false,
      phonemeLexicon: false,
      languages: [...new Set(FLITE_VOICES.map((v) => v.language))],
    };
  }

  modelVersion(): string {
    return FLITE_MODEL_VERSION;
  }

  async load(): Promise<void> {
    await compileFlite();
  }

  async voices(): Promise<EngineVoice[]> {
    return FLITE_VOICES.map(({ f0: _f0, ...v }) => ({ ...v, tags: [...v.tags] }));
  }

  async *synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncGenerator<Float32Array> {
    throwIfAborted(signal);
    const voice = fliteVoice(req.voice);
    if (!voice) throw new KoeError('not_found', `Unknown Flite voice "${req.voice}". Flite speaks ${FLITE_VOICES.map((v) => v.id).join(', ')}.`);
    const text = cleanText(req.text);
    if (!text) return;
    // Frees the instances of earlier runs now, while nothing of ours is running (see the header).
    (globalThis as { gc?: () => void }).gc?.();
    const wav = decodeWav(await unlessAborted(runFlite(fliteArgs(text, voice, req)), signal));
    throwIfAborted(signal);
    const speech = trimSilence(resample(toMono(wav.channelData), wav.sampleRate, SAMPLE_RATE), { sampleRate: SAMPLE_RATE });
    fadeOut(fadeIn(speech, EDGE_FADE_MS), EDGE_FADE_MS);
    for (let at = 0; at < speech.length; at += CHUNK_SAMPLES) {
      if (at > 0) await nextTurn();
      throwIfAborted(signal);
      yield speech.slice(at, at + CHUNK_SAMPLES);
    }
  }

  async dispose(): Promise<void> {
    // The compiled module belongs to the process, which the host ends.
  }
}
