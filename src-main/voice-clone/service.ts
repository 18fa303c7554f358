// Cloning as the faces see it: check a recording, make a voice from it, and manage the voices made
// (rename, tag, delete, re-encode after a model update, export to one file and import it). The
// order in create() is what makes it all-or-nothing: everything slow or fallible (decoding, checks,
// processing, the encoder) happens before anything is stored; then the voice and its record go in
// one SQLite transaction; the conditioning file the engine worker reads is written after that and
// is only a copy, rebuilt from the library whenever it is missing. A crash at any point leaves
// either a whole clone or nothing in the library.
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import type { Voice } from '../contract/schemas';
import { CLONE_ID, listCondIds, removeCond, writeCond, condPath } from '../engines/pocket/clone-conds';
import type { CondEncoder } from '../engines/pocket/encoder';
import { pocketCanClone, pocketEncoderVersion, pocketInstalled, pocketLanguage } from '../engines/pocket/model-files';
import { cloneVoiceId } from '../engines/pocket/voice-ids';
import { ClonesRepo, type CloneRow } from '../library/clones-repo';
import { existsSync } from 'node:fs';
import type { QualityReport } from './checks';
import { checkConsent, HIDDEN_CHARS, type ConsentInput, type ConsentRecord } from './consent';
import { prepareReference, type CloneStage } from './prepare';
import { analyzeReference, type ReferenceSource } from './reference';
import { CloneStyles, type StyleInfo } from './styles';
import { decodeVoiceFile, encodeVoiceFile, sha256Of, VOICE_FILE_EXTENSION } from './voice-file';

export const ENGINE = 'pocket';
export const PREVIEW_TEXT = 'Hello! This is my new voice. I can read anything you write for me.';

export type { CloneStage } from './prepare';

export interface CreateCloneInput {
  source: ReferenceSource;
  name: string;
  consent: Partial<ConsentInput>;
  /** The user saw the warnings and wants the clone anyway. Errors cannot be overridden. */
  acceptWarnings?: boolean;
  tags?: string[];
  /** Pocket model folder to clone with; default English. */
  language?: string;
}

export interface CloneInfo {
  voiceId: string;
  name: string;
  tags: string[];
  language: string;
  available: boolean;
  unavailableReason: string | null;
  /** Made with another model than the installed one: re-encode before use. */
  needsReencode: boolean;
  source: string;
  referenceSec: number;
  consent: ConsentRecord;
  qualityReport: QualityReport | null;
  createdAt: string;
  encodedAt: string;
  /** The default style (the reference it was made with) first, then those added. */
  styles: StyleInfo[];
}

export interface CreatedClone {
  voice: Voice;
  clone: CloneInfo;
  report: QualityReport;
  /** A line to speak in the new voice straight away (the recorder plays it with render.start). */
  previewText: string;
  timings: { totalMs: number; encodeMs: number };
}

export interface CloneServiceOptions {
  db: Database;
  modelsDir: string;
  /** Where the conditioning files for the engine worker go (clone-conds.ts). */
  clonesDir: string;
  /** Made on first use and kept; disposed with the service. */
  encoder: (language: string) => CondEncoder;
  /** Whether `language` can clone; the core answers from the model manager's verified files. Default: files present. */
  canClone?: (language: string) => boolean;
  /** Test seams: run between the steps of create(), to prove a failure there leaves nothing. */
  hooks?: { afterEncode?: () => void | Promise<void>; beforeCommit?: () => void };
}

const NAME_MAX = 80;

function checkName(name: string): string {
  const n = name.trim().replace(/\s+/g, ' ');
  if (!n) throw new KoeError('invalid_args', 'The voice needs a name.');
  if (n.length > NAME_MAX) throw new KoeError('invalid_args', `Voice names are at most ${NAME_MAX} characters.`);
  if (HIDDEN_CHARS.test(n)) throw new KoeError('invalid_args', 'Voice names may not contain control or invisible formatting characters.');
  return n;
}

