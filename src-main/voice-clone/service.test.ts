// The cloning service on a real library file and the Pocket TTS fixture model: a clone is made
// whole or not at all, never without consent, errors block and warnings need accepting, and
// management (rename, tags, delete, re-encode after a model update, export and import) keeps the
// library, the conditioning files and the audio cache consistent.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { concat } from '../audio/pcm';
import { encodeWav } from '../audio/wav';
import { condPath, listCondIds } from '../engines/pocket/clone-conds';
import { InProcessEncoder } from '../engines/pocket/encoder';
import { PocketEngine } from '../engines/pocket/pocket-engine';
import { pocketFixtures } from '../../test-support/engines/pocket-fixtures';
import { openLibrary, type Library } from '../library/db';
import { DEFAULT_CONSENT_STATEMENT } from './consent';
import { CloneService, type CloneServiceOptions } from './service';
import { mix, speechLike, whiteNoise } from '../../test-support/voice-clone/signals';

let dir: string;
let modelsDir: string;
let clonesDir: string;
let library: Library;
const services: CloneService[] = [];
const engines: PocketEngine[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koe-clone-'));
  modelsDir = join(dir, 'models');
  cpSync(pocketFixtures().dir, join(modelsDir, 'pocket', 'en'), { recursive: true });
  clonesDir = join(dir, 'voices', 'clones');
  library = openLibrary(join(dir, 'library.db'));
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
  library.close();
  rmSync(dir, { recursive: true, force: true });
});

function service(hooks?: CloneServiceOptions['hooks']): CloneService {
  const s = new CloneService({ db: library.db, modelsDir, clonesDir, encoder: (language) => new InProcessEncoder({ modelsDir, language, threads: 1 }), ...(hooks ? { hooks } : {}) });
  services.push(s);
  return s;
}

const CONSENT = { statement: DEFAULT_CONSENT_STATEMENT, accepted: true, who: 'Ana Lima' };
const take = (opts: Parameters<typeof speechLike>[2] = {}) => ({ kind: 'bytes' as const, bytes: encodeWav(mix(speechLike(10, 48_000, opts), whiteNoise(10, 48_000, -75)), { sampleRate: 48_000, bitDepth: 16 }), name: 'take.wav' });
const count = (sql: string) => library.db.prepare(sql).pluck().get() as number;
const nothingStored = () => {
  expect(count(`SELECT count(*) FROM voices WHERE kind = 'clone'`)).toBe(0);
  expect(count(`SELECT count(*) FROM voice_clones`)).toBe(0);
  expect(listCondIds(clonesDir)).toEqual([]);
};

async function speak(voice: string): Promise<Float32Array> {
  const e = new PocketEngine({ modelsDir, clonesDir, session: { intraOpNumThreads: 1, idleUnloadMs: 0 } });
  engines.push(e);
  const out: Float32Array[] = [];
  for await (const c of e.synthesize({ text: 'Hello world.', voice, speed: 1, pitch: 50 })) out.push(c);
  return concat(out);
}

