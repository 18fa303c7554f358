// Kokoro as the core sees it: the engine to register (in the engine worker when the app has one,
// in-process otherwise), its voices as library rows with availability, the model version for
// cache keys, the latest session status for the status bar, and saving a blend as a voice.
// Keeps the Kokoro-specific wiring out of core.ts, which only holds and calls this.
//
// Which model file and voice packs exist is asked of `resolve` (the model manager's verification
// records in the app), never of the folder. Before every request: the model file is resolved and,
// when a download, import or removal changed it, a new engine is built with the new path (the worker
// loads only the path it is given); and every preset pack the voice needs must resolve, else the
// request is refused here, so the worker only ever reads packs that were verified at their catalog
// paths. (Packs are checked per request rather than built into the worker's config so that the 54
// packs arriving one by one do not restart the worker and reload the model 54 times.)
import type { Voice } from '../../contract/schemas';
import type { G2PResult, KokoroLang } from '../../text/g2p/index';
import type { Engine } from '../types';
import { WorkerEngine } from '../worker/worker-engine';
import { KoeError } from '../../contract/errors';
import { blendVoices, formatBlendSpec, isBlendSpec, parseBlendSpec } from './blend';
import { g2pTextPath } from './g2p-text-path';
import { cjkAnalyzersInThread } from '../../text/g2p/index';
import { KokoroEngine, kokoroCapabilities } from './kokoro-engine';
import { kokoroLibraryVoices } from './library-voices';
import { basename } from 'node:path';
import type { ModelResolver } from '../onnx/model-resolver';
import { providerLabel } from '../onnx/provider-open';
import { findKokoroModel, kokoroModelRel, kokoroModelVersion, kokoroVoiceRel, MODEL_PREFERENCE, resolvedPresets } from './model-files';
import { EngineSlot, slotFacade } from '../engine-slot';
import type { SessionSettings, SessionStatus } from './session-host';
import type { ChunkLimits, KokoroTextPath } from './text-path';
import { removeCustomVoice, saveCustomVoice, VoiceStore } from './voice-store';
import { blendGender, isPresetVoice, kokoroCatalog } from './voice-catalog';
import { kokoroWorkerSpawner, type KokoroWorkerConfig } from './worker-link';

const MISAKI_FILES = ['us_gold.json', 'us_silver.json', 'gb_gold.json', 'gb_silver.json'];

export interface KokoroServiceOptions {
  modelsDir: string;
  /** Where a verified catalog file is (ModelManager.verifiedPath); `filesOnDisk` only in tests. */
  resolve: ModelResolver;
  /** The engine worker bundle; absent = in-process (tests, one-shot CLI commands). */
  engineWorker?: URL;
  /**
   * The Japanese/Chinese reader's thread entry (core/text-worker.ts), for phonemizing on this
   * thread without loading the analyzers here; absent = they load in place on first use.
   */
  textWorker?: URL;
  modelFile?: string;
  session?: SessionSettings;
  /** Chunk sizes (quality modes); default a 32-token first chunk, then up to 510. */
  chunking?: Partial<ChunkLimits>;
  /** Every status change (provider chosen, fallback, unload); the fallback reason is set once. */
  onStatus?: (status: SessionStatus) => void;
}

export interface SaveBlendInput {
  /** Engine-local id for the new voice (1–64 of a–z, 0–9, _ and -), not a preset id. */
  id: string;
  name: string;
  parts: readonly { voice: string; weight: number }[];
  /** Koe language tag; default: the heaviest voice's language. */
  language?: string;
}

export class KokoroService {
  /** Stable for the router; the engine behind it is replaced when settings change (see reconfigure). */
  readonly engine: Engine;
  private readonly slot: EngineSlot;
  private latest: SessionStatus | null = null;
  private readonly text: KokoroTextPath;
  private config: KokoroWorkerConfig;

  constructor(private readonly opts: KokoroServiceOptions) {
    // Main-side text path: for availability (which reads no lexicon and runs no espeak) and the
    // occasional phonemize call; synthesis reads text in the engine's own thread.
    this.text = g2pTextPath(opts.modelsDir, { lexiconsVerified: () => this.lexiconsVerified(), ...(opts.textWorker ? { cjk: cjkAnalyzersInThread(opts.textWorker) } : {}) });
    this.config = {
      modelsDir: opts.modelsDir,
      ...(opts.modelFile ? { modelFile: opts.modelFile } : {}),
      ...(opts.session ? { session: opts.session } : {}),
      ...(opts.chunking ? { chunking: opts.chunking } : {}),
    };
    this.config = { ...this.config, ...this.resolved(this.config.modelFile) };
    this.slot = new EngineSlot(this.build(this.config));
    this.engine = slotFacade({
      id: 'kokoro',
      name: 'Kokoro-82M',
      slot: this.slot,
      sync: () => this.sync(),
      modelVersion: () => this.modelVersion(),
      capabilities: () => kokoroCapabilities(this.text),
      voices: (listed) => {
        const installed = new Set(this.installedPresets());
        return listed.filter((v) => !isPresetVoice(v.id) || installed.has(v.id));
      },
      beforeSynthesize: (req) => this.assertPacksVerified(req.voice.trim()),
    });
  }

