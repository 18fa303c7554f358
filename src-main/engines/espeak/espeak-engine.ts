// eSpeak NG as a Koe engine: every language espeak knows, offline, with no model download. It is
// the voice that always works (and the phonemizer the `koe phonemize` command uses). Each request
// is one espeak run on a fresh wasm instance, so requests cannot disturb each other and a bad input
// cannot leave the engine in a broken state.
import { KoeError } from '../../contract/errors';
import { SAMPLE_RATE } from '../../contract/schemas';
import { resample } from '../../audio/resample';
import { toMono, trimSilence } from '../../audio/pcm';
import { decodeWav } from '../../audio/wav';
import type { Engine, EngineCapabilities, EngineVoice, SynthesisRequest } from '../types';
import { throwIfAborted, unlessAborted } from '../../lib/abort';
import { compileEspeak, INPUT_FILE, runEspeak, warmEspeak } from '../../espeak-ng/espeak-wasm';
import { parseVoiceList, withFemaleVariants, type EspeakVoice } from './voice-list';

/** The embedded build (npm espeak-ng, eSpeak NG 1.52 as WebAssembly): its output never changes otherwise. */
export const ESPEAK_MODEL_VERSION = 'espeak-ng-1.52-wasm';
const OUTPUT_FILE = '/out.wav';
/** Chunks of 100 ms: players can start on the first one while the rest is still being handed over. */
const CHUNK_SAMPLES = SAMPLE_RATE / 10;
const DEFAULT_WPM = 175;
const MIN_WPM = 80;
const MAX_WPM = 450;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Speed 1 is espeak's default 175 words per minute; espeak ignores values outside 80–450. */
export function wordsPerMinute(speed: number): number {
  const s = Number.isFinite(speed) && speed > 0 ? speed : 1;
  return Math.min(MAX_WPM, Math.max(MIN_WPM, Math.round(DEFAULT_WPM * s)));
}

/** Koe pitch 0–100 (50 neutral) to espeak's `-p` 0–99 (50 neutral). */
export function espeakPitch(pitch: number): number {
  const p = Number.isFinite(pitch) ? pitch : 50;
  return Math.min(99, Math.max(0, Math.round(p * 0.99)));
}

/** NUL would end the text early inside the C program; control characters are read aloud by name. */
function cleanText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
}

/**
 * Lets the event loop run between chunks. Without it a long clause is handed over in one go of
 * microtasks, and a cancel (a timer, a message from the main thread) could only land at the end.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** espeak prints one clause per line and may glue phonemes with zero-width joiners (`--tie=z`). */
export function joinIpaLines(lines: readonly string[]): string {
  return lines
    .map((line) => line.replace(ZERO_WIDTH, '').trim())
    .filter(Boolean)
    .join(' ');
}

export class EspeakEngine implements Engine {
  readonly id = 'espeak';
  readonly name = 'eSpeak NG (embedded)';
  private list: Promise<EspeakVoice[]> | null = null;
  private known: EspeakVoice[] = [];

  capabilities(): EngineCapabilities {
    return {
      // The whole clause is synthesized before its first chunk is yielded.
      streaming: false,
      speed: { min: 0.5, max: 2 },
      pitch: true,
      cloning: false,
      blends: false,
      phonemeLexicon: false,
      languages: [...new Set(this.known.map((v) => v.language))],
    };
  }

  modelVersion(): string {
    return ESPEAK_MODEL_VERSION;
  }

  async load(): Promise<void> {
    await compileEspeak();
    await this.voiceTable();
    warmEspeak();
  }

  async voices(): Promise<EngineVoice[]> {
    return (await this.voiceTable()).map(({ file: _file, ...voice }) => ({ ...voice, tags: [...voice.tags] }));
  }

  async *synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncGenerator<Float32Array> {
    throwIfAborted(signal);
    const voice = await unlessAborted(this.voice(req.voice), signal);
    const text = cleanText(req.text);
    if (!text) return;
    try {
      yield* this.speak(text, voice, req, signal);
    } finally {
      // The next run's instance is started once this one's audio is out (or abandoned).
      warmEspeak();
    }
  }

  private async *speak(text: string, voice: EspeakVoice, req: SynthesisRequest, signal?: AbortSignal): AsyncGenerator<Float32Array> {
    const args = ['-w', OUTPUT_FILE, '-v', voice.file, '-s', String(wordsPerMinute(req.speed)), '-p', String(espeakPitch(req.pitch))];
    // -z drops the pause espeak adds after the last sentence; the caller spaces chunks itself.
    const run = await unlessAborted(runEspeak([...args, '-z', '-f', INPUT_FILE], text), signal);
    if (run.status !== 0) throw new KoeError('engine', `eSpeak NG could not speak this text: ${run.stderr.join(' ') || `exit status ${run.status}`}`);
    throwIfAborted(signal);
    const wav = decodeWav(run.readFile(OUTPUT_FILE));
    const speech = trimSilence(resample(toMono(wav.channelData), wav.sampleRate, SAMPLE_RATE), { sampleRate: SAMPLE_RATE });
    for (let at = 0; at < speech.length; at += CHUNK_SAMPLES) {
      if (at > 0) await nextTurn();
      throwIfAborted(signal);
      // slice, not subarray: each chunk owns its buffer so a worker can transfer it.
      yield speech.slice(at, at + CHUNK_SAMPLES);
    }
  }

  /** IPA for `text`, clauses joined by a space (espeak prints one clause per line). */
  async phonemize(text: string, language: string): Promise<string> {
    const voice = await this.voice(language);
    const clean = cleanText(text);
    if (!clean) return '';
    const run = await runEspeak(['-q', '--ipa', '-v', voice.file, '-f', INPUT_FILE], clean).finally(warmEspeak);
    if (run.status !== 0) throw new KoeError('engine', `eSpeak NG could not phonemize this text: ${run.stderr.join(' ') || `exit status ${run.status}`}`);
    return joinIpaLines(run.stdout);
  }

  async dispose(): Promise<void> {
    // The compiled module and the prepared instance belong to the thread (every EspeakEngine in it
    // shares them), so there is nothing of this object's own to release.
  }

  private voiceTable(): Promise<EspeakVoice[]> {
    if (!this.list) {
      this.list = runEspeak(['--voices']).then((run) => {
        const voices = withFemaleVariants(parseVoiceList(run.stdout));
        if (voices.length === 0) throw new KoeError('engine', `eSpeak NG listed no voices${run.stderr.length ? `: ${run.stderr.join(' ')}` : ''}.`);
        this.known = voices;
        return voices;
      });
      this.list.catch(() => {
        this.list = null;
      });
    }
    return this.list;
  }

  /** Accepts the voice id, case-insensitively, so `EN-US` and `en-us` are the same voice. */
  private async voice(id: string): Promise<EspeakVoice> {
    const wanted = id.trim().toLowerCase();
    const voice = (await this.voiceTable()).find((v) => v.id === wanted);
    if (!voice) throw new KoeError('not_found', `Unknown eSpeak voice "${id}". Run "koe voices" to see the languages (espeak:<code>).`);
    return voice;
  }
}
