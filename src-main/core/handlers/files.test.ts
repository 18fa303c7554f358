// Manuscript import, recent files and reveal through the dispatcher on a real Core: a book becomes
// one new project with its chapters; every refused file leaves the project list as it was; the
// recent list keeps one entry per file, newest first; reveal is the desktop's alone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../contract/dispatch';
import { Core } from '../core';
import { useTestCore } from '../../../test-support/core';
import { makeEpub } from '../../../test-support/manuscript/books';

const t = useTestCore('koe-files-core');

describe('manuscript.import', () => {
  it('makes one project of a book, with its chapters and what was left out', async () => {
    const path = join(t.dir, 'storm.epub');
    writeFileSync(path, await makeEpub({ title: 'The Storm', chapters: [{ file: 'a.xhtml', title: 'Rain', body: '<p>“It rains,” she said.</p><img src="x.png"/>' }, { file: 'b.xhtml', title: 'Sun', body: '<p>Then the sun.</p>' }] }));
    const r = await t.call('manuscript.import', { path });
    expect(r).toMatchObject({ name: 'The Storm', format: 'epub', chapters: [{ title: 'Rain', lines: 1 }, { title: 'Sun', lines: 1 }], dropped: [{ kind: 'image', count: 1, chapters: ['Rain'] }] });
    expect(r.notices[0]).toMatch(/^Left out, because a script cannot speak them: 1 image \(in Rain\)\.$/);
    const project = await t.call('projects.get', { id: r.projectId });
    expect(project.script).toBe('## Rain\n\n“It rains,” she said.\n\n## Sun\n\nThen the sun.\n');
    const view = await t.call('timeline.get', { projectId: r.projectId });
    expect(view.clips.map((c: { speaker: string }) => c.speaker)).toEqual(['Narrator', 'Narrator']);
    // A name of the person's choosing wins over the book's title.
    expect((await t.call('manuscript.import', { path, name: 'Storm, take two' })).name).toBe('Storm, take two');
  });

  it('refuses bad files with a clear message and creates nothing', async () => {
    const before = (await t.call('projects.list', {})) as unknown as unknown[];
    const pdf = join(t.dir, 'novel.docx');
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    await expect(t.call('manuscript.import', { path: pdf })).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/^novel\.docx is named like a Word document \(DOCX\) but is really a PDF\./) });
    const garbage = join(t.dir, 'noise.bin');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)));
    await expect(t.call('manuscript.import', { path: garbage })).rejects.toMatchObject({ message: expect.stringMatching(/looks like binary data/) });
    await expect(t.call('manuscript.import', { path: join(t.dir, 'missing.md') })).rejects.toMatchObject({ code: 'not_found' });
    await expect(t.call('manuscript.import', { path: 'relative.md' })).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/must be absolute/) });
    expect(await t.call('projects.list', {})).toEqual(before);
  });
});

describe('recent files', () => {
  it('keeps each file once, newest first, and at most ten', async () => {
    expect(await t.call('recentFiles.list', {})).toEqual([]);
    await t.call('recentFiles.add', { kind: 'koe', fileName: 'a.koe', path: '/x/a.koe', projectId: null });
    await t.call('recentFiles.add', { kind: 'manuscript', fileName: 'b.epub', path: null, projectId: null });
    const again = (await t.call('recentFiles.add', { kind: 'koe', fileName: 'a.koe', path: '/x/a.koe', projectId: null })) as unknown as { fileName: string }[];
    expect(again.map((f) => f.fileName)).toEqual(['a.koe', 'b.epub']);
    for (let i = 0; i < 12; i++) await t.call('recentFiles.add', { kind: 'koe', fileName: `n${i}.koe`, path: `/x/n${i}.koe`, projectId: null });
    const list = (await t.call('recentFiles.list', {})) as unknown as { fileName: string }[];
    expect(list).toHaveLength(10);
    expect(list[0]!.fileName).toBe('n11.koe');
    await expect(t.call('recentFiles.add', { kind: 'pdf', fileName: 'x', path: null, projectId: null })).rejects.toMatchObject({ code: 'invalid_args' });
    expect(await t.call('recentFiles.clear', {})).toEqual([]);
  });
});

describe('file.reveal', () => {
  it('is not supported outside the desktop, and names a missing file', async () => {
    const path = join(t.dir, 'out.wav');
    writeFileSync(path, 'x');
    expect(await t.call('file.reveal', { path })).toEqual({ supported: false, revealed: false });
    await expect(t.call('file.reveal', { path: join(t.dir, 'gone.wav') })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('file.reveal on the desktop', () => {
  it('hands the path to the face the desktop lends, and dialogs get their label', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-reveal-'));
    const revealed: string[] = [];
    const asked: (string | undefined)[] = [];
    const core = await Core.create({
      dataDir: join(dir, 'data'),
      modelsDir: join(dir, 'models'),
      face: {
        kind: 'electron',
        revealFile: (path) => revealed.push(path),
        saveDialog: async (_name, _ext, label) => (asked.push(label), null),
      },
    });
    try {
      const ctx = { origin: 'test', emit: () => {} };
      const path = join(dir, 'mix.wav');
      writeFileSync(path, 'x');
      expect(await dispatch(core.handlers, 'file.reveal', { path }, ctx)).toEqual({ ok: true, result: { supported: true, revealed: true } });
      expect(revealed).toEqual([path]);
      expect(await dispatch(core.handlers, 'dialog.saveFile', { defaultName: 'a.koe', extensions: ['koe'], label: 'Koe project' }, ctx)).toEqual({ ok: true, result: { supported: true, path: null } });
      expect(asked).toEqual(['Koe project']);
    } finally {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
