// Pocket TTS (Kyutai, ~100M parameters, zero-shot cloning) as a Koe engine, driving the
// thewh1teagle ONNX export's step graph ourselves on onnxruntime-node.
//
// Why not the `pocket-tts-onnx` npm runtime behind this interface (ENGINES.md 2.8):
//  - Execution providers: in Node it hard-codes the CPU provider and takes no session options, so
//    CoreML, DirectML or CUDA could never be tried, and no fallback reason could be reported.
//  - Threads: its thread option is ignored in Node, leaving ONNX Runtime's default pool, which
//    fights the Kokoro and espeak workers for cores; we set intra-op threads like Kokoro does.
//  - Memory: it keeps its own caches and sessions per pipeline; here one step session per language
//    is loaded lazily, unloaded when idle, and the flow cache is one preallocated buffer per chunk.
//  - Streaming and cancellation: we need 1920-sample frames out of a worker, with a stop checked on
//    every frame and the same seeded noise for the same line (so cached and re-rendered takes agree).
//  - Offline and integrity: it fetches manifest.json and assets.json from the network on every load
//    and never checks downloads; our model manager downloads, verifies and imports once, offline.
//  - Maintenance: the step graph's contract is small (12 inputs, 7 outputs, ENGINES.md 2.4) and is
//    checked at load (graph-io.ts); the runtime around it is ~400 lines we test with a fixture graph.
// Cost: we follow the export's algorithm ourselves (generate.ts) and must track changes to it.
//
// Per request: resolve the voice (a preset from assets.json, or a clone's conditioning file), run or
// reuse its prefill, prepare and chunk the text by tokens, and stream each chunk's frames.
import { KoeError } from '../../contract/errors';
import type { Engine, EngineCapabilities, EngineVoice, SynthesisRequest } from '../types';
import { throwIfAborted } from '../../lib/abort';
import type { VoiceCond } from './assets';
import { condStamp, readCond } from './clone-conds';
import { extendPrefix, generateChunk, prefillVoice, type VoicePrefix } from './generate';
import { CONTEXT_SECONDS, contextRows, contextTail, keepVoiceRows, voiceRowsWithContext } from './context-prefix';
import { InProcessEncoder, type CondEncoder } from './encoder';
import { installedPocketLanguages, pocketLanguage, POCKET_LANGUAGES, pocketModelVersion, type PocketLanguage } from './model-files';
import type { OrtRuntime } from '../onnx/ort';
import type { PocketStepSession } from './pocket-session';
import { NoiseSource } from './rng';
import { PocketSessionHost, type PocketModel, type PocketSessionStatus, type SessionSettings } from './session-host';
import { chunkForPocket } from './text-prep';
import { parsePocketVoiceId, presetDisplayName, presetGender, presetVoiceId } from './voice-ids';

export interface PocketEngineOptions {
  modelsDir: string;
  /**
   * The language folders whose files the core found verified (PocketService). When given, the
   * engine serves only these; when absent it trusts the folder as it is (tests on the fixtures).
   */
  languages?: readonly string[];
  /** Where cloned voices' conditioning files are (clone-conds.ts); absent: presets only. */
  clonesDir?: string;
  session?: SessionSettings;
  onStatus?: (status: PocketSessionStatus) => void;
  /** Test seam: a runtime with failing providers or a spy. */
  runtime?: () => Promise<OrtRuntime>;
  /** Test seam: called after every graph step (counts steps after a cancel); `rows` is its sequence length. */
  onStep?: (gate: string, rows: number) => void;
  /** The voice encoder for a language, to encode a context clip; the in-thread encoder when absent. */
  encoder?: (lang: string) => CondEncoder;
}

/** What Pocket TTS can do in `languages` (the installed ones). */
export function pocketCapabilities(languages: readonly PocketLanguage[]): EngineCapabilities {
  return {
    streaming: true,
    // The model has no rate control; a slower or faster read would need time-stretching.
    speed: { min: 1, max: 1 },
    pitch: false,
    cloning: true,
    blends: false,
    phonemeLexicon: false,
    languages: languages.map((l) => l.tag),
    continuesFrom: { seconds: CONTEXT_SECONDS },
  };
}

