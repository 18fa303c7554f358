// ssml.toScript (the editor's paste) and the PLS calls through the dispatcher on a real Core:
// SSML becomes script text with its notices; malformed SSML is an answer naming line and column,
// not an error, so the editor can keep the paste; a dictionary goes out as a file or a download
// and comes back in with its counts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestCore } from '../../../test-support/core';

const t = useTestCore('koe-ssml-pls-calls');

describe('ssml.toScript', () => {
  it('converts SSML to script text and lists what it could not carry, by line', async () => {
    const r = await t.call('ssml.toScript', { ssml: '<speak>\n<voice name="Ana">Hello <break time="300ms"/>there.</voice>\n<audio src="chime.wav">a chime</audio>\n</speak>' });
    expect(r).toEqual({ ok: true, script: 'Ana: Hello [pause 300ms] there.\nNarrator: a chime\n', notices: ['<audio> (first on line 3) is not supported; its text was kept as ordinary words.'] });
  });

  it('answers malformed SSML with its line and column instead of failing', async () => {
    const r = await t.call('ssml.toScript', { ssml: '<speak>\n<p>Open paragraph\n</speak>' });
    expect(r).toMatchObject({ ok: false, line: 3, column: expect.any(Number) });
    expect(r.message).toMatch(/^This text is not well-formed SSML \(line 3, column \d+: .+\)\.$/);
    expect(await t.call('ssml.toScript', { ssml: '<speak> </speak>' })).toEqual({ ok: false, message: 'This text has no words to speak.', line: null, column: null });
    await expect(t.call('ssml.toScript', { ssml: '' })).rejects.toMatchObject({ code: 'invalid_args' });
  });
});

describe('pronunciations PLS', () => {
  const PLS = `<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en">
  <lexeme><grapheme>Koe</grapheme><phoneme>koʊeɪ</phoneme></lexeme>
  <lexeme><grapheme>W3C</grapheme><alias>World Wide Web Consortium</alias></lexeme>
  <lexeme><grapheme>Zed</grapheme><phoneme alphabet="x-sampa">zEd</phoneme></lexeme>
</lexicon>`;

  it('imports into a project dictionary and exports it as a file or a download', async () => {
    const project = await t.call('projects.create', { name: 'Lexicon' });
    const path = join(t.dir, 'names.pls');
    writeFileSync(path, PLS);
    const r = await t.call('pronunciations.importPls', { path, scope: 'project', projectId: project.id });
    expect(r).toMatchObject({ language: 'en', added: 2, replaced: 0, skipped: 1 });
    expect(r.problems[0]).toMatch(/^line 5: “Zed” uses the alphabet “x-sampa”/);

    const out = join(t.dir, 'out.pls');
    const file = await t.call('pronunciations.exportPls', { destination: { kind: 'file', path: out }, scope: 'project', projectId: project.id });
    expect(file).toEqual({ path: out, downloadUrl: null, fileName: 'out.pls', entries: 2 });
    expect(readFileSync(out, 'utf8')).toContain('<grapheme>W3C</grapheme>');

    const dl = await t.call('pronunciations.exportPls', { destination: { kind: 'download' }, scope: 'project', projectId: project.id });
    expect(dl).toMatchObject({ path: null, fileName: 'project-pronunciations-en.pls', entries: 2 });
    const item = t.core.downloads.take(String(dl.downloadUrl).replace('/download/', ''));
    expect(new TextDecoder().decode(item!.bytes)).toBe(readFileSync(out, 'utf8'));
    // The global dictionary did not get the project's words.
    expect((await t.call('pronunciations.exportPls', { destination: { kind: 'download' }, scope: 'global' })).entries).toBe(0);
    await expect(t.call('pronunciations.exportPls', { destination: { kind: 'download' }, scope: 'project' })).rejects.toMatchObject({ code: 'invalid_args' });
  });
});
