// Script and timeline are two views of the same lines, through the server: a typo fixed in the
// script keeps the line — its manual position, gain and takes (now stale) — and a re-render adds a
// take; an inserted line is new and the others keep theirs; the old undo steps still undo.
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveApi, type ServedApi } from './harness';

const work = mkdtempSync(join(tmpdir(), 'koe-identity-'));
let api: ServedApi | null = null;
test.afterAll(async () => {
  await api?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface Clip { lineId: number; speaker: string; text: string; status: string; startSample: number; manual: boolean; gainDb: number; takeCount: number }

test('a typo fix in the script keeps the line, its placement and takes', async () => {
  api = await serveApi(join(work, 'data'));
  const rpc = api.rpc;
  const lines = ['Anna: Good mornign! Welcome to the show.', 'Ben: Thanks, it is great to be here.', 'Cara: Let us begin with the news.'];
  const created = await rpc.call('projects.create', { name: 'Identity', script: lines.join('\n') });
  const saved = await rpc.call('projects.save', { id: created.id, revision: created.revision, speakers: [{ name: 'Anna', voiceId: 'espeak:en-us+f3' }, { name: 'Ben', voiceId: 'espeak:en-gb' }, { name: 'Cara', voiceId: 'espeak:en-us' }] });
  const clips = async (): Promise<Clip[]> => (await rpc.call('timeline.get', { projectId: created.id })).clips;
  await rpc.call('timeline.render', { projectId: created.id });
  await expect.poll(async () => (await clips()).map((c) => c.status), { timeout: 60_000 }).toEqual(['ready', 'ready', 'ready']);
  const before = await clips();
  let revision = (await rpc.call('timeline.get', { projectId: created.id })).revision;
  revision = (await rpc.call('timeline.edit', { projectId: created.id, revision, op: { type: 'move', lineId: before[0]!.lineId, startSample: 12_000 } })).revision;
  revision = (await rpc.call('timeline.edit', { projectId: created.id, revision, op: { type: 'gain', lineId: before[0]!.lineId, db: -4 } })).revision;

  // Fix the typo, and insert a line after Ben's, in one save.
  const fixed = ['Anna: Good morning! Welcome to the show.', lines[1]!, 'Ben: And thank you all for listening.', lines[2]!];
  await rpc.call('projects.save', { id: created.id, revision: saved.revision, script: fixed.join('\n') });
  const after = await clips();
  expect(after.map((c) => c.lineId)).toEqual([before[0]!.lineId, before[1]!.lineId, expect.any(Number), before[2]!.lineId]);
  expect(before.map((c) => c.lineId)).not.toContain(after[2]!.lineId);
  expect(after[0]).toMatchObject({ text: 'Good morning! Welcome to the show.', status: 'stale', startSample: 12_000, manual: true, gainDb: -4, takeCount: 1 });
  expect(after.map((c) => c.status)).toEqual(['stale', 'ready', 'missing', 'ready']);
  expect((await rpc.call('timeline.takes', { projectId: created.id, lineId: before[0]!.lineId })).map((t: { stale: boolean }) => t.stale)).toEqual([true]);

  // Re-rendering adds a current take beside the stale one; the clip stays where it was put.
  await rpc.call('timeline.render', { projectId: created.id });
  await expect.poll(async () => (await clips()).map((c) => c.status), { timeout: 60_000 }).toEqual(['ready', 'ready', 'ready', 'ready']);
  const takes = await rpc.call('timeline.takes', { projectId: created.id, lineId: before[0]!.lineId });
  expect(takes.map((t: { selected: boolean; stale: boolean }) => [t.selected, t.stale])).toEqual([[true, false], [false, true]]);
  expect((await clips())[0]).toMatchObject({ startSample: 12_000, gainDb: -4 });

  // The steps recorded before the edit still undo.
  revision = (await rpc.call('timeline.get', { projectId: created.id })).revision;
  revision = (await rpc.call('timeline.undo', { projectId: created.id, revision })).revision;
  expect((await clips())[0]!.gainDb).toBe(0);
  await rpc.call('timeline.undo', { projectId: created.id, revision });
  expect((await clips())[0]!.manual).toBe(false);
});
