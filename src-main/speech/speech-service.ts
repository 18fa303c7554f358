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
import type { EngineScheduler, Lane } from '../engines/scheduler';
import type { LexiconEntry } from '../text/lexicon-entry';
import { throwIfAborted } from '../lib/abort';
import { EMPHASIS, planMarkedText, type PlannedChunk } from '../text/index';
import { assertReadable } from '../text/script-support';
import type { Library } from '../library/db';
import { applyLexicon } from './lexicon';
import { applyDeliveryFx, engineSpeedFor } from '../audio/delivery-fx';
import { DIRECTIONS, deliveryOf, type DeliveryEffect, type DirectionOverrides } from '../script/directions';
import { chooseStyle } from '../script/style-choice';
import { DeliveryEffect as DeliveryEffectSchema } from '../contract/delivery-effect';
import { z } from 'zod';

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
  /**
   * The voice id of `voiceId` leaned `amount` (0–1) toward `towardId`, for an engine that blends
   * (Kokoro); the core provides it, since speech may not reach into one engine's room.
   */
  blendToward?(voiceId: string, towardId: string, amount: number): string;
  /**
   * The voice id that speaks a cloned voice's added style, by the style's conditioning id; the core
   * provides it (Pocket: `pocket:clone-<condId>`), as speech may not reach into one engine's room.
   */
  styleVoice?(voiceId: string, condId: string): string;
  /**
   * For an engine and language whose text front end reports what it could not read (a rare hanzi,
   * kana it does not know, a script it cannot read): the reader of one chunk's warnings, each naming
   * the place. Null for any other, so a line in those costs no second look at its text.
   */
  readingWarnings?(engineId: string, language: string | null): ((text: string) => Promise<string[]>) | null;
  /** Who synthesizes next when an engine is busy; without it (tests) every chunk goes straight in. */
  scheduler?: EngineScheduler;
}

export interface SpeakRequest {
  text: string;
  voiceId: string;
  params: RenderParams;
  /** Whose pronunciation dictionary applies (with the global one); null for global only. */
  projectId?: string | null;
  /** Unsaved entries tried before any dictionary (the "say it" preview). */
  pronunciations?: readonly LexiconEntry[];
  /** Its place in the engine scheduler; the studio's interactive playback when absent. */
  lane?: Lane;
  /**
   * Audio this line continues from (the previous line's take), for an engine that can; every chunk
   * of the line is conditioned on its end. Ignored, and left out of the cache key, for other engines.
   */
  context?: Float32Array;
}

