// Styles of a cloned voice through the contract on a real Core (fixture Pocket TTS model, real
// library): a style is added with the clone's checks and consent, listed, renamed and deleted (never
// the default one); a direction named like a style, or a line's own pick, speaks with that style's
// reference, which changes the audio and the cache key, and going back finds the cached audio; the
// takes follow (stale, then ready), a .koe carries the pick; deleting the voice removes every
// style's conditioning file.
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestCore } from '../../../test-support/core';
import { condPath, listCondIds } from '../../engines/pocket/clone-conds';
import { pocketFixtures } from '../../../test-support/engines/pocket-fixtures';
import { mix, speechLike, whiteNoise } from '../../../test-support/voice-clone/signals';
import { exportKoe, importKoe } from '../../timeline/koe-file';
import type { Core } from '../core';

const rig = useTestCore('koe-clone-styles', { models: (modelsDir) => cpSync(pocketFixtures().dir, join(modelsDir, 'pocket', 'en'), { recursive: true }) });
let dir: string;
let core: Core;
const clonesDir = () => join(dir, 'data', 'voices', 'clones');
beforeAll(() => {
  core = rig.core;
  dir = rig.dir;
});
const call = (name: string, args: unknown): Promise<any> => rig.call(name, args);

/** A take as the recorder sends it; another pitch and seed make another reference. */
function take(f0: number, seed: number) {
  const mono = mix(speechLike(9, 48_000, { f0, seed }), whiteNoise(9, 48_000, -80));
  return { kind: 'pcm', base64: Buffer.from(mono.buffer).toString('base64'), sampleRate: 48_000, channels: 1 };
}

const CONSENT = { statement: 'This is my own voice, and I agree to it being cloned.', accepted: true, who: 'Ana' };
const cacheRows = () => core.library.db.prepare('SELECT count(*) FROM audio_cache').pluck().get() as number;
const say = (voiceId: string, params: Record<string, unknown>) => core.speech.render({ text: 'Did you hear that?', voiceId, params: { speed: 1, pitch: 50, ...params } });
const differs = (a: Float32Array, b: Float32Array) => a.length !== b.length || a.some((x, i) => x !== b[i]);

async function makeClone(name: string): Promise<string> {
  const made = await call('clone.create', { source: take(140, 1), name, consent: CONSENT });
  return made.voice.id as string;
}