  /** The verified model file for `modelFile` (or the best verified one), and whether the lexicons are. */
  private resolved(modelFile: string | undefined): { modelPath: string | null; lexicons: boolean } {
    return { modelPath: findKokoroModel(this.opts.resolve, modelFile), lexicons: this.lexiconsVerified() };
  }

  private lexiconsVerified(): boolean {
    return MISAKI_FILES.every((name) => this.opts.resolve(`misaki/${name}`) !== null);
  }

  /** Preset ids whose packs are verified. */
  private installedPresets(): string[] {
    return resolvedPresets(this.opts.resolve, kokoroCatalog().map((v) => v.id));
  }

  /** Refuses a preset, or a blend of presets, whose pack is not verified (custom voices are the user's). */
  private assertPacksVerified(voice: string): void {
    const ids = isBlendSpec(voice) ? parseBlendSpec(voice).map((p) => p.voice) : [voice];
    for (const id of ids) {
      if (isPresetVoice(id) && this.opts.resolve(kokoroVoiceRel(id)) === null) {
        throw new KoeError('not_found', `The Kokoro voice ${id} is not installed. Download the Kokoro voices in Models.`);
      }
    }
  }

  /** A new engine when the verified model file or lexicons are not those the engine was built with. */
  private async sync(): Promise<void> {
    const now = this.resolved(this.config.modelFile);
    if (now.modelPath === this.config.modelPath && now.lexicons === this.config.lexicons) return;
    await this.replace({ ...this.config, ...now }, 'when-idle');
  }

  private async replace(next: KokoroWorkerConfig, at: 'now' | 'when-idle'): Promise<void> {
    this.config = next;
    this.latest = null;
    await this.slot.replace(this.build(next), at);
  }

  private build(config: KokoroWorkerConfig): Engine {
    const onStatus = (s: SessionStatus): void => {
      this.latest = s;
      this.opts.onStatus?.(s);
    };
    return this.opts.engineWorker
      ? // One worker: a second would hold a second copy of the model and fight the first for cores.
        new WorkerEngine('kokoro', kokoroWorkerSpawner(this.opts.engineWorker, config, onStatus), { threads: 1, name: 'Kokoro-82M' })
      : new KokoroEngine({ ...config, text: this.text, onStatus });
  }

  /**
   * New session settings, model variant or chunking (Settings, quality modes). The old engine is
   * disposed, which stops what it was speaking; the next request loads with the new settings.
   */
  async reconfigure(change: { modelFile?: string | null; session?: SessionSettings; chunking?: Partial<ChunkLimits> }): Promise<void> {
    const next: KokoroWorkerConfig = { ...this.config };
    if (change.modelFile !== undefined) {
      if (change.modelFile) next.modelFile = change.modelFile;
      else delete next.modelFile;
    }
    if (change.session) next.session = change.session;
    if (change.chunking) next.chunking = change.chunking;
    Object.assign(next, this.resolved(next.modelFile));
    if (JSON.stringify(next) === JSON.stringify(this.config)) return;
    await this.replace(next, 'now');
  }

  /** Verified model files in kokoro/onnx, most precise first. */
  installedFiles(): string[] {
    return MODEL_PREFERENCE.filter((f) => this.opts.resolve(kokoroModelRel(f)) !== null);
  }

  /** The file the engine loads with the current settings. */
  activeFile(): string | null {
    const path = findKokoroModel(this.opts.resolve, this.config.modelFile);
    return path ? basename(path) : null;
  }

  installed(): boolean {
    return findKokoroModel(this.opts.resolve, this.config.modelFile) !== null;
  }

  /** All 54 presets, unavailable ones with the reason. */
  libraryVoices(): Voice[] {
    const { modelPath } = this.resolved(this.config.modelFile);
    return kokoroLibraryVoices({ hasModel: modelPath !== null, packs: new Set(this.installedPresets()) }, (lang) => this.text.g2p.availability(lang));
  }

  modelVersion(): string {
    return kokoroModelVersion(findKokoroModel(this.opts.resolve, this.config.modelFile));
  }

  status(): SessionStatus | null {
    return this.latest;
  }

