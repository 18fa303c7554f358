// Turns a line of text into a stream of 24 kHz PCM for one voice: normalize, chunk (a short first
// chunk so audio starts fast), consult the audio cache, synthesize what is missing on the engine
// router, and join chunks without clicks. Every face plays and exports through this one path, so
// what is heard is what is exported.
import { createHash } from 'node:crypto';
import { KoeError } from '../contract/errors';
import type { RenderParams, Voice } from '../contract/schemas';
import { SAMPLE_RATE } from '../contract/schemas';
import { concat } from '../audio/pcm';
import type { EngineRouter } from '../engines/router';
import type { LexiconEntry } from '../text/lexicon-entry';
import { throwIfAborted } from '../lib/abort';
import { chunkText, normalizeText } from '../text/index';
import { assertReadable } from '../text/script-support';
import type { Library } from '../library/db';
import { applyLexicon } from './lexicon';
import { applyDeliveryFx, engineSpeedFor } from '../audio/delivery-fx';
import { DIRECTIONS, deliveryOf, type DeliveryEffect } from '../script/directions';

/** First chunk small so the first sound comes quickly; later chunks larger for natural prosody. */
const FIRST_CHUNK_CHARS = 90;
const CHUNK_CHARS = 320;
/** Pause inserted between chunks; the engines trim their own leading/trailing silence. */
const CHUNK_GAP_MS = 60;

export interface SpeechServiceDeps {
  router: EngineRouter;
  library: Library;
  /** Identifies engine model builds in cache keys, so an updated model never serves stale audio. */
  modelVersion(engineId: string): string;
  /** Voices that exist without a library row (an unsaved blend being previewed); null if not one. */
  transientVoice?(voiceId: string): Voice | null;
}

export interface SpeakRequest {
  text: string;
  voiceId: string;
  params: RenderParams;
  /** Whose pronunciation dictionary applies (with the global one); null for global only. */
  projectId?: string | null;
  /** Unsaved entries tried before any dictionary (the "say it" preview). */
  pronunciations?: readonly LexiconEntry[];
}

export interface SpeakTimings {
  /**
   * Milliseconds the engine (or the cache) itself took to produce the first chunk, measured from the
   * moment it was asked; the text front end and transport are outside it, so the overhead benchmark
   * can subtract it from what the client sees.
   */
  firstChunkMs: number | null;
}

export class SpeechService {
  constructor(private readonly deps: SpeechServiceDeps) {}

  /** Resolves the voice or throws a clear not_found / unsupported error before any work starts. */
  resolveVoice(voiceId: string, text: string): Voice {
    const voice = this.deps.library.voices.getVoice(voiceId) ?? this.deps.transientVoice?.(voiceId) ?? null;
    if (!voice) throw new KoeError('not_found', `Unknown voice "${voiceId}". It may have been deleted; pick another voice.`);
    if (!voice.available) throw new KoeError('unsupported', `${voice.name} is not available: ${voice.unavailableReason ?? 'its model is not installed'}.`);
    assertReadable(text, voice.language, voice.name);
    return voice;
  }

  /** Text chunks in speaking order; exposed so export and subtitles agree with playback. */
  plan(text: string, voice: Voice): string[] {
    const spoken = normalizeText(text, voice.language);
    return chunkText(spoken, { maxChars: CHUNK_CHARS, firstMaxChars: FIRST_CHUNK_CHARS }).filter((c) => /[\p{L}\p{N}]/u.test(c));
  }

  async *stream(req: SpeakRequest, signal?: AbortSignal, timings?: SpeakTimings): AsyncGenerator<Float32Array> {
    const voice = this.resolveVoice(req.voiceId, req.text);
    const chunks = this.plan(req.text, voice);
    if (chunks.length === 0) throw new KoeError('invalid_args', 'There is nothing to say: the text has no words.');
    const engineId = this.deps.router.voiceRef(voice.id).engine;
    const fx = deliveryFor(req.params.direction);
    const engineSpeed = fx ? engineSpeedFor(req.params.speed, fx) : req.params.speed;
    const dictionaries = [...(req.pronunciations?.length ? [req.pronunciations] : []), ...this.deps.library.pronunciations.forSpeech(req.projectId ?? null, voice.language)];
    for (let i = 0; i < chunks.length; i++) {
      throwIfAborted(signal);
      const { text, lexicon } = applyLexicon(chunks[i]!, dictionaries);
      const key = cacheKey(engineId, this.deps.modelVersion(engineId), voice.id, text, req.params, lexicon);
      if (i > 0) yield gap(CHUNK_GAP_MS);
      const asked = performance.now();
      const cached = this.deps.library.audioCache.getCached(key);
      if (cached && cached.sampleRate === SAMPLE_RATE) {
        if (timings && timings.firstChunkMs === null) timings.firstChunkMs = performance.now() - asked;
        yield cached.pcm;
        continue;
      }
      const parts: Float32Array[] = [];
      for await (const pcm of this.deps.router.synthesize(voice.id, { text, voice: '', speed: engineSpeed, pitch: req.params.pitch, ...(lexicon.length ? { lexicon } : {}) }, signal)) {
        if (timings && timings.firstChunkMs === null) timings.firstChunkMs = performance.now() - asked;
        parts.push(pcm);
        // A directed chunk is shaped whole (its pitch shift resamples it), so it leaves below.
        if (!fx) yield pcm;
      }
      throwIfAborted(signal);
      const whole = fx ? applyDeliveryFx(concat(parts), fx) : concat(parts);
      if (fx) yield whole;
      if (whole.length > 0) {
        this.deps.library.audioCache.putCached({ key, engine: engineId, modelVersion: this.deps.modelVersion(engineId), voiceId: voice.id, params: req.params, sampleRate: SAMPLE_RATE, pcm: whole });
      }
    }
  }

  /** Renders a whole utterance into one buffer (export, CLI). */
  async render(req: SpeakRequest, signal?: AbortSignal): Promise<Float32Array> {
    const parts: Float32Array[] = [];
    for await (const pcm of this.stream(req, signal)) parts.push(pcm);
    return concat(parts);
  }
}

export function cacheKey(engine: string, modelVersion: string, voiceId: string, text: string, params: RenderParams, lexicon: readonly LexiconEntry[][] = []): string {
  const h = createHash('sha256');
  // The lexicon part is only present when an entry touches this text, so keys of ordinary text
  // stay what they were.
  const key: unknown[] = [engine, modelVersion, voiceId, text, params.speed, params.pitch];
  if (lexicon.length) key.push(lexicon);
  // Likewise a direction: undirected text keeps its old keys.
  if (params.direction) key.push({ direction: params.direction });
  h.update(JSON.stringify(key));
  return h.digest('hex');
}

/** The delivery a params' direction asks for; an unknown name is refused rather than ignored. */
function deliveryFor(direction: string | undefined): DeliveryEffect | null {
  if (!direction) return null;
  const names = direction.split('+');
  const unknown = names.filter((n) => !Object.hasOwn(DIRECTIONS, n));
  if (unknown.length) throw new KoeError('invalid_args', `Unknown direction "${unknown[0]}". Known directions: ${Object.keys(DIRECTIONS).join(', ')}.`);
  return deliveryOf(names);
}

function gap(ms: number): Float32Array {
  return new Float32Array(Math.round((ms / 1000) * SAMPLE_RATE));
}