/** Playback and previews in the studio: first in line for the engines. */
const STUDIO_LANE: Lane = { priority: 'interactive', owner: 'studio' };

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

  /**
   * Text chunks in speaking order, each with the rate and emphasis its inline markup gives it;
   * exposed so export and subtitles agree with playback. One-off pronunciations stay in misaki's
   * link form only for Kokoro's English G2P, which reads it; other engines get the word.
   */
  plan(text: string, voice: Voice): PlannedChunk[] {
    const engine = this.deps.router.voiceRef(voice.id).engine;
    const inlinePhonemes = engine === 'kokoro' && /^en\b/i.test(voice.language ?? '');
    const { chunks } = planMarkedText(text, { language: voice.language, maxChars: CHUNK_CHARS, firstMaxChars: FIRST_CHUNK_CHARS, inlinePhonemes });
    return chunks;
  }

  async *stream(req: SpeakRequest, signal?: AbortSignal, timings?: SpeakTimings): AsyncGenerator<Float32Array> {
    const voice = this.resolveVoice(req.voiceId, req.text);
    const chunks = this.plan(req.text, voice);
    if (chunks.length === 0) throw new KoeError('invalid_args', 'There is nothing to say: the text has no words.');
    const engineId = this.deps.router.voiceRef(voice.id).engine;
    const { names, overrides } = directionsOf(req.params.direction, req.params.directionEffects);
    const style = this.styleOf(voice, req.params.style, names, overrides);
    // The directions still shaping the audio after a style stood in for some; they alone go into the
    // cache key, so a style picked by hand and the same style chosen by its direction share audio.
    const acting = names.filter((n) => !style.replaced.includes(n) || Object.hasOwn(overrides, n));
    const fx = acting.length ? deliveryOf(acting, overrides) : null;
    const keyParams: RenderParams = acting.length === names.length ? req.params : { ...req.params, direction: acting.length ? acting.join('+') : undefined };
    const synthVoiceId = style.cond ? this.deps.styleVoice!(voice.id, style.cond.condId) : this.synthesisVoice(voice, engineId, fx);
    const ticket = this.deps.scheduler?.ticket(req.lane ?? STUDIO_LANE);
    const dictionaries = [...(req.pronunciations?.length ? [req.pronunciations] : []), ...this.deps.library.pronunciations.forSpeech(req.projectId ?? null, voice.language)];
    const context = this.contextFor(engineId, req.context);
    for (let i = 0; i < chunks.length; i++) {
      throwIfAborted(signal);
      const planned = chunks[i]!;
      const { text, lexicon } = applyLexicon(planned.text, dictionaries);
      const params = markedParams(keyParams, planned);
      const gain = planned.emphasis ? 10 ** (EMPHASIS.gainDb / 20) : 1;
      const key = cacheKey(engineId, this.deps.modelVersion(engineId), voice.id, text, params, lexicon, { ...(context ? { context: context.digest } : {}), ...(style.cond ? { style: `${style.cond.condId}:${style.cond.encodedAt}` } : {}) });
      if (i > 0) yield gap(CHUNK_GAP_MS);
      let asked = performance.now();
      const cached = this.deps.library.audioCache.getCached(key);
      if (cached && cached.sampleRate === SAMPLE_RATE) {
        if (timings && timings.firstChunkMs === null) timings.firstChunkMs = performance.now() - asked;
        yield scaled(cached.pcm, gain);
        continue;
      }
      const parts: Float32Array[] = [];
      // The slot is held for this chunk only; the next chunk asks again, so higher priorities and
      // other owners get their turn between a long text's chunks.
      const release = ticket ? await this.deps.scheduler!.acquire(engineId, ticket, signal) : null;
      try {
        // The engine's own time starts when it has a worker: waiting for one is not the engine's.
        asked = performance.now();
        for await (const pcm of this.deps.router.synthesize(synthVoiceId, { text, voice: '', speed: fx ? engineSpeedFor(params.speed, fx) : params.speed, pitch: params.pitch, ...(lexicon.length ? { lexicon } : {}), ...(context ? { context: context.pcm } : {}) }, signal)) {
          if (timings && timings.firstChunkMs === null) timings.firstChunkMs = performance.now() - asked;
          parts.push(pcm);
          // A directed chunk is shaped whole (its pitch shift resamples it), so it leaves below.
          if (!fx) yield scaled(pcm, gain);
        }
      } finally {
        release?.();
      }
      throwIfAborted(signal);
      const whole = fx ? applyDeliveryFx(concat(parts), fx) : concat(parts);
      if (fx) yield scaled(whole, gain);
      if (whole.length > 0) {
        this.deps.library.audioCache.putCached({ key, engine: engineId, modelVersion: this.deps.modelVersion(engineId), voiceId: voice.id, params, sampleRate: SAMPLE_RATE, pcm: whole });
      }
    }
  }

  /**
   * The end of the context audio the engine uses, and its digest for the cache key; null when there
   * is none or the engine cannot continue from audio. Only what the engine reads is hashed and sent.
   */
  private contextFor(engineId: string, pcm: Float32Array | undefined): { pcm: Float32Array; digest: string } | null {
    const seconds = pcm?.length ? this.deps.router.get(engineId)?.capabilities().continuesFrom?.seconds : undefined;
    if (!pcm || !seconds) return null;
    const tail = pcm.slice(Math.max(0, pcm.length - Math.round(seconds * SAMPLE_RATE)));
    const digest = createHash('sha256').update(new Uint8Array(tail.buffer, tail.byteOffset, tail.byteLength)).digest('hex').slice(0, 32);
    return { pcm: tail, digest };
  }

  /**
   * The style of a cloned voice that speaks (script/style-choice.ts): null conditioning for its
   * default style. A line's own pick the voice lacks is an error, not a quiet fallback: the person
   * chose it, and a take in another delivery would pass unnoticed in a long program.
   */
  private styleOf(voice: Voice, pick: string | undefined, names: readonly string[], overrides: DirectionOverrides): { cond: { condId: string; encodedAt: string } | null; replaced: string[] } {
    const none = { cond: null, replaced: [] };
    const styles = voice.kind === 'clone' && this.deps.styleVoice ? this.deps.library.cloneStyles.forSpeech(voice.id) : null;
    if (!styles) {
      if (pick) throw new KoeError('invalid_args', `${voice.name} is not a cloned voice: only cloned voices have styles. Clear the line's style.`);
      return none;
    }
    if (!pick && styles.styles.length === 0) return none;
    const all = [styles.defaultName, ...styles.styles.map((st) => st.name)];
    const choice = chooseStyle(all, styles.defaultName, pick, names, overrides);
    if (choice.missing) throw new KoeError('not_found', `This line asks for the style "${choice.missing}", which ${voice.name} does not have (its styles: ${all.join(', ')}). Pick another style for the line.`);
    const row = choice.style === null ? null : styles.styles.find((st) => st.name === choice.style)!;
    return { cond: row ? { condId: row.condId, encodedAt: row.encodedAt } : null, replaced: choice.replaced };
  }

  /**
   * The voice that speaks: the line's own, or for a direction with a blend on a voice whose engine
   * blends (Kokoro), that voice leaned toward the blend's voice. Other engines ignore the blend (the
   * README says so); the rest of the effect still applies.
   */
  private synthesisVoice(voice: Voice, engineId: string, fx: DeliveryEffect | null): string {
    const blend = fx?.blend;
    if (!blend || blend.amount === 0 || !this.deps.blendToward || !this.deps.router.get(engineId)?.capabilities().blends) return voice.id;
    if (this.deps.router.voiceRef(blend.voiceId).engine !== engineId) return voice.id;
    return this.deps.blendToward(voice.id, blend.voiceId, blend.amount);
  }

  /**
   * What the text front end skipped in a line, for the studio and `koe render` to show beside it.
   * The engine reads the same chunks when it speaks; asking apart from synthesis keeps the engine
   * interface audio-only and gives the same answer when the audio came from the cache.
   */
  async readingWarnings(req: SpeakRequest, signal?: AbortSignal): Promise<string[]> {
    const voice = this.resolveVoice(req.voiceId, req.text);
    const ask = this.deps.readingWarnings?.(this.deps.router.voiceRef(voice.id).engine, voice.language);
    if (!ask) return [];
    const dictionaries = [...(req.pronunciations?.length ? [req.pronunciations] : []), ...this.deps.library.pronunciations.forSpeech(req.projectId ?? null, voice.language)];
    const found = new Set<string>();
    for (const planned of this.plan(req.text, voice)) {
      throwIfAborted(signal);
      for (const w of await ask(applyLexicon(planned.text, dictionaries).text)) found.add(w);
    }
    return [...found];
  }

  /** Renders a whole utterance into one buffer (export, CLI). */
  async render(req: SpeakRequest, signal?: AbortSignal): Promise<Float32Array> {
    const parts: Float32Array[] = [];
    for await (const pcm of this.stream(req, signal)) parts.push(pcm);
    return concat(parts);
  }
}