describe('styles of a cloned voice', () => {
  it('adds a style with the same checks and consent, lists, renames and deletes it, never the default', async () => {
    const voiceId = await makeClone('Styled');
    expect((await call('clone.list', {}))[0].styles).toEqual([expect.objectContaining({ name: 'neutral', isDefault: true })]);

    // Consent and the quality checks apply as to a clone, and a refusal stores nothing.
    await expect(call('clone.addStyle', { voiceId, name: 'whisper', source: take(220, 2), consent: { ...CONSENT, accepted: false } })).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/consent/) });
    const short = { kind: 'pcm', base64: Buffer.from(speechLike(2, 48_000).buffer).toString('base64'), sampleRate: 48_000, channels: 1 };
    await expect(call('clone.addStyle', { voiceId, name: 'whisper', source: short, consent: CONSENT })).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/cannot be cloned/) });
    await expect(call('clone.addStyle', { voiceId, name: 'Neutral', source: take(220, 2), consent: CONSENT })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already has a style called "neutral"/) });
    await expect(call('clone.addStyle', { voiceId: 'pocket:clone-000000000000', name: 'x', source: take(220, 2), consent: CONSENT })).rejects.toMatchObject({ code: 'not_found' });
    expect(core.library.cloneStyles.list(voiceId)).toEqual([]);

    const added = await call('clone.addStyle', { voiceId, name: 'Whisper', source: take(220, 2), consent: CONSENT });
    expect(added.style).toMatchObject({ name: 'Whisper', isDefault: false, consent: { who: 'Ana' } });
    expect(added.style.referenceSec).toBeGreaterThan(8);
    expect(added.clone.styles.map((s: { name: string }) => s.name)).toEqual(['neutral', 'Whisper']);
    const condId = core.library.cloneStyles.get(voiceId, 'whisper')!.condId;
    expect(existsSync(condPath(clonesDir(), condId))).toBe(true);

    expect((await call('clone.renameStyle', { voiceId, from: 'whisper', to: 'Breathy' })).styles.map((s: { name: string }) => s.name)).toEqual(['neutral', 'Breathy']);
    expect((await call('clone.renameStyle', { voiceId, from: 'neutral', to: 'Calm' })).styles.map((s: { name: string }) => s.name)).toEqual(['Calm', 'Breathy']);
    await expect(call('clone.renameStyle', { voiceId, from: 'Breathy', to: 'calm' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(call('clone.deleteStyle', { voiceId, name: 'Calm' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/stays while the voice exists/) });
    await expect(call('clone.deleteStyle', { voiceId, name: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    expect((await call('clone.deleteStyle', { voiceId, name: 'breathy' })).styles.map((s: { name: string }) => s.name)).toEqual(['Calm']);
    expect(existsSync(condPath(clonesDir(), condId))).toBe(false);
    await call('clone.delete', { voiceId });
  });

  it('speaks a style by direction or by pick, with its own cache key; the default style keeps its audio', async () => {
    const voiceId = await makeClone('Speaker');
    const plain = await say(voiceId, {});
    const whisperedBefore = await say(voiceId, { direction: 'whispering' });
    await call('clone.addStyle', { voiceId, name: 'Whisper', source: take(220, 2), consent: CONSENT });

    // "(whispering)" finds the style named "Whisper" (a spoken form of the direction).
    const rows = cacheRows();
    const whispered = await say(voiceId, { direction: 'whispering' });
    expect(cacheRows()).toBe(rows + 1);
    expect(differs(whispered, whisperedBefore)).toBe(true);
    // The style replaces the direction's default effect: the same audio as picking the style by hand
    // with no direction at all (served from the cache, no new render).
    const picked = await say(voiceId, { style: 'whisper' });
    expect(cacheRows()).toBe(rows + 1);
    expect(Array.from(picked)).toEqual(Array.from(whispered));
    // Two references, two deliveries.
    expect(differs(picked, plain)).toBe(true);
    // Back to the default style: the audio rendered before, from the cache.
    const back = await say(voiceId, { style: 'neutral' });
    expect(cacheRows()).toBe(rows + 1);
    expect(Array.from(back)).toEqual(Array.from(plain));

    // A speaker's own version of a direction may send it to any style ("happy" → Whisper).
    const mapped = await say(voiceId, { direction: 'happy', directionEffects: JSON.stringify({ happy: { style: 'Whisper' } }) });
    expect(Array.from(mapped)).toEqual(Array.from(picked));

    // A pick the voice lacks, or a style on a voice that is not cloned, is a clear error.
    await expect(say(voiceId, { style: 'sad' })).rejects.toThrow(/asks for the style "sad", which Speaker does not have \(its styles: neutral, Whisper\)/);
    await expect(say('espeak:en-us', { style: 'whisper' })).rejects.toThrow(/not a cloned voice/);
    await call('clone.delete', { voiceId });
  });

  it("a line's pick and its directions choose the style on the timeline; takes follow; a .koe keeps the pick", async () => {
    const voiceId = await makeClone('Lead');
    await call('clone.addStyle', { voiceId, name: 'excited', source: take(220, 2), consent: CONSENT });
    const p = await call('projects.create', { name: 'Styles', script: 'Ana: (excitedly) We won!\nAna: Did we?' });
    await call('projects.save', { id: p.id, revision: p.revision, speakers: [{ name: 'Ana', voiceId }] });
    const clips = async () => (await call('timeline.get', { projectId: p.id })).clips as { lineId: number; style: string | null; styleSpoken: string | null; status: string; take: { params: { style?: string } } | null }[];
    expect((await clips()).map((c) => [c.style, c.styleSpoken])).toEqual([[null, 'excited'], [null, null]]);

    await call('timeline.render', { projectId: p.id });
    await core.renderQueue.whenIdle(p.id);
    let now = await clips();
    expect(now.map((c) => [c.status, c.take?.params.style ?? null])).toEqual([['ready', 'excited'], ['ready', null]]);

    // Picking a style for the second line stales its take; undo brings it back.
    const view = await call('timeline.get', { projectId: p.id });
    await call('timeline.edit', { projectId: p.id, revision: view.revision, op: { type: 'lineStyle', lineId: now[1]!.lineId, style: 'Excited' } });
    now = await clips();
    expect(now.map((c) => [c.style, c.styleSpoken, c.status])).toEqual([[null, 'excited', 'ready'], ['Excited', 'excited', 'stale']]);
    await call('timeline.render', { projectId: p.id });
    await core.renderQueue.whenIdle(p.id);
    expect((await clips()).map((c) => c.status)).toEqual(['ready', 'ready']);

    // The .koe carries the pick and the take's style, and opens ready.
    const file = exportKoe(core.library, core.timeline, p.id);
    expect(Buffer.from(file.bytes).readUInt32LE(8)).toBe(6);
    const opened = await importKoe(core.library, core.timeline, file.bytes);
    expect((await call('timeline.get', { projectId: opened.projectId })).clips.map((c: { style: string | null; status: string }) => [c.style, c.status])).toEqual([[null, 'ready'], ['Excited', 'ready']]);

    // Renaming the style follows into the lines that picked it; deleting it makes them say so.
    await call('clone.renameStyle', { voiceId, from: 'excited', to: 'thrilled' });
    expect((await clips()).map((c) => c.style)).toEqual([null, 'thrilled']);
    await call('clone.deleteStyle', { voiceId, name: 'thrilled' });
    expect((await clips()).map((c) => [c.styleSpoken, c.status])).toEqual([[null, 'stale'], ['thrilled', 'stale']]);
    await call('timeline.render', { projectId: p.id });
    await core.renderQueue.whenIdle(p.id);
    const after = await call('timeline.get', { projectId: p.id });
    expect(after.clips[0].status).toBe('ready');
    expect(after.clips[1].render).toMatchObject({ state: 'failed', error: expect.stringMatching(/asks for the style "thrilled"/) });
  });

  it('deleting the voice removes every style and its conditioning file', async () => {
    const voiceId = await makeClone('Gone');
    await call('clone.addStyle', { voiceId, name: 'sad', source: take(110, 3), consent: CONSENT });
    await call('clone.addStyle', { voiceId, name: 'angry', source: take(200, 4), consent: CONSENT });
    const conds = core.library.cloneStyles.list(voiceId).map((s) => s.condId);
    expect(conds).toHaveLength(2);
    for (const id of conds) expect(listCondIds(clonesDir())).toContain(id);
    expect(await call('clone.delete', { voiceId })).toEqual({ deleted: true });
    expect(core.library.db.prepare('SELECT count(*) FROM voice_clone_styles WHERE voice_id = ?').pluck().get(voiceId)).toBe(0);
    for (const id of conds) expect(listCondIds(clonesDir())).not.toContain(id);
  });
});
