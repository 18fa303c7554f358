// Inline markup in the studio's editor: [word](/phonemes/), *emphasis* and [rate …] are coloured,
// markup left open is underlined with a message naming its column, and the line still plays.
import { test, expect, typeScript } from './harness';

test('inline markup is highlighted, problems are named, and the line still speaks', async ({ studio }, testInfo) => {
  const { page } = studio;
  await typeScript(page, 'Ana: Say [Koe](/kˈOA/) *clearly* and [rate 0.8]slowly[/rate].\nBen: This is *not closed.');
  const editor = page.getByTestId('script-editor');
  await expect(editor.locator('.cm-koe-phonemes')).toHaveText('](/kˈOA/)');
  await expect(editor.locator('.cm-koe-emphasis')).toHaveCount(2);
  await expect(editor.locator('.cm-koe-rate')).toHaveCount(2);
  const problem = editor.locator('.cm-koe-markup-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('title', /emphasis mark \* at column 14 is not closed/);
  await page.screenshot({ path: testInfo.outputPath('markup.png') });

  const before = await page.evaluate(() => (globalThis as unknown as { __koePlayback: { chunks: number } }).__koePlayback.chunks);
  await page.getByTestId('play-all').click();
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __koePlayback: { chunks: number } }).__koePlayback.chunks)).toBeGreaterThan(before);
});