function checkTags(tags: readonly string[]): string[] {
  const clean = [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (clean.length > 16) throw new KoeError('invalid_args', 'A voice can have at most 16 tags.');
  const long = clean.find((t) => t.length > 32);
  if (long) throw new KoeError('invalid_args', `Tag "${long.slice(0, 40)}…" is too long (32 characters at most).`);
  if (clean.some((t) => HIDDEN_CHARS.test(t))) throw new KoeError('invalid_args', 'Tags may not contain control or invisible formatting characters.');
  // "clone" always leads, so searching for clones finds every one.
  return ['clone', ...clean.filter((t) => t !== 'clone')];
}

export class CloneService {
  readonly repo: ClonesRepo;
  readonly styles: CloneStyles;
  private readonly encoders = new Map<string, CondEncoder>();

  constructor(private readonly opts: CloneServiceOptions) {
    this.repo = new ClonesRepo(opts.db);
    this.styles = new CloneStyles({ db: opts.db, clones: this.repo, clonesDir: opts.clonesDir, encoder: (lang) => this.encoder(lang), canClone: (lang) => this.canClone(lang) });
  }

  /** The quality report for a recording, without storing anything. */
  async check(source: ReferenceSource): Promise<QualityReport> {
    return (await analyzeReference(source)).report;
  }

  async create(input: CreateCloneInput, onStage?: (stage: CloneStage) => void, signal?: AbortSignal): Promise<CreatedClone> {
    const started = performance.now();
    const name = checkName(input.name);
    const tags = checkTags(input.tags ?? []);
    // Consent first: nothing about the recording is even read without it.
    checkConsent(input.consent);
    const lang = input.language ?? 'en';
    const language = pocketLanguage(lang);
    if (!language) throw new KoeError('invalid_args', `Pocket TTS has no language "${lang}".`);
    if (!this.canClone(lang)) throw new KoeError('not_found', `Cloning needs Pocket TTS (${language.name}) with its voice encoder. Download Pocket TTS in Models.`);

    const { consent, report, origin, ref, encoded, encodeMs } = await prepareReference(input, () => this.encoder(lang), onStage, signal, this.opts.hooks?.afterEncode);

    onStage?.('saving');
    const cloneId = randomBytes(6).toString('hex');
    const voiceId = `${ENGINE}:${cloneVoiceId(cloneId)}`;
    this.repo.insert(
      {
        voiceId,
        cloneId,
        name,
        engine: ENGINE,
        language: language.tag,
        languageName: language.name,
        tags,
        modelLanguage: lang,
        encoderVersion: encoded.encoderVersion,
        cond: encoded,
        reference: { pcm: ref.pcm, sampleRate: ref.sampleRate, sha256: sha256Of(ref.pcm) },
        consent,
        source: origin,
        qualityReport: report,
      },
      this.opts.hooks?.beforeCommit,
    );
    await this.ensureCondFile(voiceId);
    onStage?.('done');
    return { voice: this.repo.voice(voiceId), clone: this.info(this.repo.require(voiceId)), report, previewText: PREVIEW_TEXT, timings: { totalMs: performance.now() - started, encodeMs } };
  }

  list(): CloneInfo[] {
    return this.repo.list(ENGINE).map((c) => this.info(c));
  }

  get(voiceId: string): CloneInfo {
    return this.info(this.repo.require(voiceId));
  }

  rename(voiceId: string, name: string): Voice {
    this.repo.rename(voiceId, checkName(name));
    return this.repo.voice(voiceId);
  }

  setTags(voiceId: string, tags: readonly string[]): Voice {
    this.repo.setTags(voiceId, checkTags(tags));
    return this.repo.voice(voiceId);
  }

  /** Deletes the voice with its reference audio, its styles, its cached renders and its conditioning files. */
  delete(voiceId: string): boolean {
    const c = this.repo.get(voiceId);
    const styleConds = c ? this.styles.condIdsOf(voiceId) : [];
    const gone = this.repo.delete(voiceId);
    if (c) for (const id of [c.cloneId, ...styleConds]) removeCond(this.opts.clonesDir, id);
    return gone;
  }

  exportVoice(voiceId: string): { bytes: Uint8Array; fileName: string } {
    const c = this.repo.require(voiceId);
    const bytes = encodeVoiceFile({
      name: c.name,
      tags: c.tags,
      language: c.language,
      languageName: c.languageName,
      engine: c.engine,
      modelLanguage: c.modelLanguage,
      encoderVersion: c.encoderVersion,
      consent: c.consent,
      qualityReport: c.qualityReport,
      source: c.source,
      createdAt: c.createdAt,
      reference: { pcm: this.repo.referenceAudio(voiceId), sampleRate: c.referenceSampleRate, sha256: c.referenceSha256 },
      cond: { data: this.repo.conditioning(voiceId), rows: c.condRows, dim: c.condDim },
    });
    const safe = c.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().replace(/\s+/g, '-') || 'voice';
    return { bytes, fileName: `${safe}.${VOICE_FILE_EXTENSION}` };
  }

  /** Imports an exported voice as a new clone; re-encodes it when this machine's model differs. */
  async importVoice(bytes: Uint8Array, fileName = 'voice file'): Promise<{ voice: Voice; reencoded: boolean }> {
    const v = decodeVoiceFile(bytes);
    if (v.engine !== ENGINE) throw new KoeError('unsupported', `This voice was made for the ${v.engine} engine, which Koe cannot import clones for.`);
    const language = pocketLanguage(v.modelLanguage);
    if (!language) throw new KoeError('unsupported', `This voice was made with Pocket TTS "${v.modelLanguage}", which Koe does not know.`);
    const current = pocketEncoderVersion(this.opts.modelsDir, v.modelLanguage);
    let cond = v.cond;
    let encoderVersion = v.encoderVersion;
    let reencoded = false;
    if (current && current !== v.encoderVersion) {
      const e = await this.encoder(v.modelLanguage).encode(v.reference.pcm);
      cond = e;
      encoderVersion = e.encoderVersion;
      reencoded = true;
    }
    const cloneId = randomBytes(6).toString('hex');
    const voiceId = `${ENGINE}:${cloneVoiceId(cloneId)}`;
    this.repo.insert({
      voiceId,
      cloneId,
      name: checkName(v.name),
      engine: ENGINE,
      language: language.tag,
      languageName: language.name,
      tags: checkTags(v.tags),
      modelLanguage: v.modelLanguage,
      encoderVersion,
      cond,
      reference: v.reference,
      consent: v.consent,
      source: `import:${fileName}`.slice(0, 200),
      qualityReport: v.qualityReport,
      createdAt: v.createdAt,
    });
    this.refreshAvailability();
    await this.ensureCondFile(voiceId);
    return { voice: this.repo.voice(voiceId), reencoded };
  }

  /**
   * Encodes clones again from their stored reference with the installed model: `voiceId`, or every
   * clone made with another model than the installed one. Returns the voice ids re-encoded.
   */
  async reencode(voiceId?: string): Promise<string[]> {
    const targets = voiceId ? [this.repo.require(voiceId)] : this.repo.list(ENGINE).filter((c) => this.stale(c));
    const done: string[] = [];
    for (const c of targets) {
      if (!this.canClone(c.modelLanguage)) throw new KoeError('not_found', `Re-encoding needs Pocket TTS (${c.modelLanguage}) with its voice encoder. Download Pocket TTS in Models.`);
      const e = await this.encoder(c.modelLanguage).encode(this.repo.referenceAudio(c.voiceId));
      this.repo.updateEncoding(c.voiceId, e, e.encoderVersion);
      await this.ensureCondFile(c.voiceId, true);
      await this.styles.reencode(c);
      done.push(c.voiceId);
    }
    this.refreshAvailability();
    return done;
  }

  /** Marks clones speakable or not (model missing, or made with another model); returns stale ids. */
  refreshAvailability(): string[] {
    const stale: string[] = [];
    for (const c of this.repo.list(ENGINE)) {
      let reason: string | null = null;
      if (!pocketInstalled(this.opts.modelsDir, c.modelLanguage)) reason = 'Download Pocket TTS in Models';
      else if (this.stale(c)) {
        reason = 'Made with another Pocket TTS model: re-encode it';
        stale.push(c.voiceId);
      }
      this.repo.setAvailability(c.voiceId, reason === null, reason);
    }
    return stale;
  }

  /** Writes a clone's conditioning file for the engine worker if it is missing (or `force`). */
  async ensureCondFile(voiceId: string, force = false): Promise<void> {
    const c = this.repo.require(voiceId);
    if (!force && existsSync(condPath(this.opts.clonesDir, c.cloneId))) return;
    await writeCond(this.opts.clonesDir, c.cloneId, { language: c.modelLanguage, rows: c.condRows, dim: c.condDim, encoderVersion: c.encoderVersion }, this.repo.conditioning(voiceId));
  }

  /** Same, by the engine-local clone id the worker asks for. */
  async ensureCondFileFor(cloneId: string): Promise<void> {
    if (!CLONE_ID.test(cloneId)) return;
    const c = this.repo.list(ENGINE).find((x) => x.cloneId === cloneId);
    if (c) await this.ensureCondFile(c.voiceId);
    // Or one of a clone's added styles, whose files are named by their own ids.
    else await this.styles.ensureCondFile(cloneId);
  }

  /** At start: conditioning files for every clone, and none for clones that no longer exist. */
  async syncFiles(): Promise<void> {
    const clones = this.repo.list(ENGINE);
    const styleConds = this.styles.allCondIds();
    const known = new Set([...clones.map((c) => c.cloneId), ...styleConds]);
    for (const id of listCondIds(this.opts.clonesDir)) if (!known.has(id)) removeCond(this.opts.clonesDir, id);
    for (const c of clones) await this.ensureCondFile(c.voiceId);
    for (const id of styleConds) await this.styles.ensureCondFile(id);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.encoders.values()].map((e) => e.dispose()));
    this.encoders.clear();
  }

  private canClone(lang: string): boolean {
    return this.opts.canClone ? this.opts.canClone(lang) : pocketCanClone(this.opts.modelsDir, lang);
  }

  private encoder(lang: string): CondEncoder {
    let e = this.encoders.get(lang);
    if (!e) {
      e = this.opts.encoder(lang);
      this.encoders.set(lang, e);
    }
    return e;
  }

  private stale(c: CloneRow): boolean {
    const current = pocketEncoderVersion(this.opts.modelsDir, c.modelLanguage);
    return current !== null && current !== c.encoderVersion;
  }

  private info(c: CloneRow): CloneInfo {
    return {
      voiceId: c.voiceId,
      name: c.name,
      tags: c.tags,
      language: c.language,
      available: c.available,
      unavailableReason: c.unavailableReason,
      needsReencode: this.stale(c),
      source: c.source,
      referenceSec: Math.round((c.referenceSamples / c.referenceSampleRate) * 100) / 100,
      consent: c.consent,
      qualityReport: (c.qualityReport as QualityReport | null) ?? null,
      createdAt: c.createdAt,
      encodedAt: c.encodedAt,
      styles: this.styles.list(c),
    };
  }
}
