// PLS lexicons on the Pronunciations screen, in the browser face: a file picked in the browser is
// uploaded and imported into the global or the project's dictionary with its counts and skipped
// lexemes by line; a malformed file is refused naming line and column and changes nothing; the
// dictionary exports as a download that reads back.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './harness';

const PLS = `<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en">
  <lexeme><grapheme>Koe</grapheme><phoneme>koʊeɪ</phoneme></lexeme>
  <lexeme><grapheme>W3C</grapheme><alias>World Wide Web Consortium</alias></lexeme>
  <lexeme><grapheme>Zed</grapheme><phoneme alphabet="x-sampa">zEd</phoneme></lexeme>
</lexicon>
`;

test('import a PLS into the dictionaries, see what was skipped, refuse a broken file, export a download', async ({ studio }, testInfo) => {
  const { page } = studio;
  await page.getByTestId('nav-pronunciations').click();
  await expect(page.getByTestId('pron-empty')).toBeVisible();

  const good = join(studio.dataDir, 'names.pls');
  writeFileSync(good, PLS);
  await page.getByTestId('pls-file').setInputFiles(good);
  const report = page.getByTestId('pls-report');
  await expect(report).toHaveAttribute('data-kind', 'imported');
  await expect(report).toContainText('Imported names.pls into the global dictionary (en):');
  await expect(page.getByTestId('pls-counts')).toHaveText('2 added, 0 replaced, 1 skipped.');
  await expect(page.getByTestId('pls-problems').locator('li')).toHaveText([/^line 5: “Zed” uses the alphabet “x-sampa”; only IPA can be imported/]);
  await expect(page.getByTestId('pron-entry-Koe')).toBeVisible();
  await expect(page.getByTestId('pron-entry-W3C')).toContainText('World Wide Web Consortium');
  await page.screenshot({ path: testInfo.outputPath('pls-imported.png') });

  // Again, into the open project's dictionary: new there, so added again, not replaced.
  await page.getByTestId('pls-scope').selectOption('project');
  await page.getByTestId('pls-file').setInputFiles(good);
  await expect(report).toContainText("Imported names.pls into the project's dictionary (en):");
  await expect(page.getByTestId('pls-counts')).toHaveText('2 added, 0 replaced, 1 skipped.');

  // A malformed file: refused with its place, nothing changes.
  const bad = join(studio.dataDir, 'broken.pls');
  writeFileSync(bad, PLS.replace('</lexeme>\n  <lexeme><grapheme>W3C', '\n  <lexeme><grapheme>W3C'));
  await page.getByTestId('pls-scope').selectOption('global');
  await page.getByTestId('pls-file').setInputFiles(bad);
  await expect(report).toHaveAttribute('data-kind', 'failed');
  await expect(report).toContainText(/Could not import broken\.pls\. broken\.pls is not a well-formed PLS file \(line \d+, column \d+: .+\)\. Nothing was imported\./);
  await page.screenshot({ path: testInfo.outputPath('pls-malformed.png') });

  // Export the global dictionary as a download; it reads back with both entries.
  const download = page.waitForEvent('download');
  await page.getByTestId('pls-export').click();
  const file = join(studio.dataDir, 'exported.pls');
  await (await download).saveAs(file);
  await expect(report).toContainText("Exported 2 entries to pronunciations-en.pls in your browser's downloads.");
  const xml = readFileSync(file, 'utf8');
  expect(xml).toContain('<grapheme>Koe</grapheme>');
  expect(xml).toContain('<alias>World Wide Web Consortium</alias>');
});
