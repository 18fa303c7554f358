// Undo in the editor brings a deleted line back on the timeline as it was: rendered, moved and
// turned down, with nothing rendered again (the line trash, migration 011), and with its timeline
// undo steps (migration 015), so the next undo takes back the line's gain change.
import { test, expect, typeScript, setEditorCaret, expectEditorText, editorText } from './harness';

const SCRIPT = 'Anna: The harbour was quiet this morning.\nBen: Did the boats come in at all?\nAnna: Only the small ones did.';

test('deleting a rendered, edited line and pressing Ctrl+Z restores its take and clip', async ({ studio }) => {
  const { page } = studio;
  await typeScript(page, SCRIPT);
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByTestId('nav-timeline').click();
  await page.getByTestId('render-all').click();
  await expect(page.locator('.tl-clip[data-state="ready"]')).toHaveCount(3, { timeout: 60_000 });
  const ben = page.getByTestId('lane-Ben').locator('.tl-clip').first();
  await ben.click();
  await page.getByTestId('clip-gain').fill('-7');
  await page.getByTestId('clip-gain').press('Enter');
  await expect(ben.locator('.tl-clip-gain')).toHaveText('-7 dB');

  // Delete Ben's line in the editor, as a user would: select it and press Backspace.
  await page.getByTestId('nav-script').click();
  const text = (await editorText(page))!;
  const from = text.indexOf('Ben:');
  await setEditorCaret(page, from);
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Backspace');
  await expectEditorText(page, SCRIPT.replace('Ben: Did the boats come in at all?\n', ''));
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByTestId('nav-timeline').click();
  await expect(page.getByTestId('lane-Ben').locator('.tl-clip')).toHaveCount(0);

  // Undo in the editor: the line, its take and its gain are back, ready, without a render.
  await page.getByTestId('nav-script').click();
  await page.getByTestId('script-editor').focus();
  await page.keyboard.press('Control+z');
  await expectEditorText(page, SCRIPT);
  await expect(page.getByTestId('save-status')).toHaveText(/Saved/);
  await page.getByTestId('nav-timeline').click();
  await expect(ben).toHaveAttribute('data-state', 'ready');
  await expect(ben.locator('.tl-clip-gain')).toHaveText('-7 dB');
  await expect(page.getByTestId('render-all')).toHaveText('Render all');
  await page.getByTestId('timeline').screenshot({ path: test.info().outputPath('line-trash-restored.png') });

  // The line's own timeline step came back with it: the next Ctrl+Z in the editor takes the gain
  // back (the step before the deletion), not something older, and redo puts it back.
  await expect(page.getByTestId('tl-undo')).toHaveAttribute('title', 'Undo Clip gain (Ctrl+Z)');
  await page.getByTestId('nav-script').click();
  await page.getByTestId('script-editor').focus();
  await page.keyboard.press('Control+z');
  await page.getByTestId('nav-timeline').click();
  await expect(ben.locator('.tl-clip-gain')).toHaveCount(0);
  await expectEditorText(page, SCRIPT);
  await page.getByTestId('tl-redo').click();
  await expect(ben.locator('.tl-clip-gain')).toHaveText('-7 dB');
});