  /** One line for the status bar / About: what runs Kokoro, or why it cannot. */
  describe(): { ready: boolean; detail: string } {
    if (!this.installed()) return { ready: false, detail: 'Model not installed. Download it in Models.' };
    const s = this.latest;
    if (!s || s.state !== 'ready' || !s.provider) return { ready: true, detail: 'Installed; loads on first use' };
    return { ready: true, detail: `${providerLabel(s.provider)}, ${s.threads} thread${s.threads === 1 ? '' : 's'}${s.fallbackReason ? ` (${s.fallbackReason})` : ''}` };
  }

  /**
   * Blends installed voices and saves the result as a custom voice (kokoro/custom/<id>.bin);
   * returns the library row to insert (kind `blend`). The voice id `kokoro:<id>` then speaks like
   * any preset. To preview without saving, speak the blend id itself (`kokoro:<formatBlendSpec>`).
   */
  async saveBlend(input: SaveBlendInput): Promise<Voice> {
    const store = new VoiceStore(this.opts.modelsDir, this.installedPresets());
    const resolved = await Promise.all(input.parts.map((p) => store.resolve(p.voice)));
    const pack = blendVoices(input.parts.map((p, i) => ({ voice: resolved[i]!.pack, weight: p.weight })));
    const recipe = formatBlendSpec(input.parts);
    let heaviest = 0;
    input.parts.forEach((p, i) => {
      if (p.weight > input.parts[heaviest]!.weight) heaviest = i;
    });
    const lead = resolved[heaviest]!.language;
    const language = input.language ?? lead.tag;
    await saveCustomVoice(this.opts.modelsDir, { id: input.id, name: input.name, language, recipe }, pack);
    const lang = resolved.find((r) => r.language.tag === language)?.language ?? lead;
    return {
      id: `kokoro:${input.id}`,
      name: input.name,
      engine: 'kokoro',
      kind: 'blend',
      language,
      languageName: lang.name,
      gender: blendGender(input.parts.map((p) => p.voice)),
      tags: ['kokoro', 'blend', recipe],
      grade: null,
      available: true,
      unavailableReason: null,
    };
  }

  /** Deletes a saved blend's pack; the library row is the caller's. */
  async removeCustom(id: string): Promise<void> {
    await removeCustomVoice(this.opts.modelsDir, id);
  }

  /**
   * A library row for an unsaved inline blend (`af_heart*0.6+bf_emma*0.4`), so it can be previewed
   * like any voice: available only when every voice in it is; language from the heaviest voice.
   */
  transientBlend(spec: string, lookup: (id: string) => Voice | null): Voice | null {
    if (!isBlendSpec(spec)) return null;
    const parts = parseBlendSpec(spec);
    const rows = parts.map((p) => lookup(`kokoro:${p.voice}`));
    const missing = parts.filter((_, i) => !rows[i]);
    if (missing.length) throw new KoeError('not_found', `Unknown Kokoro voice${missing.length > 1 ? 's' : ''} in the blend: ${missing.map((m) => m.voice).join(', ')}.`);
    let heaviest = 0;
    parts.forEach((p, i) => {
      if (p.weight > parts[heaviest]!.weight) heaviest = i;
    });
    const lead = rows[heaviest]!;
    const unavailable = rows.find((r) => !r!.available);
    return {
      ...lead,
      id: `kokoro:${spec}`,
      name: `Blend of ${parts.map((p) => p.voice).join(' + ')}`,
      kind: 'blend',
      tags: ['kokoro', 'blend'],
      grade: null,
      gender: blendGender(parts.map((p) => p.voice)),
      available: !unavailable,
      unavailableReason: unavailable ? `${unavailable!.name} is not available: ${unavailable!.unavailableReason ?? 'not installed'}` : null,
    };
  }

  /**
   * Kokoro's phonemes for already normalized text and where each word's came from, on this thread
   * (`text.phonemize`: a line or two, for people checking a pronunciation). A language Kokoro cannot
   * read is refused with the reason; a caveat (English without misaki's lexicons) comes back as `note`.
   */
  async phonemize(text: string, lang: KokoroLang): Promise<G2PResult & { note: string | null }> {
    const available = this.text.g2p.availability(lang);
    if (!available.available) throw new KoeError('unsupported', available.reason ?? `Kokoro cannot read "${lang}" yet.`);
    const result = await this.text.g2p.phonemize(text, lang);
    // What Japanese or Mandarin could not read is told beside the phonemes, naming each place.
    const notes = [available.reason, ...(result.warnings ?? [])].filter((n): n is string => !!n);
    return { ...result, note: notes.length ? notes.join(' ') : null };
  }

  async dispose(): Promise<void> {
    await this.slot.dispose();
  }
}
