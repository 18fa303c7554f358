// The engine interface every speech engine implements. Engines know nothing about threads, IPC or
// Electron: they take a request and yield 24 kHz mono float32 PCM chunks until done or aborted.
import type { Gender } from '../contract/schemas';
import type { LexiconEntry } from '../text/lexicon-entry';

export interface EngineVoice {
  /** Voice id local to the engine (e.g. `en-us`); the library id is `<engine>:<id>`. */
  id: string;
  name: string;
  language: string;
  languageName: string;
  gender: Gender;
  tags: string[];
  grade: string | null;
}

/**
 * What an engine can do, so callers ask the engine rather than switch on its id. Engines report
 * what their code supports: a flag here is never set for a feature the engine would refuse.
 */
export interface EngineCapabilities {
  /** Yields audio before the whole request is synthesized. */
  streaming: boolean;
  /** The speed range it honours (1–1: no rate control). */
  speed: { min: number; max: number };
  pitch: boolean;
  /** Speaks voices cloned from a recording. */
  cloning: boolean;
  /** Mixes its voices by weight (`a*0.6+b*0.4`) and can save a mix as a voice of its own. */
  blends: boolean;
  /** Applies user pronunciations written in phonemes; other engines get respellings only. */
  phonemeLexicon: boolean;
  languages: string[];
  /**
   * Conditions a line on audio that came before it (`SynthesisRequest.context`): Pocket TTS's
   * "continue from the previous line". `seconds`: how much of the context's end it uses. Absent: the engine ignores a context.
   */
  continuesFrom?: { seconds: number };
}

export interface SynthesisRequest {
  /** Already normalized text of one sentence or clause group; the engine speaks it as given. */
  text: string;
  voice: string;
  speed: number;
  /** 0–100, 50 is neutral. */
  pitch: number;
  /**
   * User dictionaries that mention words of this text, highest priority first. Engines with their
   * own G2P apply the phoneme entries; respellings are already substituted into `text`.
   */
  lexicon?: LexiconEntry[][];
  /**
   * 24 kHz audio this text continues from (the end of the line before it), for an engine whose
   * capabilities say `continuesFrom`; others ignore it.
   */
  context?: Float32Array;
}

export interface Engine {
  readonly id: string;
  readonly name: string;
  capabilities(): EngineCapabilities;
  /**
   * Identifies the model build behind the audio, for audio-cache keys: it changes whenever the same
   * request could sound different (another model file, a replaced download), so a cached take is
   * never served for audio the engine would no longer make.
   */
  modelVersion(): string;
  /** Idempotent; resolves when the engine can synthesize. */
  load(): Promise<void>;
  voices(): Promise<EngineVoice[]>;
  /** Yields 24 kHz mono float32 chunks. Stops promptly when `signal` aborts (throws AbortError). */
  synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncIterable<Float32Array>;
  dispose(): Promise<void>;
}
