// Projects as files in the studio, in Chromium against the server face: File → Save as .koe
// downloads the project with its takes; File → Open uploads it back as a new project that keeps
// them, and saving that again gives the same bytes; recent files lead back to the project; Import
// manuscript makes a project of an EPUB and reports its chapters and what it left out. Each bad
// file (a .koe from a newer version, an EPUB with DRM, a PDF named .docx) is a clear error that
// adds no project.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type Studio } from './harness';
import { connectRpc, type RpcClient } from './rpc-client';
import { makeEpub } from '../test-support/manuscript/books';
import { KOE_FORMAT_VERSION } from '../src-main/timeline/koe-file';

const work = mkdtempSync(join(tmpdir(), 'koe-e2e-files-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

async function api(studio: Studio): Promise<RpcClient> {
  return connectRpc(studio.baseUrl!, studio.token!);
}

async function ready(page: Page): Promise<void> {
  await expect(page.getByTestId('file-menu')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
}

async function menu(page: Page, item: 'file-open' | 'file-save' | 'file-import'): Promise<void> {
  await page.getByTestId('file-menu').click();
  await page.getByTestId(item).click();
}

async function saveKoe(page: Page, name: string): Promise<Buffer> {
  const download = page.waitForEvent('download');
  await menu(page, 'file-save');
  const d = await download;
  const path = join(work, name);
  await d.saveAs(path);
  await expect(page.getByTestId('notice')).toContainText("in your browser's downloads folder");
  return readFileSync(path);
}

async function pick(page: Page, item: 'file-open' | 'file-import', path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await menu(page, item);
  await (await chooser).setFiles(path);
}

test('Save as .koe, Open it again with its takes, save again byte for byte; recent files', async ({ studio }) => {
  if (studio.face !== 'server') test.skip(true, 'browser download and upload');
  const { page } = studio;
  await ready(page);
  const rpc = await api(studio);
  try {
    const [first] = await rpc.call('projects.list', {});
    // Two of the sample script's lines get a take, so the file carries audio.
    const view = await rpc.call('timeline.get', { projectId: first.id });
    const lineIds = view.clips.slice(0, 2).map((c: { lineId: number }) => c.lineId);
    await rpc.call('timeline.render', { projectId: first.id, lineIds });
    await expect.poll(async () => (await rpc.call('timeline.get', { projectId: first.id })).clips.filter((c: { status: string }) => c.status === 'ready').length, { timeout: 60_000 }).toBe(2);

    const saved = await saveKoe(page, 'first.koe');
    expect(saved.subarray(0, 8).toString('latin1')).toBe('KOEPROJ\0');

    await pick(page, 'file-open', join(work, 'first.koe'));
    await expect(page.getByTestId('notice')).toContainText(`Opened first.koe as “${first.name}”`);
    const projects = await rpc.call('projects.list', {});
    expect(projects).toHaveLength(2);
    const opened = projects.find((p: { id: string }) => p.id !== first.id);
    // The studio now shows the opened project, and its lines kept their takes.
    await expect(page.locator('.project-open[aria-current="true"]')).toContainText(first.name);
    await expect(page.getByTestId('project-list').locator('li')).toHaveCount(2);
    const openedView = await rpc.call('timeline.get', { projectId: opened.id });
    expect(openedView.clips.filter((c: { status: string }) => c.status === 'ready')).toHaveLength(2);

    const again = await saveKoe(page, 'again.koe');
    // Saved from the opened project (the recent entry names the project it was saved from), not the first.
    expect((await rpc.call('recentFiles.list', {}))[0]).toMatchObject({ kind: 'koe', path: null, projectId: opened.id });
    expect(createHash('sha256').update(again).digest('hex')).toBe(createHash('sha256').update(saved).digest('hex'));

    await page.getByTestId('file-menu').click();
    await expect(page.getByTestId('recent-files')).toContainText(`${first.name}.koe`);
    await expect(page.getByTestId('recent-files')).toContainText('first.koe');
    await shot(page, 'file-menu-recent');
    // The entry for the opened file leads back to its project.
    await page.keyboard.press('Escape');
    await page.getByTestId('project-list').getByText(first.name).first().click();
    await page.getByTestId('file-menu').click();
    await page.getByTestId('recent-files').getByText('first.koe').click();
    await expect.poll(async () => (await rpc.call('projects.list', {})).length).toBe(2);
    await expect(page.locator('.project-open[aria-current="true"]')).toHaveCount(1);
  } finally {
    rpc.close();
  }
});

test('Import manuscript makes a project of an EPUB and reports its chapters and what was left out', async ({ studio }) => {
  if (studio.face !== 'server') test.skip(true, 'browser upload');
  const { page } = studio;
  await ready(page);
  const book = join(work, 'storm.epub');
  writeFileSync(
    book,
    await makeEpub({
      title: 'The Storm',
      chapters: [
        { file: 'c1.xhtml', title: 'Chapter 1: Clouds', body: '<h1>Chapter 1: Clouds</h1><p>“Look at the sky,” said Ana.</p><p>The clouds were low<a epub:type="noteref" href="#n1">1</a>.</p><aside epub:type="footnote" id="n1"><p>Very low.</p></aside><img src="sky.jpg"/>' },
        { file: 'c2.xhtml', title: 'Chapter 2: Rain', body: '<p>Then it rained.</p><table><tr><td>mm</td><td>40</td></tr></table>' },
        { file: 'c3.xhtml', title: 'Chapter 3: After', body: '<p>Note: the garden survived.</p>' },
      ],
    }),
  );
  await pick(page, 'file-import', book);
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  await expect(report).toContainText('Imported “The Storm”');
  await expect(page.getByTestId('import-chapters').locator('li')).toHaveText([/Chapter 1: Clouds\s*2 lines/, /Chapter 2: Rain\s*1 line/, /Chapter 3: After\s*1 line/]);
  await expect(page.getByTestId('import-notices')).toContainText('Left out, because a script cannot speak them: 1 image (in Chapter 1: Clouds); 1 table (in Chapter 2: Rain); 1 footnote (in Chapter 1: Clouds).');
  await shot(page, 'import-report');
  await page.getByTestId('import-report-ok').click();
  await expect(report).toBeHidden();
  await expect(page.getByTestId('project-name')).toHaveValue('The Storm');
  await shot(page, 'imported-script');
  const rpc = await api(studio);
  try {
    const storm = (await rpc.call('projects.list', {})).find((p: { name: string }) => p.name === 'The Storm');
    const project = await rpc.call('projects.get', { id: storm.id });
    expect(project.script).toBe('## Chapter 1: Clouds\n\n“Look at the sky,” said Ana.\n\nThe clouds were low.\n\n## Chapter 2: Rain\n\nThen it rained.\n\n## Chapter 3: After\n\nNote: the garden survived.\n');
  } finally {
    rpc.close();
  }
  await page.getByTestId('file-menu').click();
  await expect(page.getByTestId('recent-files')).toContainText('storm.epub (manuscript)');
});

test('a .koe from a newer version, an EPUB with DRM and a PDF named .docx are refused and add nothing', async ({ studio }) => {
  if (studio.face !== 'server') test.skip(true, 'browser upload');
  const { page } = studio;
  await ready(page);
  const rpc = await api(studio);
  try {
    const [first] = await rpc.call('projects.list', {});
    // The server writes files by path only into its own downloads folder.
    const koe = join(studio.dataDir, 'downloads', 'future.koe');
    await rpc.call('project.exportKoe', { projectId: first.id, destination: { kind: 'file', path: koe } });
    // The same file as a future format version would write it, its checksum made right again.
    const bytes = readFileSync(koe);
    bytes.writeUInt32LE(99, 8);
    const body = bytes.subarray(0, bytes.length - 32);
    writeFileSync(koe, Buffer.concat([body, createHash('sha256').update(body).digest()]));
    const drm = join(work, 'locked.epub');
    writeFileSync(drm, await makeEpub({ chapters: [{ file: 'a.xhtml', title: 'A', body: '<p>x</p>' }], extra: { 'META-INF/rights.xml': '<rights/>' } }));
    const pdf = join(work, 'novel.docx');
    writeFileSync(pdf, '%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

    const errors = page.getByTestId('error-banner');
    await pick(page, 'file-open', koe);
    await expect(errors).toContainText(`This project was saved by a newer version of Koe Studio (file format 99; this version reads up to ${KOE_FORMAT_VERSION}). Update Koe Studio to open it. Nothing was imported.`);
    await pick(page, 'file-import', drm);
    await expect(errors).toContainText('locked.epub is protected by DRM (copy protection), so its text cannot be read. Import a DRM-free copy of the book. Nothing was imported.');
    await pick(page, 'file-import', pdf);
    await expect(errors).toContainText('novel.docx is named like a Word document (DOCX) but is really a PDF.');
    await shot(page, 'import-errors');
    expect(await rpc.call('projects.list', {})).toHaveLength(1);
    await expect(page.getByTestId('project-list').locator('li')).toHaveCount(1);
  } finally {
    rpc.close();
  }
});
