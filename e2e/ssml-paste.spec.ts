// Pasting SSML into the studio's editor: a <speak> document becomes script text through the core's
// SSML importer, with what a script cannot carry listed by line and Undo back to the raw paste;
// malformed SSML goes in as plain text with a notice naming its line and column.
import type { Page } from '@playwright/test';
import { test, expect, typeScript } from './harness';

// A paste as the browser makes it, into the editor.
const PASTE = `((text) => {
  const el = document.querySelector('[data-testid="script-editor"]');
  const dt = new DataTransfer();
  dt.setData('text/plain', text);
  el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
})`;

const editorText = (page: Page) => page.evaluate(() => (globalThis as unknown as { __koeEditor: { text(): string } }).__koeEditor.text());

/** The first-launch project open in the editor, so its script cannot arrive after the test's own text. */
async function freshScript(page: Page, text: string): Promise<void> {
  await expect(page.getByTestId('project-name')).toHaveValue('My first script');
  await expect.poll(() => editorText(page)).not.toBe('');
  await typeScript(page, text);
  await page.keyboard.press('Control+a');
}

const SSML = `<?xml version="1.0"?>
<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="en-US">
  <voice name="Ana"><p>Welcome to <sub alias="Koe Studio">KS</sub>.<break time="600ms"/> <emphasis>Really</emphasis>.</p></voice>
  <voice name="Ben"><p><prosody rate="slow" pitch="+2st">Slowly now.</prosody></p>
  <audio src="chime.wav">a chime</audio></voice>
</speak>`;

test('SSML pasted into the editor becomes script text, reports what it lost, and can be undone', async ({ studio }, testInfo) => {
  const { page } = studio;
  await freshScript(page, 'Narrator: This goes.');
  await page.evaluate(`${PASTE}(${JSON.stringify(SSML)})`);

  const notice = page.getByTestId('ssml-paste-notice');
  await expect(notice).toHaveAttribute('data-kind', 'converted');
  await expect.poll(() => editorText(page)).toBe('Ana: Welcome to Koe Studio. [pause 600ms] *Really*.\n\nBen: [rate 0.8]Slowly now.[/rate]\n\nBen: a chime');
  await expect(notice).toContainText('Pasted SSML as a script: 3 lines.');
  const notices = page.getByTestId('ssml-paste-notices').locator('li');
  await expect(notices).toHaveText([/<prosody pitch="\+2st"> on line 4 has no equivalent/, /<audio> \(first on line 5\) is not supported/]);
  // The speakers it named are the script's speakers now.
  await expect(page.getByTestId('save-status')).toHaveText(/Saved · rev [1-9]/);
  await page.screenshot({ path: testInfo.outputPath('ssml-paste-converted.png') });

  // Undo puts the SSML back exactly as pasted; Ctrl+Z then returns to the converted script.
  await page.getByTestId('ssml-paste-undo').click();
  await expect.poll(() => editorText(page)).toBe(SSML);
  await expect(notice).toContainText('The SSML was put back as pasted.');
  await page.keyboard.press('Control+z');
  await expect.poll(() => editorText(page)).toContain('Ana: Welcome to Koe Studio.');
  await page.getByTestId('ssml-paste-dismiss').click();
  await expect(notice).toHaveCount(0);
});

test('malformed SSML is pasted as plain text with a notice naming line and column', async ({ studio }, testInfo) => {
  const { page } = studio;
  await freshScript(page, 'Narrator: This goes too.');
  const broken = '<speak>\n<p>An open paragraph\n<s>and a sentence</s>\n</speak>';
  await page.evaluate(`${PASTE}(${JSON.stringify(broken)})`);
  const notice = page.getByTestId('ssml-paste-notice');
  await expect(notice).toHaveAttribute('data-kind', 'plain');
  await expect(notice).toContainText(/Pasted as plain text\. This text is not well-formed SSML \(line 4, column \d+: .+\)\./);
  await expect.poll(() => editorText(page)).toBe(broken);
  await page.screenshot({ path: testInfo.outputPath('ssml-paste-malformed.png') });

  // Ordinary text is an ordinary paste: no notice.
  await page.getByTestId('ssml-paste-dismiss').click();
  await page.getByTestId('script-editor').click();
  await page.keyboard.press('Control+a');
  await page.evaluate(`${PASTE}(${JSON.stringify('Narrator: Just <b>text</b>.')})`);
  await expect.poll(() => editorText(page)).toBe('Narrator: Just <b>text</b>.');
  await expect(notice).toHaveCount(0);
});
