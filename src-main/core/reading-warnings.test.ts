// What Kokoro's Mandarin and Japanese readers skip reaches the person: per line on the timeline
// (the render queue's state, in timeline.get and render.progress) and in `koe render`'s result (export.script), each
// naming the character and where it stood. The rest of the line still speaks. The Kokoro fixture
// model stands in for the real one; the readers (jieba with pinyin-pro, kuromoji) are the real ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../contract/dispatch';
import { kokoroFixtures } from '../../test-support/engines/kokoro-fixtures';
import { Core } from './core';

// U+2A6A5 (a CJK Extension B character) has no reading in pinyin-pro's dictionary.
const RARE = '\u{2A6A5}';
const params = { speed: 1, pitch: 50 };

let core: Core;
const scratch = mkdtempSync(join(tmpdir(), 'koe-reading-warnings-'));
const ctx = { origin: 'test', emit: () => {} };
const call = async (name: string, args: unknown): Promise<any> => {
  const r = await dispatch(core.handlers, name as never, args, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
  return r.result;
};

beforeAll(async () => {
  core = await Core.create({ dataDir: join(scratch, 'data'), modelsDir: kokoroFixtures().modelsDir, face: { kind: 'cli' } });
});
afterAll(async () => {
  await core?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('reading warnings', () => {
  it('names what the Mandarin and Japanese readers skip, and nothing for text they read', async () => {
    const zh = await core.speech.readingWarnings({ text: `他写了${RARE}字。`, voiceId: 'kokoro:zf_xiaobei', params });
    expect(zh).toEqual([expect.stringMatching(new RegExp(`^Mandarin: no reading is known for “${RARE}” in “[^”]*${RARE}[^”]*”; it is skipped\\.$`, 'u'))]);
    expect(await core.speech.readingWarnings({ text: '你好。', voiceId: 'kokoro:zf_xiaobei', params })).toEqual([]);
    const ja = await core.speech.readingWarnings({ text: `東京の${RARE}です。`, voiceId: 'kokoro:jf_alpha', params });
    expect(ja.join(' ')).toMatch(new RegExp(`^Japanese: .*${RARE}`, 'u'));
    // English goes through misaki's path, which reads or spells every word: nothing to report.
    expect(await core.speech.readingWarnings({ text: 'Hello there.', voiceId: 'kokoro:af_heart', params })).toEqual([]);
  });

  it('puts them on the line in the timeline while rendering, and the line still gets its take', async () => {
    const project = await call('projects.create', { name: 'Rare', script: `Li: 他写了${RARE}字。\nLi: 你好。\n` });
    await call('projects.save', { id: project.id, revision: project.revision, speakers: [{ name: 'Li', voiceId: 'kokoro:zf_xiaobei' }] });
    await call('timeline.render', { projectId: project.id });
    await core.renderQueue.whenIdle(project.id);
    const view = await call('timeline.get', { projectId: project.id });
    const [rare, plain] = view.clips;
    expect(rare.status).toBe('ready');
    expect(rare.render).toEqual({ state: 'done', error: null, warnings: [expect.stringContaining(`no reading is known for “${RARE}”`)] });
    expect(plain.render).toEqual({ state: 'done', error: null });
  });

  it('lists them by script line in export.script, the call behind koe render', async () => {
    const out = join(scratch, 'rare.wav');
    const r = await call('export.script', { jobId: 'reading-warnings-1', script: `Li: 你好。\n\nLi: 他写了${RARE}字。\n`, voices: [{ speaker: 'Li', voiceId: 'kokoro:zf_xiaobei' }], format: 'wav', destination: { kind: 'file', path: out } });
    expect(r.path).toBe(out);
    expect(r.textWarnings).toEqual([{ line: 3, speaker: 'Li', message: expect.stringContaining(`“${RARE}”`) }]);
  });
});