export function cacheKey(engine: string, modelVersion: string, voiceId: string, text: string, params: RenderParams, lexicon: readonly LexiconEntry[][] = [], extra: { context?: string; style?: string } = {}): string {
  const h = createHash('sha256');
  // The lexicon part is only present when an entry touches this text, so keys of ordinary text
  // stay what they were.
  const key: unknown[] = [engine, modelVersion, voiceId, text, params.speed, params.pitch];
  if (lexicon.length) key.push(lexicon);
  // Likewise a direction: undirected text keeps its old keys.
  if (params.direction) key.push({ direction: params.direction });
  // A speaker's own effects for them (including a blend toward another voice), only when set.
  if (params.directionEffects) key.push({ effects: params.directionEffects });
  // A cloned voice's added style, by its conditioning id and when it was encoded (a re-encode is new
  // audio); the default style adds nothing, so going back to it finds the audio rendered before.
  if (extra.style) key.push({ style: extra.style });
  // The audio a line continues from (a digest of what the engine reads), only when there is one.
  if (extra.context) key.push({ context: extra.context });
  h.update(JSON.stringify(key));
  return h.digest('hex');
}

const Overrides = z.record(z.string(), DeliveryEffectSchema);

/** A params' directions and the speaker's own effects for them; an unknown name or a bad effect is refused rather than ignored. */
function directionsOf(direction: string | undefined, effects: string | undefined): { names: string[]; overrides: DirectionOverrides } {
  if (!direction) return { names: [], overrides: {} };
  const names = direction.split('+');
  const unknown = names.filter((n) => !Object.hasOwn(DIRECTIONS, n));
  if (unknown.length) throw new KoeError('invalid_args', `Unknown direction "${unknown[0]}". Known directions: ${Object.keys(DIRECTIONS).join(', ')}.`);
  if (!effects) return { names, overrides: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(effects);
  } catch {
    throw new KoeError('invalid_args', 'The direction effects are not valid JSON (expected {"whispering":{"gainDb":-9}}).');
  }
  const r = Overrides.safeParse(parsed);
  if (!r.success) throw new KoeError('invalid_args', `Invalid direction effect: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}.`);
  const stray = Object.keys(r.data).find((n) => !names.includes(n));
  if (stray) throw new KoeError('invalid_args', `The direction effects name "${stray}", which is not one of this line's directions (${names.join(', ')}).`);
  return { names, overrides: r.data };
}

/** The line's speed and pitch as a chunk's markup changes them (rate, emphasis). */
function markedParams(params: RenderParams, chunk: PlannedChunk): RenderParams {
  if (chunk.rate === 1 && !chunk.emphasis) return params;
  const speed = Math.min(2, Math.max(0.5, Math.round(params.speed * chunk.rate * 1000) / 1000));
  const pitch = chunk.emphasis ? Math.min(100, params.pitch + EMPHASIS.pitchSteps) : params.pitch;
  return { ...params, speed, pitch };
}

/** Emphasis is also a little louder; the cache keeps the engine's own level. */
function scaled(pcm: Float32Array, gain: number): Float32Array {
  if (gain === 1) return pcm;
  const out = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = pcm[i]! * gain;
  return out;
}

function gap(ms: number): Float32Array {
  return new Float32Array(Math.round((ms / 1000) * SAMPLE_RATE));
}
