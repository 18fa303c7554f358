// Kokoro-82M as a Koe engine. Per request: find the voice's pack and language, phonemize with the
// language's G2P (user pronunciations first), cut the phonemes into chunks where the reference
// pipelines would (whole sentences, the first chunk the opening sentence or its leading clauses),
// and for each chunk pick the style row for its length, run the graph and stream the audio with
// clean joins. Cancellation is checked between chunks, and a cancelled request stops waiting for
// the chunk in flight.
import { KoeError } from '../../contract/errors';
import type { Engine, EngineCapabilities, EngineVoice, SynthesisRequest } from '../types';
import { throwIfAborted, unlessAborted } from '../../lib/abort';
import { blendVoices, isBlendSpec, parseBlendSpec } from './blend';
import { ChunkJoiner, pauseAfterMs, type JoinOptions } from './chunk-joiner';
import { MAX_PHONEME_TOKENS } from './kokoro-session';
import { filesOnDisk } from '../onnx/model-resolver';
import type { OrtRuntime } from '../onnx/ort';
import { findKokoroModel, kokoroModelVersion } from './model-files';
import { SessionHost, type SessionSettings, type SessionStatus } from './session-host';
import type { ChunkLimits, KokoroTextPath } from './text-path';
import { blendGender, KOKORO_LANGUAGES, kokoroCatalog } from './voice-catalog';
import { styleRow, type VoicePack } from './voice-pack';
import { listCustomVoices, VoiceStore } from './voice-store';

export const MIN_SPEED = 0.5;
export const MAX_SPEED = 2;

export interface KokoroEngineOptions {
  modelsDir: string;
  text: KokoroTextPath;
  /** Model file name under kokoro/onnx/ (a quality mode's variant); default: best present. */
  modelFile?: string;
  /**
   * The verified model file the core resolved (KokoroService): when given, the only file the engine
   * will load (null: none installed). When absent, the engine takes the best file in the folder as
   * it is, which only tests and benches on the generated fixtures do. Voice packs are read from their
   * catalog paths; KokoroService lets a request through only when its packs are verified.
   */
  modelPath?: string | null;
  session?: SessionSettings;
  chunking?: Partial<ChunkLimits>;
  join?: JoinOptions;
  onStatus?: (status: SessionStatus) => void;
  /** Test seam: a runtime with failing providers or a spy. */
  runtime?: () => Promise<OrtRuntime>;
}

/** What Kokoro can do; the languages are those whose text path is installed. */
export function kokoroCapabilities(text: KokoroTextPath): EngineCapabilities {
  return {
    streaming: true,
    speed: { min: MIN_SPEED, max: MAX_SPEED },
    pitch: false,
    cloning: false,
    blends: true,
    // User phonemes go to the G2P ahead of its lexicons (synthesize below).
    phonemeLexicon: true,
    languages: KOKORO_LANGUAGES.filter((l) => text.g2p.availability(l.code).available).map((l) => l.tag),
  };
}

function clampSpeed(speed: number): number {
  return Number.isFinite(speed) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) : 1;
}

export class KokoroEngine implements Engine {
  readonly id = 'kokoro';
  readonly name = 'Kokoro-82M';
  readonly host: SessionHost;
  readonly store: VoiceStore;
  private readonly limits: ChunkLimits;
  /** The model file this engine loads (null: none installed). */
  private readonly model: () => string | null;

  constructor(private readonly opts: KokoroEngineOptions) {
    this.store = new VoiceStore(opts.modelsDir);
    this.model = opts.modelPath !== undefined ? () => opts.modelPath ?? null : () => findKokoroModel(filesOnDisk(opts.modelsDir), opts.modelFile);
    this.host = new SessionHost(this.model, opts.session, {
      ...(opts.runtime ? { runtime: opts.runtime } : {}),
      ...(opts.onStatus ? { onStatus: opts.onStatus } : {}),
    });
    this.limits = {
      maxTokens: Math.min(MAX_PHONEME_TOKENS, opts.chunking?.maxTokens ?? MAX_PHONEME_TOKENS),
      // About two seconds of speech (English runs near 16 tokens a second): an opening clause this
      // short is sent alone, ready in about half a second at a real-time factor of 0.25. A longer
      // first clause is still sent whole, never cut at a word for speed. Quality modes move this.
      firstChunkMaxTokens: opts.chunking?.firstChunkMaxTokens ?? 32,
    };
  }

  capabilities(): EngineCapabilities {
    return kokoroCapabilities(this.opts.text);
  }

  modelVersion(): string {
    return kokoroModelVersion(this.model());
  }

  /** Loads and warms the ONNX session (lazily: the first request calls this too). */
  async load(): Promise<void> {
    await this.host.session();
  }

  /** Installed presets and saved custom voices. */
  async voices(): Promise<EngineVoice[]> {
    const installed = this.store.installedPresets();
    const presets = kokoroCatalog().filter((v) => installed.has(v.id));
    const custom = await listCustomVoices(this.opts.modelsDir);
    return [
      ...presets,
      ...custom.map((c) => {
        const lang = KOKORO_LANGUAGES.find((l) => l.tag === c.language);
        return { id: c.id, name: c.name, language: c.language, languageName: lang?.name ?? c.language, gender: c.recipe && isBlendSpec(c.recipe) ? blendGender(parseBlendSpec(c.recipe).map((p) => p.voice)) : ('unknown' as const), tags: ['kokoro', 'custom'], grade: null };
      }),
    ];
  }

  status(): SessionStatus {
    return this.host.status();
  }

  /** A blend of installed voices by id, e.g. for a preview before saving it as a custom voice. */
  async blend(parts: readonly { voice: string; weight: number }[]): Promise<VoicePack> {
    const packs = await Promise.all(parts.map((p) => this.store.resolve(p.voice)));
    return blendVoices(parts.map((p, i) => ({ voice: packs[i]!.pack, weight: p.weight })));
  }

  async *synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncGenerator<Float32Array> {
    throwIfAborted(signal);
    const voice = await this.store.resolve(req.voice.trim());
    const lang = voice.language.code;
    const availability = this.opts.text.g2p.availability(lang);
    if (!availability.available) {
      throw new KoeError('unsupported', `Kokoro cannot speak ${voice.language.name} yet: ${availability.reason ?? 'its text path is not installed'}.`);
    }
    const text = req.text.trim();
    if (!text) return;
    const speed = clampSpeed(req.speed);
    const result = await unlessAborted(this.opts.text.g2p.phonemize(text, lang, { ...(req.lexicon ? { user: req.lexicon } : {}), ...(signal ? { signal } : {}) }), signal);
    const joiner = new ChunkJoiner(this.opts.join);
    let pause = 0;
    for (const phonemes of this.opts.text.chunk(result, this.limits)) {
      const { ids } = this.opts.text.tokenize(phonemes);
      // The chunker keeps under the model's limit; should a chunk still be longer, split it rather
      // than let the model truncate it silently.
      for (let at = 0; at < ids.length; at += MAX_PHONEME_TOKENS) {
        throwIfAborted(signal);
        const part = ids.slice(at, at + MAX_PHONEME_TOKENS);
        const audio = await unlessAborted(this.host.run(part, styleRow(voice.pack, part.length), speed), signal);
        throwIfAborted(signal);
        const out = joiner.push(audio, pause);
        pause = 0;
        if (out.length) yield out;
      }
      if (ids.length) pause = pauseAfterMs(phonemes);
    }
    const tail = joiner.finish();
    if (tail.length) yield tail;
  }

  async dispose(): Promise<void> {
    await this.host.dispose();
  }
}