describe('making a clone', () => {
  it('stores the voice, its reference, conditioning, consent and report, and the engine speaks it', async () => {
    const s = service();
    const stages: string[] = [];
    const made = await s.create({ source: take(), name: '  My   voice ', consent: CONSENT, tags: ['Narration'] }, (st) => stages.push(st));
    expect(stages).toEqual(['reading', 'checking', 'processing', 'encoding', 'saving', 'done']);
    expect(made.voice).toMatchObject({ id: expect.stringMatching(/^pocket:clone-[0-9a-f]{12}$/), name: 'My voice', engine: 'pocket', kind: 'clone', language: 'en', tags: ['clone', 'narration'], available: true });
    expect(made.report).toMatchObject({ ok: true, warnings: 0 });
    expect(made.previewText.length).toBeGreaterThan(10);
    expect(made.clone).toMatchObject({ consent: { who: 'Ana Lima', statement: DEFAULT_CONSENT_STATEMENT, acceptedAt: expect.any(String) }, source: 'take.wav', needsReencode: false });
    expect(made.clone.referenceSec).toBeGreaterThan(8);
    expect(library.voices.getVoice(made.voice.id)).toEqual(made.voice);
    const ref = s.repo.referenceAudio(made.voice.id);
    expect(ref.length).toBe(Math.round(made.clone.referenceSec * 24_000));
    const cloneId = made.voice.id.slice('pocket:clone-'.length);
    expect(existsSync(condPath(clonesDir, cloneId))).toBe(true);

    const mine = await speak(`clone-${cloneId}`);
    const alba = await speak('en-alba');
    expect(mine.length).toBe(alba.length);
    expect(Array.from(mine)).not.toEqual(Array.from(alba));
  });

  it('refuses without consent, and stores nothing', async () => {
    const s = service();
    for (const consent of [{}, { ...CONSENT, accepted: false }, { ...CONSENT, who: '  ' }, { ...CONSENT, statement: 'ok' }]) {
      await expect(s.create({ source: take(), name: 'X', consent })).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/consent|who is giving/i) });
    }
    nothingStored();
  });

  it('refuses a recording with errors, and asks before accepting one with warnings', async () => {
    const s = service();
    await expect(s.create({ source: { kind: 'pcm', channels: [new Float32Array(48_000 * 8)], sampleRate: 48_000 }, name: 'Silent', consent: CONSENT, acceptWarnings: true })).rejects.toMatchObject({
      code: 'invalid_args',
      message: expect.stringMatching(/^This recording cannot be cloned: No speech was detected/),
      details: expect.objectContaining({ speech: expect.any(String) }),
    });
    const quiet = take({ levelDb: -38 });
    await expect(s.create({ source: quiet, name: 'Quiet', consent: CONSENT })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/a warning: The speech is quiet.*Accept the warnings/) });
    nothingStored();
    const made = await s.create({ source: quiet, name: 'Quiet', consent: CONSENT, acceptWarnings: true });
    expect(made.report.warnings).toBe(1);
  });

  it.each([
    ['the encoder finished', 'afterEncode'],
    ['both rows are written but not committed', 'beforeCommit'],
  ] as const)('leaves nothing behind when it fails after %s', async (_label, hook) => {
    const s = service({ [hook]: () => { throw new Error('power cut'); } });
    await expect(s.create({ source: take(), name: 'Half', consent: CONSENT })).rejects.toThrow('power cut');
    nothingStored();
    // And the next attempt works normally.
    await expect(service().create({ source: take(), name: 'Whole', consent: CONSENT })).resolves.toBeTruthy();
  });

  it('leaves nothing behind when the process is killed mid-clone, inside the transaction', () => {
    library.close();
    const child = spawnSync(process.execPath, [fileURLToPath(new URL('../../test-support/voice-clone/die-mid-clone.mjs', import.meta.url)), dir, modelsDir], { encoding: 'utf8', timeout: 60_000 });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).not.toContain('survived');
    library = openLibrary(join(dir, 'library.db'));
    nothingStored();
  });

  it('refuses to write a clone row without its consent, whatever code writes it (trigger)', () => {
    library.db.prepare(`INSERT INTO voices (id, kind, engine, name, language, style, reference_audio, created_at, updated_at) VALUES ('pocket:clone-aaaaaa', 'clone', 'pocket', 'N', 'en', x'00', x'00', 'x', 'x')`).run();
    expect(() =>
      library.db.prepare(`INSERT INTO voice_clones (voice_id, clone_id, engine, model_language, encoder_version, cond_rows, cond_dim, reference_sample_rate, reference_samples, reference_sha256, source, quality_report, encoded_at, created_at) VALUES ('pocket:clone-aaaaaa', 'aaaaaa', 'pocket', 'en', 'v', 1, 1, 24000, 1, 'x', 'm', '{}', 'x', 'x')`).run(),
    ).toThrow(/consent record/);
  });
});