/**
 * The installed build of every language in `languages` (folders), for audio-cache keys: the key has
 * only the engine id to go on, so every language's files count.
 */
export function pocketModelVersions(modelsDir: string, languages: readonly string[]): string {
  return languages.length ? languages.map((l) => pocketModelVersion(modelsDir, l)).join('|') : 'pocket-missing';
}

/** Voice prefills kept per loaded session: each is rows × 48 kB in the real model (~12 MB for 20 s). */
const PREFILLS_PER_SESSION = 4;

export class PocketEngine implements Engine {
  readonly id = 'pocket';
  readonly name = 'Pocket TTS';
  private readonly hosts = new Map<string, PocketSessionHost>();
  private readonly prefills = new WeakMap<PocketStepSession, Map<string, Promise<VoicePrefix>>>();
  private readonly encoders = new Map<string, CondEncoder>();

  constructor(private readonly opts: PocketEngineOptions) {}

  capabilities(): EngineCapabilities {
    return pocketCapabilities(this.installed());
  }

  modelVersion(): string {
    return pocketModelVersions(this.opts.modelsDir, this.installed().map((l) => l.folder));
  }

  private installed(): PocketLanguage[] {
    const only = this.opts.languages;
    return only ? POCKET_LANGUAGES.filter((l) => only.includes(l.folder)) : installedPocketLanguages(this.opts.modelsDir);
  }

  host(lang: string): PocketSessionHost {
    let h = this.hosts.get(lang);
    if (!h) {
      h = new PocketSessionHost(this.opts.modelsDir, lang, this.opts.session, {
        ...(this.opts.runtime ? { runtime: this.opts.runtime } : {}),
        ...(this.opts.onStatus ? { onStatus: this.opts.onStatus } : {}),
      });
      this.hosts.set(lang, h);
    }
    return h;
  }

  status(lang = 'en'): PocketSessionStatus {
    return this.host(lang).status();
  }

  /** Loads and warms the first installed language (later languages load on first use). */
  async load(): Promise<void> {
    const first = this.installed()[0];
    if (!first) throw new KoeError('not_found', 'Pocket TTS is not installed. Download Pocket TTS in Models.');
    await this.host(first.folder).model();
  }

  /** Preset voices of every installed language (clones are listed from the library). */
  async voices(): Promise<EngineVoice[]> {
    const out: EngineVoice[] = [];
    for (const lang of this.installed()) {
      const m = await this.host(lang.folder).model();
      for (const name of [...m.assets.voices.keys()].sort()) {
        out.push({ id: presetVoiceId(lang.folder, name), name: presetDisplayName(name), language: lang.tag, languageName: lang.name, gender: presetGender(name), tags: ['pocket', 'neural'], grade: null });
      }
    }
    return out;
  }

