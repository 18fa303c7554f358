// Finds the pack behind a Kokoro voice id, whichever way it was installed: a preset as its own
// `.bin` or inside the NumPy archive, a saved custom voice (a blend the user kept), a voice handed
// in by the host process, or a blend written inline. Packs are cached (half a megabyte each), so a
// long text in one voice reads its file once.
import { readFile, mkdir, readdir, unlink } from 'node:fs/promises';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { KoeError } from '../../contract/errors';
import { writeFileAtomic } from '../../fs/atomic';
import { blendVoices, formatBlendSpec, isBlendSpec, parseBlendSpec } from './blend';
import { kokoroPaths } from './model-files';
import { NpzArchive } from './npz-reader';
import { KOKORO_LANGUAGES, isPresetVoice, kokoroLanguageOf, type KokoroLanguage } from './voice-catalog';
import { assertVoicePack, parseVoicePackBytes, voicePackBytes, type VoicePack } from './voice-pack';

export interface ResolvedVoice {
  id: string;
  pack: VoicePack;
  language: KokoroLanguage;
}

export interface CustomVoiceMeta {
  id: string;
  name: string;
  /** Koe language tag (`en-us`, `fr-fr`, …): decides which G2P speaks for the voice. */
  language: string;
  /** How it was made, e.g. `af_heart*0.6+bf_emma*0.4`; informational. */
  recipe?: string;
}

const CUSTOM_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const CACHE_SIZE = 16;

export function languageByTag(tag: string): KokoroLanguage {
  const lang = KOKORO_LANGUAGES.find((l) => l.tag === tag.toLowerCase());
  if (!lang) throw new KoeError('invalid_args', `Kokoro does not speak "${tag}"; its languages are ${KOKORO_LANGUAGES.map((l) => l.tag).join(', ')}.`);
  return lang;
}

export function assertCustomVoiceId(id: string): void {
  if (!CUSTOM_ID.test(id)) throw new KoeError('invalid_args', `"${id}" cannot name a voice: use 1–64 lowercase letters, digits, _ or -.`);
  if (isPresetVoice(id)) throw new KoeError('conflict', `"${id}" is a Kokoro preset voice; pick another name for the custom voice.`);
}

export class VoiceStore {
  private readonly cache = new Map<string, ResolvedVoice>();
  private readonly handedIn = new Map<string, ResolvedVoice>();
  private npz: NpzArchive | null | undefined;
  private npzError: Error | null = null;
  private readonly verified: ReadonlySet<string> | null;

  /**
   * `presets`: the preset ids whose packs the model manager verified, read only from their catalog
   * paths (kokoro/voices/<id>.bin); absent: any pack in the folder, .bin or NumPy archive (tests).
   */
  constructor(
    private readonly modelsDir: string,
    presets?: readonly string[],
  ) {
    this.verified = presets ? new Set(presets) : null;
  }

  /** A voice the host process supplies directly (tests, previews in-process); shadows nothing preset. */
  register(id: string, pack: VoicePack, languageTag: string): void {
    assertCustomVoiceId(id);
    this.handedIn.set(id, { id, pack: assertVoicePack(pack, id), language: languageByTag(languageTag) });
    this.cache.delete(id);
  }

  /** Preset ids with a pack on disk, in either format. */
  installedPresets(): Set<string> {
    if (this.verified) return new Set(this.verified);
    const p = kokoroPaths(this.modelsDir);
    const found = new Set<string>();
    for (const id of this.archive()?.voices() ?? []) if (isPresetVoice(id)) found.add(id);
    if (existsSync(p.voicesDir)) {
      // Sync on purpose: a directory listing of 54 names, needed before the voice list exists.
      for (const id of this.presetFilesSync()) found.add(id);
    }
    return found;
  }