describe('managing clones', () => {
  it('renames and tags, and deletes with its reference audio, cached renders and conditioning file', async () => {
    const s = service();
    const { voice } = await s.create({ source: take(), name: 'Me', consent: CONSENT });
    expect(s.rename(voice.id, 'Me, warmer')).toMatchObject({ name: 'Me, warmer' });
    expect(s.setTags(voice.id, ['audiobook', 'Calm', 'calm'])).toMatchObject({ tags: ['clone', 'audiobook', 'calm'] });
    expect(() => s.rename(voice.id, '   ')).toThrow(/needs a name/);
    library.audioCache.putCached({ key: 'k1', engine: 'pocket', modelVersion: 'v', voiceId: voice.id, params: {}, sampleRate: 24_000, pcm: new Float32Array(10) });
    const cloneId = voice.id.slice('pocket:clone-'.length);
    expect(s.delete(voice.id)).toBe(true);
    expect(count(`SELECT count(*) FROM voices WHERE id = '${voice.id}'`)).toBe(0);
    expect(count(`SELECT count(*) FROM voices WHERE reference_audio IS NOT NULL`)).toBe(0);
    expect(library.audioCache.getCached('k1')).toBeNull();
    expect(existsSync(condPath(clonesDir, cloneId))).toBe(false);
    expect(s.delete(voice.id)).toBe(false);
    expect(() => s.rename(voice.id, 'Ghost')).toThrow(/no cloned voice/);
  });

  it('exports to one file and imports it elsewhere with its consent record and the same conditioning', async () => {
    const s = service();
    const { voice } = await s.create({ source: take(), name: 'Travelling voice', consent: CONSENT, tags: ['podcast'] });
    const cond = s.repo.conditioning(voice.id);
    const { bytes, fileName } = s.exportVoice(voice.id);
    expect(fileName).toBe('Travelling-voice.koevoice');
    const doc = JSON.parse(new TextDecoder().decode(bytes));
    expect(doc).toMatchObject({ format: 'koe-voice', version: 1, consent: { who: 'Ana Lima' }, engine: 'pocket', note: expect.stringMatching(/synthetic/) });

    // "Another machine": a fresh library with the same model.
    const otherDir = mkdtempSync(join(tmpdir(), 'koe-clone-other-'));
    const other = openLibrary(join(otherDir, 'library.db'));
    try {
      const s2 = new CloneService({ db: other.db, modelsDir, clonesDir: join(otherDir, 'clones'), encoder: (language) => new InProcessEncoder({ modelsDir, language, threads: 1 }) });
      services.push(s2);
      const imported = await s2.importVoice(bytes, fileName);
      expect(imported.reencoded).toBe(false);
      expect(imported.voice).toMatchObject({ name: 'Travelling voice', kind: 'clone', tags: ['clone', 'podcast'], available: true });
      expect(imported.voice.id).not.toBe(voice.id);
      expect(Array.from(s2.repo.conditioning(imported.voice.id))).toEqual(Array.from(cond));
      expect(Array.from(s2.repo.referenceAudio(imported.voice.id))).toEqual(Array.from(s.repo.referenceAudio(voice.id)));
      expect(s2.get(imported.voice.id)).toMatchObject({ consent: s.get(voice.id).consent, source: 'import:Travelling-voice.koevoice' });

      const noConsent = JSON.stringify({ ...doc, consent: undefined });
      await expect(s2.importVoice(new TextEncoder().encode(noConsent))).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/no valid consent record/) });
      const tampered = JSON.stringify({ ...doc, reference: { ...doc.reference, sha256: '0'.repeat(64) } });
      await expect(s2.importVoice(new TextEncoder().encode(tampered))).rejects.toMatchObject({ message: expect.stringMatching(/does not match its checksum/) });
      await expect(s2.importVoice(new TextEncoder().encode('{"format":"something-else"}'))).rejects.toMatchObject({ message: expect.stringMatching(/not a Koe voice file/) });

      // An imported file meets the limits cloning here applies, and nothing is stored when it does not.
      const before = s2.list().length;
      const crafted = [
        [{ ...doc, consent: { ...doc.consent, statement: `I agree. ${'x'.repeat(1_000_000)}` } }, /statement is too long/],
        [{ ...doc, consent: { ...doc.consent, who: 'A'.repeat(201) } }, /name giving consent is too long/],
        [{ ...doc, consent: { ...doc.consent, who: 'Ana\u202eamiL' } }, /invisible formatting/],
        [{ ...doc, name: 'Voice\u0000name' }, /control or invisible/],
        [{ ...doc, name: 'evil\u202egnp.exe' }, /control or invisible/],
      ] as const;
      for (const [d, why] of crafted) await expect(s2.importVoice(new TextEncoder().encode(JSON.stringify(d)))).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(why) });
      expect(s2.list().length).toBe(before);
    } finally {
      other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('asks for a re-encode after a model update, and re-encodes from the stored reference', async () => {
    const s = service();
    const { voice } = await s.create({ source: take(), name: 'Before the update', consent: CONSENT });
    library.audioCache.putCached({ key: 'old', engine: 'pocket', modelVersion: 'v', voiceId: voice.id, params: {}, sampleRate: 24_000, pcm: new Float32Array(10) });
    // A new export: the manifest names a different encoder.
    const manifestPath = join(modelsDir, 'pocket', 'en', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.encoder.sha256 = 'feedfacefeedface';
    writeFileSync(manifestPath, JSON.stringify(manifest));
    expect(s.refreshAvailability()).toEqual([voice.id]);
    expect(library.voices.getVoice(voice.id)).toMatchObject({ available: false, unavailableReason: expect.stringMatching(/re-encode/) });
    expect(s.get(voice.id).needsReencode).toBe(true);

    expect(await s.reencode()).toEqual([voice.id]);
    expect(s.get(voice.id)).toMatchObject({ needsReencode: false, available: true });
    expect(library.audioCache.getCached('old')).toBeNull();
    expect(await s.reencode()).toEqual([]);
  });

  it('rebuilds missing conditioning files and sweeps files of deleted clones at start', async () => {
    const s = service();
    const { voice } = await s.create({ source: take(), name: 'Kept', consent: CONSENT });
    const cloneId = voice.id.slice('pocket:clone-'.length);
    rmSync(condPath(clonesDir, cloneId));
    writeFileSync(join(clonesDir, 'deadbeef99.cond'), 'orphan');
    await s.syncFiles();
    expect(listCondIds(clonesDir)).toEqual([cloneId]);
    expect((await speak(`clone-${cloneId}`)).length).toBeGreaterThan(0);
  });
});