  async *synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncGenerator<Float32Array> {
    throwIfAborted(signal);
    const ref = parsePocketVoiceId(req.voice.trim());
    const stored = ref.kind === 'clone' ? await this.cloneCond(ref.cloneId) : null;
    const lang = ref.kind === 'preset' ? ref.lang : stored!.lang;
    if (!pocketLanguage(lang)) throw new KoeError('not_found', `Pocket TTS has no language "${lang}".`);
    if (!this.installed().some((l) => l.folder === lang)) throw new KoeError('not_found', `Pocket TTS (${lang}) is not installed. Download Pocket TTS in Models.`);
    const text = req.text.trim();
    if (!text) return;
    const host = this.host(lang);
    const m = await host.acquire();
    try {
      let voice = ref.kind === 'preset' ? this.presetCond(m, ref.name, lang) : stored!.cond;
      let key = ref.kind === 'preset' ? `preset:${ref.name}` : `clone:${ref.cloneId}:${stored!.stamp}`;
      if (voice.dim !== m.assets.config.modelDim) {
        throw new KoeError('unsupported', `This cloned voice was made with another Pocket TTS model (${voice.dim}-wide conditioning, the model takes ${m.assets.config.modelDim}); re-encode it.`);
      }
      const step = async (input: Parameters<PocketSessionHost['step']>[1]) => {
        const out = await host.step(m, input);
        this.opts.onStep?.(input.gate, input.gate === 'text' ? input.tokens?.length ?? 0 : input.gate === 'cond' ? input.condRows ?? 0 : 1);
        return out;
      };
      const tail = req.context ? contextTail(req.context, m.assets.config) : null;
      // The encoder runs before the voice's prefill is looked up, so a context that cannot be
      // encoded fails the request without touching the voice's cache.
      const context = tail ? contextRows(await this.encodeContext(lang, tail, signal)) : null;
      if (context) {
        const kept = voiceRowsWithContext(voice.rows, m.assets.config);
        if (kept < voice.rows) {
          voice = keepVoiceRows(voice, kept);
          key += `:last${kept}`;
        }
      }
      let prefix = await this.prefill(m, key, voice, step);
      throwIfAborted(signal);
      if (context && context.rows > 0) prefix = await extendPrefix(m.assets.config, step, prefix, context.data, context.rows);
      const noise = NoiseSource.forRequest(req.voice, text);
      for (const chunk of chunkForPocket(text, m.tokenizer, m.assets.config)) {
        yield* generateChunk(chunk, { config: m.assets.config, step, prefix, noise, signal });
      }
    } finally {
      host.release();
    }
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.hosts.values()].map((h) => h.dispose()));
    this.hosts.clear();
    await Promise.all([...this.encoders.values()].map((e) => e.dispose()));
    this.encoders.clear();
  }

  private async encodeContext(lang: string, tail: Float32Array, signal?: AbortSignal): Promise<VoiceCond> {
    try {
      return await this.encoderFor(lang).encode(tail, signal);
    } catch (e) {
      if (e instanceof KoeError && e.code === 'not_found') throw new KoeError('not_found', `Continuing from the previous line needs the Pocket TTS (${lang}) voice encoder (encoder.onnx). Download Pocket TTS in Models, or turn off "Continue from the previous line".`);
      throw e;
    }
  }

  /**
   * The encoder for context clips. In the app this engine already runs in a worker thread, so the
   * encoder runs here too rather than in a thread of its own.
   */
  private encoderFor(lang: string): CondEncoder {
    let e = this.encoders.get(lang);
    if (!e) {
      e = this.opts.encoder?.(lang) ?? new InProcessEncoder({ modelsDir: this.opts.modelsDir, language: lang, threads: this.opts.session?.intraOpNumThreads, ...(this.opts.runtime ? { runtime: this.opts.runtime } : {}) });
      this.encoders.set(lang, e);
    }
    return e;
  }

  private presetCond(m: PocketModel, name: string, lang: string): VoiceCond {
    const v = m.assets.voices.get(name);
    if (!v) throw new KoeError('not_found', `Pocket TTS (${lang}) has no voice "${name}". Its voices are ${[...m.assets.voices.keys()].join(', ')}.`);
    return v;
  }

  private async cloneCond(cloneId: string): Promise<{ cond: VoiceCond; lang: string; stamp: string }> {
    if (!this.opts.clonesDir) throw new KoeError('not_found', 'Cloned voices are not available here.');
    const stored = await readCond(this.opts.clonesDir, cloneId);
    return { cond: stored, lang: stored.header.language, stamp: condStamp(this.opts.clonesDir, cloneId) ?? 'gone' };
  }

  /** The voice's prefill on this session, computed once (concurrent requests share it). */
  private prefill(m: PocketModel, key: string, voice: VoiceCond, step: Parameters<typeof prefillVoice>[1]): Promise<VoicePrefix> {
    let cache = this.prefills.get(m.session);
    if (!cache) {
      cache = new Map();
      this.prefills.set(m.session, cache);
    }
    let p = cache.get(key);
    if (p) {
      // Most recently used last, so the oldest is evicted first.
      cache.delete(key);
      cache.set(key, p);
      return p;
    }
    p = prefillVoice(m.assets.config, step, voice.data, voice.rows);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    while (cache.size > PREFILLS_PER_SESSION) cache.delete(cache.keys().next().value!);
    return p;
  }
}
