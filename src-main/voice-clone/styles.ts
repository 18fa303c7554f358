// The styles of a cloned voice: further references (a whisper, an excited take) beside the one it
// was made with, which is its default style. A style is made like a clone — consent, the same
// quality checks, the encoder — and stored in one statement; its conditioning file, named by its own
// id, is written after and rebuilt whenever missing, like a clone's. The default style cannot be
// deleted (it is the voice); deleting the voice takes every style with it.
import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { KoeError } from '../contract/errors';
import { condPath, removeCond, writeCond } from '../engines/pocket/clone-conds';
import type { CondEncoder } from '../engines/pocket/encoder';
import { CloneStylesRepo, type StyleRow } from '../library/clone-styles-repo';
import type { ClonesRepo, CloneRow } from '../library/clones-repo';
import { existsSync } from 'node:fs';
import type { QualityReport } from './checks';
import { HIDDEN_CHARS, type ConsentInput, type ConsentRecord } from './consent';
import { prepareReference, type CloneStage } from './prepare';
import type { ReferenceSource } from './reference';
import { sha256Of } from './voice-file';

export interface StyleInfo {
  name: string;
  /** The reference the voice was made with; it cannot be deleted. */
  isDefault: boolean;
  referenceSec: number;
  source: string;
  consent: ConsentRecord;
  createdAt: string;
}

export interface AddStyleInput {
  voiceId: string;
  name: string;
  source: ReferenceSource;
  consent: Partial<ConsentInput>;
  acceptWarnings?: boolean;
}

const STYLE_NAME_MAX = 40;
/** A voice with more would be a library of voices; each style is a 20-second reference at most. */
export const MAX_STYLES = 16;

export function checkStyleName(name: string): string {
  const n = name.trim().replace(/\s+/g, ' ');
  if (!n) throw new KoeError('invalid_args', 'The style needs a name (e.g. "whisper" or "excited").');
  if (n.length > STYLE_NAME_MAX) throw new KoeError('invalid_args', `Style names are at most ${STYLE_NAME_MAX} characters.`);
  if (HIDDEN_CHARS.test(n)) throw new KoeError('invalid_args', 'Style names may not contain control or invisible formatting characters.');
  // "+" joins directions in render parameters; a style named with one could never be told apart.
  if (n.includes('+')) throw new KoeError('invalid_args', 'Style names may not contain "+".');
  return n;
}

const same = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
const seconds = (samples: number, rate: number): number => Math.round((samples / rate) * 100) / 100;

export interface CloneStylesOptions {
  db: Database;
  clones: ClonesRepo;
  clonesDir: string;
  encoder(language: string): CondEncoder;
  canClone(language: string): boolean;
}

export class CloneStyles {
  readonly repo: CloneStylesRepo;

  constructor(private readonly opts: CloneStylesOptions) {
    this.repo = new CloneStylesRepo(opts.db);
  }

  /** The default style first, then the added ones, oldest first. */
  list(c: CloneRow): StyleInfo[] {
    const first: StyleInfo = { name: this.repo.defaultName(c.voiceId) ?? 'neutral', isDefault: true, referenceSec: seconds(c.referenceSamples, c.referenceSampleRate), source: c.source, consent: c.consent, createdAt: c.createdAt };
    return [first, ...this.repo.list(c.voiceId).map((s) => ({ name: s.name, isDefault: false, referenceSec: seconds(s.referenceSamples, s.referenceSampleRate), source: s.source, consent: s.consent, createdAt: s.createdAt }))];
  }

