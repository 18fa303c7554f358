// The script editor and the book-scale tools through the real UI: CodeMirror colours what the
// parser reads (tags, directions, pauses, comments, chapters); find and replace, go to line and
// undo work from the keyboard; the chapter outline jumps in the script and on the timeline; speaker
// rules (case, Note:, "not a speaker", persisted across a reload); a 20 MB paste is refused whole;
// and the timeline fits, shows its overview and jumps by chapter and marker.
import type { Page } from '@playwright/test';
import { test, expect, editorText, expectEditorText, typeScript } from './harness';

const BOOK = [
  '# A short book',
  '## The Storm',
  'Ana: Did you hear that? [pause 600ms] Thunder.',
  'Ben: (whispering) It is only the wind.',
  '',
  'Note: the lights went out at 10:30.',
  '',
  '## The Morning',
  'ANA: It stopped.',
  'Ben: Told you.',
  '',
  '## The Road',
  'They walked to town in silence.',
].join('\n');

const saved = (page: Page) => expect(page.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);

test('the editor colours the script, finds and replaces, goes to a line, and undoes', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, BOOK);
  const editor = page.getByTestId('script-editor');

  // Colours come from the parser: tags (one speaker however it is spelt), directions, pauses, chapters.
  await expect(editor.locator('.cm-koe-tag')).toHaveCount(4);
  await expect(editor.locator('.cm-koe-tag').first()).toHaveText('Ana:');
  await expect(editor.locator('.cm-koe-direction')).toHaveText('(whispering)');
  await expect(editor.locator('.cm-koe-pause')).toHaveText('[pause 600ms]');
  await expect(editor.locator('.cm-koe-comment')).toHaveText('# A short book');
  await expect(editor.locator('.cm-koe-chapter-text')).toHaveText(['## The Storm', '## The Morning', '## The Road']);
  // "Note:" is prose: no tag colour, and no speaker called Note.
  await expect(page.getByTestId('speaker-row-Note')).toHaveCount(0);
  await expect(page.getByTestId('speaker-row-Ana')).toContainText('3 lines'); // the pause splits one
  await expect(page.getByTestId('speaker-row-ANA')).toHaveCount(0);

  // The outline lists the chapters; a click puts the caret on the heading.
  const outline = page.getByTestId('chapter-outline');
  await expect(outline.locator('.chapter-name')).toHaveText(['The Storm', 'The Morning', 'The Road']);
  await page.getByTestId('chapter-1').click();
  await expect(editor.locator('.cm-activeLine')).toHaveText('## The Morning');
  await page.screenshot({ path: 'test-results/editor-book.png' });

  // The editor lives in the page (no shadow root), with CodeMirror's styles and the studio's theme
  // applied under the CSP, which refuses <style> elements.
  expect(await page.evaluate("document.querySelector('.editor-host').shadowRoot === null")).toBe(true);
  expect(await page.evaluate("getComputedStyle(document.querySelector('.cm-editor')).display")).toBe('flex');
  await expect(editor.locator('.cm-koe-tag').first()).toHaveCSS('font-weight', '600');

  // A selection seeds the find panel's query and stays marked while the panel holds the focus.
  await page.evaluate((at) => (globalThis as unknown as { __koeEditor: { setCaret(n: number): void } }).__koeEditor.setCaret(at), BOOK.indexOf('wind'));
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(editor.locator('.cm-koe-blurred-selection')).toHaveCount(0);
  // Find and replace (Ctrl+F), every match at once.
  await page.keyboard.press('ControlOrMeta+f');
  const find = page.locator('.cm-search input[name="search"]');
  await expect(find).toBeVisible();
  await expect(find).toHaveValue('wind');
  await expect(editor.locator('.cm-koe-blurred-selection')).toHaveText('wind');
  await find.fill('wind');
  await page.locator('.cm-search input[name="replace"]').fill('storm');
  await page.locator('.cm-search button[name="replaceAll"]').click();
  await expectEditorText(page, BOOK.replace('wind', 'storm'));
  await page.screenshot({ path: 'test-results/editor-find.png' });
  await page.keyboard.press('Escape');
  await expect(find).toHaveCount(0);

  // Undo (Ctrl+Z in the editor) takes the replacement back.
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expectEditorText(page, BOOK);

  // Go to line (Ctrl+L).
  await page.keyboard.press('ControlOrMeta+l');
  const goto = page.getByRole('textbox', { name: /Go to line/ });
  await expect(goto).toBeVisible();
  await goto.fill('9');
  await goto.press('Enter');
  await expect(editor.locator('.cm-activeLine')).toHaveText('ANA: It stopped.');
  await saved(page);
});