  async resolve(id: string): Promise<ResolvedVoice> {
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit); // most recently used last
      return hit;
    }
    const voice = isBlendSpec(id) ? await this.resolveBlend(id) : await this.resolveSingle(id);
    this.cache.set(id, voice);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return voice;
  }

  /** Forgets cached packs (after a custom voice was replaced or files were re-downloaded). */
  invalidate(id?: string): void {
    if (id) this.cache.delete(id);
    else {
      this.cache.clear();
      this.npz = undefined;
    }
  }

  private async resolveSingle(id: string): Promise<ResolvedVoice> {
    const handed = this.handedIn.get(id);
    if (handed) return handed;
    const p = kokoroPaths(this.modelsDir);
    if (isPresetVoice(id)) {
      const language = kokoroLanguageOf(id)!;
      const file = p.voice(id);
      if (this.verified) {
        if (!this.verified.has(id)) throw new KoeError('not_found', `The Kokoro voice ${id} is not installed. Download the Kokoro voices in Models.`);
        return { id, language, pack: parseVoicePackBytes(await readFile(file), `${id} (${file})`) };
      }
      if (existsSync(file)) return { id, language, pack: parseVoicePackBytes(await readFile(file), `${id} (${file})`) };
      const archive = this.archive();
      if (archive?.has(id)) return { id, language, pack: archive.voicePack(id) };
      if (this.npzError) throw this.npzError;
      throw new KoeError('not_found', `The Kokoro voice ${id} is not installed. Download the Kokoro voices in Models.`);
    }
    if (!CUSTOM_ID.test(id)) throw new KoeError('not_found', `Unknown Kokoro voice "${id}".`);
    const packFile = p.customPack(id);
    if (!existsSync(packFile)) throw new KoeError('not_found', `Unknown Kokoro voice "${id}": it is neither a preset nor a saved custom voice.`);
    const meta = await readCustomMeta(this.modelsDir, id);
    return { id, language: languageByTag(meta.language), pack: parseVoicePackBytes(await readFile(packFile), `${id} (${packFile})`) };
  }

  /** The blend speaks the language of its heaviest voice (the first one on a tie). */
  private async resolveBlend(spec: string): Promise<ResolvedVoice> {
    const parts = parseBlendSpec(spec);
    const voices = await Promise.all(parts.map((p) => this.resolveSingle(p.voice)));
    const pack = blendVoices(parts.map((p, i) => ({ voice: voices[i]!.pack, weight: p.weight })));
    let lead = 0;
    parts.forEach((p, i) => {
      if (p.weight > parts[lead]!.weight) lead = i;
    });
    return { id: spec, pack, language: voices[lead]!.language };
  }

  /**
   * The NumPy archive, if there is one. A damaged archive does not stop the separate .bin packs
   * (or the voice list) from working: its error is kept and reported when a voice that only it
   * could supply is asked for.
   */
  private archive(): NpzArchive | null {
    if (this.npz === undefined) {
      const file = kokoroPaths(this.modelsDir).voicesNpz;
      this.npzError = null;
      try {
        this.npz = existsSync(file) ? new NpzArchive(readFileSync(file), file) : null;
      } catch (e) {
        this.npz = null;
        this.npzError = e instanceof Error ? e : new Error(String(e));
      }
    }
    return this.npz;
  }

  private presetFilesSync(): string[] {
    return readdirSync(kokoroPaths(this.modelsDir).voicesDir)
      .filter((f) => f.endsWith('.bin'))
      .map((f) => f.slice(0, -4))
      .filter((id) => isPresetVoice(id));
  }
}

async function readCustomMeta(modelsDir: string, id: string): Promise<CustomVoiceMeta> {
  const file = kokoroPaths(modelsDir).customMeta(id);
  try {
    const meta = JSON.parse(await readFile(file, 'utf8')) as CustomVoiceMeta;
    if (typeof meta.language !== 'string') throw new Error('no language');
    return { ...meta, id };
  } catch (e) {
    throw new KoeError('invalid_args', `The custom voice ${id} has no readable description (${file}): ${e instanceof Error ? e.message : String(e)}. Save the voice again.`);
  }
}

/**
 * Saves a pack (usually a blend) as a custom voice, pack first and description last, so a voice
 * is listed only once it is complete. Overwrites a custom voice of the same id.
 */
export async function saveCustomVoice(modelsDir: string, meta: CustomVoiceMeta, pack: VoicePack): Promise<void> {
  assertCustomVoiceId(meta.id);
  languageByTag(meta.language);
  assertVoicePack(pack, meta.id);
  const p = kokoroPaths(modelsDir);
  await mkdir(p.customDir, { recursive: true });
  await writeFileAtomic(p.customPack(meta.id), voicePackBytes(pack));
  const recipe = meta.recipe && isBlendSpec(meta.recipe) ? formatBlendSpec(parseBlendSpec(meta.recipe)) : meta.recipe;
  await writeFileAtomic(p.customMeta(meta.id), `${JSON.stringify({ ...meta, ...(recipe ? { recipe } : {}) }, null, 2)}\n`);
}

export async function removeCustomVoice(modelsDir: string, id: string): Promise<void> {
  assertCustomVoiceId(id);
  const p = kokoroPaths(modelsDir);
  await unlink(p.customMeta(id)).catch(() => {});
  await unlink(p.customPack(id)).catch(() => {});
}

/** Custom voices that are complete on disk (pack and description). */
export async function listCustomVoices(modelsDir: string): Promise<CustomVoiceMeta[]> {
  const p = kokoroPaths(modelsDir);
  const names = await readdir(p.customDir).catch(() => [] as string[]);
  const out: CustomVoiceMeta[] = [];
  for (const n of names.filter((f) => f.endsWith('.json')).sort()) {
    const id = n.slice(0, -5);
    if (!CUSTOM_ID.test(id) || !existsSync(p.customPack(id))) continue;
    // One unreadable description must not hide every other custom voice.
    const meta = await readCustomMeta(modelsDir, id).catch(() => null);
    if (meta) out.push(meta);
  }
  return out;
}