  async add(input: AddStyleInput, onStage?: (stage: CloneStage) => void, signal?: AbortSignal): Promise<{ style: StyleInfo; report: QualityReport }> {
    const c = this.opts.clones.require(input.voiceId);
    const name = checkStyleName(input.name);
    this.assertFree(c, name);
    if (this.repo.list(c.voiceId).length + 1 >= MAX_STYLES) throw new KoeError('invalid_args', `A voice can have at most ${MAX_STYLES} styles; delete one first.`);
    if (!this.opts.canClone(c.modelLanguage)) throw new KoeError('not_found', `Adding a style needs Pocket TTS (${c.languageName}) with its voice encoder. Download Pocket TTS in Models.`);
    const p = await prepareReference(input, () => this.opts.encoder(c.modelLanguage), onStage, signal);
    if (p.encoded.encoderVersion !== c.encoderVersion) throw new KoeError('conflict', `${c.name} was made with another Pocket TTS model; re-encode it before adding a style.`);
    onStage?.('saving');
    const condId = randomBytes(6).toString('hex');
    // The voice may have gone, or the name been taken, while the encoder ran.
    this.opts.db.transaction(() => {
      this.assertFree(this.opts.clones.require(c.voiceId), name);
      this.repo.insert({ voiceId: c.voiceId, name, condId, encoderVersion: p.encoded.encoderVersion, cond: p.encoded, reference: { pcm: p.ref.pcm, sampleRate: p.ref.sampleRate, sha256: sha256Of(p.ref.pcm) }, source: p.origin, qualityReport: p.report, consent: p.consent });
    }).immediate();
    await this.ensureCondFile(condId);
    onStage?.('done');
    return { style: this.list(c).find((s) => s.name === name)!, report: p.report };
  }

  rename(voiceId: string, from: string, to: string): StyleInfo[] {
    const c = this.opts.clones.require(voiceId);
    const name = checkStyleName(to);
    const def = this.repo.defaultName(voiceId) ?? 'neutral';
    const isDefault = same(from, def);
    if (!isDefault && !this.repo.get(voiceId, from)) throw new KoeError('not_found', `${c.name} has no style "${from}".`);
    if (!same(from, name)) this.assertFree(c, name);
    if (isDefault) this.repo.renameDefault(voiceId, def, name);
    else this.repo.rename(voiceId, from, name);
    return this.list(c);
  }

  delete(voiceId: string, name: string): StyleInfo[] {
    const c = this.opts.clones.require(voiceId);
    if (same(name, this.repo.defaultName(voiceId) ?? 'neutral')) throw new KoeError('conflict', `"${name}" is the reference ${c.name} was made with; it stays while the voice exists (delete the voice instead).`);
    const condId = this.repo.delete(voiceId, name);
    if (!condId) throw new KoeError('not_found', `${c.name} has no style "${name}".`);
    removeCond(this.opts.clonesDir, condId);
    return this.list(c);
  }

  /** The conditioning ids of a voice's added styles (read before the voice is deleted). */
  condIdsOf(voiceId: string): string[] {
    return this.repo.list(voiceId).map((s) => s.condId);
  }

  allCondIds(): string[] {
    return this.repo.allCondIds();
  }

  /** Encodes a voice's styles again from their references, with the model the voice now has. */
  async reencode(c: CloneRow): Promise<void> {
    for (const s of this.repo.list(c.voiceId)) {
      const e = await this.opts.encoder(c.modelLanguage).encode(this.repo.referenceAudio(s.condId));
      this.repo.updateEncoding(s.condId, e, e.encoderVersion);
      await this.ensureCondFile(s.condId, true);
    }
  }

  /** Writes a style's conditioning file if it is missing (or `force`); false when no style has that id. */
  async ensureCondFile(condId: string, force = false): Promise<boolean> {
    const s: StyleRow | null = this.repo.byCondId(condId);
    if (!s) return false;
    if (!force && existsSync(condPath(this.opts.clonesDir, condId))) return true;
    const c = this.opts.clones.require(s.voiceId);
    await writeCond(this.opts.clonesDir, condId, { language: c.modelLanguage, rows: s.condRows, dim: s.condDim, encoderVersion: s.encoderVersion }, this.repo.conditioning(condId));
    return true;
  }

  private assertFree(c: CloneRow, name: string): void {
    const taken = [this.repo.defaultName(c.voiceId) ?? 'neutral', ...this.repo.list(c.voiceId).map((s) => s.name)].find((n) => same(n, name));
    if (taken) throw new KoeError('conflict', `${c.name} already has a style called "${taken}".`);
  }
}