test('speaker rules: one speaker in any case, and a name marked "not a speaker" stays text after a reload', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, 'Narrator: It began.\nNARRATOR: It went on.\nMemo: buy milk.\nAna: Hello.');
  await expect(page.getByTestId('speaker-row-Narrator')).toContainText('2 lines');
  await expect(page.getByTestId('speaker-row-NARRATOR')).toHaveCount(0);
  await expect(page.getByTestId('speaker-row-Memo')).toBeVisible();

  await page.getByTestId('not-speaker-Memo').click();
  await expect(page.getByTestId('speaker-row-Memo')).toHaveCount(0);
  await expect(page.getByTestId('not-speakers')).toContainText('Memo');
  await saved(page);
  await page.screenshot({ path: 'test-results/editor-not-speaker.png' });

  await page.reload();
  await expectEditorText(page, 'Narrator: It began.\nNARRATOR: It went on.\nMemo: buy milk.\nAna: Hello.');
  await expect(page.getByTestId('speaker-row-Ana')).toBeVisible();
  await expect(page.getByTestId('speaker-row-Memo')).toHaveCount(0);
  // Memo's line now continues the Narrator's.
  await expect(page.getByTestId('line-row-1')).toContainText('It went on. Memo: buy milk.');

  await page.getByTestId('restore-speaker-Memo').click();
  await expect(page.getByTestId('speaker-row-Memo')).toBeVisible();
});

test('a 20 MB paste is refused with a message and changes nothing', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, 'Ana: Keep this.');
  const before = await editorText(page);
  const editor = page.getByTestId('script-editor');
  await editor.click();
  // Page code: a synthetic paste carrying 21 MB of text (this file has no DOM types).
  await editor.evaluate((el, text) => {
    const w = globalThis as unknown as { DataTransfer: new () => { setData(t: string, v: string): void }; ClipboardEvent: new (t: string, i: object) => Event };
    const dt = new w.DataTransfer();
    dt.setData('text/plain', text);
    el.dispatchEvent(new w.ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, 'Ben: too much. '.repeat(1_400_000));
  await expect(page.getByTestId('error-banner')).toContainText('Nothing was pasted');
  await expect(page.getByTestId('error-banner')).toContainText('2,000,000');
  expect(await editorText(page)).toBe(before);
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
});

test('the timeline fits the program, shows the overview, and jumps by chapter and marker', async ({ studio }) => {
  const { page } = studio;
  const long = [BOOK, ...Array.from({ length: 60 }, (_, i) => `${i % 2 ? 'Ben' : 'Ana'}: Line number ${i + 1} of the long ending, spoken slowly.`)].join('\n');
  await typeScript(page, long);
  await page.getByTestId('chapter-timeline-2').click();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await expect(page.getByTestId('tl-overview')).toBeVisible();
  // The outline's arrow opened the timeline at "The Road".
  await expect(page.getByTestId('tl-chapter-jump')).toHaveValue('2');
  const roadSec = Number(await page.getByTestId('tl-playhead').getAttribute('data-sec'));
  expect(roadSec).toBeGreaterThan(5);

  // Fit: the overview's window spans (almost) the whole strip, and the last clip is in view.
  const before = await page.getByTestId('zoom-value').textContent();
  await page.getByTestId('zoom-fit').click();
  await expect(page.getByTestId('zoom-value')).not.toHaveText(before ?? '');
  const strip = (await page.getByTestId('tl-overview').boundingBox())!;
  await expect.poll(async () => (await page.getByTestId('tl-overview-window').boundingBox())!.width).toBeGreaterThan(strip.width * 0.9);
  const scroller = (await page.getByTestId('tl-scroller').boundingBox())!;
  const last = (await page.locator('.tl-clip').last().boundingBox())!;
  expect(last.x + last.width).toBeLessThanOrEqual(scroller.x + scroller.width);
  await page.screenshot({ path: 'test-results/timeline-fit.png' });

  // Chapter jump from the toolbar.
  await page.getByTestId('tl-chapter-jump').selectOption('1');
  await expect.poll(async () => Number(await page.getByTestId('tl-playhead').getAttribute('data-sec'))).toBeLessThan(roadSec);
  const morningSec = Number(await page.getByTestId('tl-playhead').getAttribute('data-sec'));
  expect(morningSec).toBeGreaterThan(0);

  // Markers: add one at the playhead, go to the start, then Next marker returns to it.
  await page.getByTestId('tl-add-marker').click();
  await expect(page.getByTestId('tl-markers').locator('.tl-marker-flag')).toHaveCount(1);
  await page.getByTestId('tl-chapter-jump').selectOption('0');
  await expect(page.getByTestId('tl-next-marker')).toBeEnabled();
  await page.getByTestId('tl-next-marker').click();
  await expect.poll(async () => Number(await page.getByTestId('tl-playhead').getAttribute('data-sec'))).toBeCloseTo(morningSec, 1);

  // Zoomed in, a press on the overview moves the lanes there.
  for (let i = 0; i < 8; i++) await page.getByTestId('zoom-in').click();
  const scrollBefore = await page.getByTestId('tl-scroller').evaluate((el) => el.scrollLeft);
  await page.getByTestId('tl-overview').click({ position: { x: strip.width * 0.9, y: 10 } });
  await expect.poll(() => page.getByTestId('tl-scroller').evaluate((el) => el.scrollLeft)).toBeGreaterThan(scrollBefore + 100);
  await page.screenshot({ path: 'test-results/timeline-overview.png' });
});

test('a long script saves keys typed in its middle as small edits, and reloads exactly', async ({ studio }) => {
  const { page } = studio;
  const long = Array.from({ length: 1_500 }, (_, i) => `${i % 2 ? 'Ana' : 'Ben'}: Line ${i + 1}, long enough to make a script of some size.`).join('\n');
  expect(long.length).toBeGreaterThan(60_000);
  await typeScript(page, long);
  // Watch the socket (opened again by a reload): once saved, typing sends edits, not the whole script.
  const saves: number[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8');
      if (text.includes('projects.save')) saves.push(text.length);
    }),
  );
  await page.reload();
  await expectEditorText(page, long);
  // The panels say they are reading while the worker parses the just-opened script, then fill in.
  await expect(page.locator('#lines-heading .count')).toHaveText('1500');
  await expect(page.getByTestId('speaker-row-Ana')).toBeVisible();
  await expect(page.getByText('Reading the script…')).toHaveCount(0);
  const at = long.indexOf('Line 700,');
  await page.evaluate((n) => (globalThis as unknown as { __koeEditor: { setCaret(n: number): void } }).__koeEditor.setCaret(n), at);
  const before = await page.getByTestId('save-status').textContent();
  await page.keyboard.type('(softly) ');
  await expect.poll(() => editorText(page)).toContain('(softly) Line 700,');
  // The store follows a long script after a pause in typing; then the save goes out and lands.
  await expect.poll(() => saves.length).toBeGreaterThan(0);
  await expect(page.getByTestId('save-status')).not.toHaveText(before ?? '');
  await saved(page);
  const want = long.slice(0, at) + '(softly) ' + long.slice(at);
  await page.reload();
  await expectEditorText(page, want);
  // A save of the whole text would be over 60,000 bytes in one frame.
  expect(Math.max(...saves)).toBeLessThan(5_000);
  // The panels follow a long script once typing pauses: a new speaker shows up in them.
  await page.evaluate((n) => (globalThis as unknown as { __koeEditor: { setCaret(n: number): void } }).__koeEditor.setCaret(n), want.length);
  await page.keyboard.type('\nZed: A new voice.');
  await expect(page.getByTestId('speaker-row-Zed')).toBeVisible();
  await expect(page.locator('#lines-heading .count')).toHaveText('1501');
});
