import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { parseScript } from '../script/parse';
import { makeDocx, makeEpub } from '../../test-support/manuscript/books';
import { importManuscript } from './import';
import { unbracket } from './to-script';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The script's chapter lines, as the importer writes them. */
const chapterLines = (script: string) => script.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));

describe('EPUB', () => {
  const chapters = [
    { file: 'ch1.xhtml', title: 'Chapter 1: The Door', body: '<h1>Chapter 1: The Door</h1><p>“Who is there?” asked Ana.</p><p>Note: the door was locked<a epub:type="noteref" href="#n1">1</a>.</p><aside epub:type="footnote" id="n1"><p>It always was.</p></aside><figure><img src="door.png" alt="a door"/><figcaption>The door</figcaption></figure>' },
    { file: 'ch2.xhtml', title: 'Chapter 2', body: '<h2>Chapter 2</h2><p>She waited (for an hour) and left.</p><hr/><p>Morning came.</p><table><tr><td>x</td></tr></table>' },
  ];

  it('takes chapters from the EPUB 3 table of contents and keeps dialogue with the narrator', async () => {
    const r = await importManuscript(await makeEpub({ title: 'The Storm', chapters, front: [{ file: 'cover.xhtml', title: 'Cover', body: '<img src="cover.jpg"/>' }] }), 'storm.epub');
    expect(r.format).toBe('epub');
    expect(r.title).toBe('The Storm');
    expect(r.chapters).toEqual([
      { title: 'Chapter 1: The Door', lines: 2 },
      { title: 'Chapter 2', lines: 2 },
    ]);
    expect(chapterLines(r.script)).toEqual(['Chapter 1: The Door', 'Chapter 2']);
    const parsed = parseScript(r.script);
    expect(parsed.speakers).toEqual(['Narrator']);
    expect(parsed.lines.map((l) => l.text)).toEqual(['“Who is there?” asked Ana.', 'Note: the door was locked.', 'She waited — for an hour — and left.', 'Morning came.']);
    // "Note:" is not a speaker tag (the parser's speaker rules), so it is written as it is and is
    // still the Narrator's (above); a name that would be a tag gets "Narrator: " (see round-trips).
    expect(r.script).toContain('\n\nNote: the door was locked.\n');
    // The rule between scenes is a pause before the next line.
    expect(parsed.lines[3]!.pauseBeforeMs).toBe(1500);
    // The cover's image counts in the opening (front matter) part, named after the book.
    expect(Object.fromEntries(r.dropped.map((d) => [d.kind, [d.count, d.chapters]]))).toEqual({
      image: [2, ['The Storm', 'Chapter 1: The Door']],
      footnote: [1, ['Chapter 1: The Door']],
      table: [1, ['Chapter 2']],
    });
    expect(r.notices[0]).toBe('Left out, because a script cannot speak them: 2 images (in The Storm, Chapter 1: The Door); 1 table (in Chapter 2); 1 footnote (in Chapter 1: The Door).');
    expect(r.notices.join(' ')).toMatch(/1 bracketed aside was written with dashes/);
  });

  it('reads an EPUB 2 table of contents (NCX), fragments inside one file included', async () => {
    const one = { file: 'all.xhtml', title: 'Book', body: '<h1 id="a">One</h1><p>First text.</p><h1 id="b">Two</h1><p>Second text.</p>' };
    const bytes = await makeEpub({ chapters: [one], toc: 'ncx' });
    // Point the NCX at the two anchors in the one file.
    const zip = await JSZip.loadAsync(bytes);
    zip.file('OEBPS/toc.ncx', '<ncx><navMap><navPoint><navLabel><text>One</text></navLabel><content src="all.xhtml#a"/></navPoint><navPoint><navLabel><text>Two</text></navLabel><content src="all.xhtml#b"/></navPoint></navMap></ncx>');
    const r = await importManuscript(await zip.generateAsync({ type: 'uint8array' }), 'two.epub');
    expect(r.chapters).toEqual([{ title: 'One', lines: 1 }, { title: 'Two', lines: 1 }]);
  });

  it('makes each file a chapter when there is no table of contents, and says so', async () => {
    const r = await importManuscript(await makeEpub({ chapters, toc: 'none' }), 'bare.epub');
    expect(r.chapters.map((c) => c.title)).toEqual(['Chapter 1: The Door', 'Chapter 2']);
    expect(r.notices.join(' ')).toMatch(/no usable table of contents/);
  });

  it('refuses an EPUB with DRM, but not one whose fonts are only obfuscated', async () => {
    const drm = `<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/ch1.xhtml"/></enc:CipherData></enc:EncryptedData></encryption>`;
    await expect(importManuscript(await makeEpub({ chapters, extra: { 'META-INF/encryption.xml': drm } }), 'locked.epub')).rejects.toThrow(/locked\.epub is protected by DRM .*DRM-free copy.*Nothing was imported/);
    const fonts = drm.replace('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'http://www.idpf.org/2008/embedding');
    const r = await importManuscript(await makeEpub({ chapters, extra: { 'META-INF/encryption.xml': fonts } }), 'fonts.epub');
    expect(r.chapters).toHaveLength(2);
    await expect(importManuscript(await makeEpub({ chapters, extra: { 'META-INF/rights.xml': '<rights/>' } }), 'adobe.epub')).rejects.toThrow(/protected by DRM/);
  });

  it('refuses a chapter file far larger than any book (a zip bomb) before inflating it', async () => {
    const zip = await JSZip.loadAsync(await makeEpub({ chapters }));
    zip.file('OEBPS/ch2.xhtml', `<html><body><p>${' '.repeat(33 * 1024 * 1024)}</p></body></html>`);
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(importManuscript(bomb, 'bomb.epub')).rejects.toThrow(/^bomb\.epub holds a file \(OEBPS\/ch2\.xhtml\) of 33 MB, far more than any book's chapter; it was not read\. Nothing was imported\.$/);
    // Building the 33 MB entry is what takes time here, not the refusal.
  }, 30_000);

  it('refuses a broken zip and a zip that is no book, by name', async () => {
    const good = await makeEpub({ chapters });
    await expect(importManuscript(good.subarray(0, Math.floor(good.length / 2)), 'cut.epub')).rejects.toThrow(/^cut\.epub is damaged: it is not a readable EPUB \(its zip archive is broken: .+\)\. Nothing was imported\.$/);
    const other = new JSZip();
    other.file('hello.txt', 'hi');
    await expect(importManuscript(await other.generateAsync({ type: 'uint8array' }), 'stuff.epub')).rejects.toThrow(/neither an EPUB nor a Word document/);
  });
});

describe('DOCX', () => {
  it('makes chapters from headings, takes the Title as the book title, and lists what it dropped', async () => {
    const bytes = await makeDocx([
      { title: 'Night Train' },
      { heading: 1, text: 'Departure' },
      { text: '“Tickets, please,” said the guard.', footnote: 'A real guard.' },
      { heading: 2, text: 'The platform' },
      { text: 'Steam rose.' },
      { image: true },
      { heading: 1, text: 'Arrival' },
      { table: [['Stop', 'Time'], ['Lyon', '10:30']] },
      { text: 'They arrived at dawn.' },
    ]);
    const r = await importManuscript(bytes, 'night-train.docx');
    expect(r.format).toBe('docx');
    expect(r.title).toBe('Night Train');
    expect(r.chapters).toEqual([{ title: 'Departure', lines: 3 }, { title: 'Arrival', lines: 1 }]);
    // The level-2 heading is a section title inside the chapter, read as text.
    expect(parseScript(r.script).lines.map((l) => l.text)).toEqual(['“Tickets, please,” said the guard.', 'The platform', 'Steam rose.', 'They arrived at dawn.']);
    expect(r.script).not.toMatch(/real guard|Lyon|\[1\]/);
    expect(Object.fromEntries(r.dropped.map((d) => [d.kind, [d.count, d.chapters]]))).toEqual({ footnote: [1, ['Departure']], image: [1, ['Departure']], table: [1, ['Arrival']] });
  });

  it('says a DOCX that is really a PDF is a PDF', async () => {
    const pdf = utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    await expect(importManuscript(pdf, 'novel.docx')).rejects.toThrow("novel.docx is named like a Word document (DOCX) but is really a PDF. Export its text from your PDF reader, or import the book's original DOCX or EPUB. Nothing was imported.");
  });

  it('says an EPUB-named Word file is a Word file', async () => {
    await expect(importManuscript(await makeDocx([{ text: 'Hi.' }]), 'x.epub')).rejects.toThrow(/named like an EPUB but is really a Word document; rename it to \.docx/);
  });
});

describe('Markdown', () => {
  it('makes chapters of the repeated heading level; a lone top heading is the title', async () => {
    const md = '# The Storm\n\nA foreword.\n\n## One\n\n"Run!" she said.\n\n![map](map.png)\n\n### A section\n\nText[^1] here.\n\n[^1]: A note.\n\n## Two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\nThe end.\n';
    const r = await importManuscript(utf8(md), 'storm.md');
    expect(r.title).toBe('The Storm');
    expect(r.chapters).toEqual([{ title: 'The Storm', lines: 1 }, { title: 'One', lines: 3 }, { title: 'Two', lines: 1 }]);
    expect(parseScript(r.script).lines.map((l) => l.text)).toEqual(['A foreword.', '"Run!" she said.', 'A section', 'Text here.', 'The end.']);
    expect(Object.fromEntries(r.dropped.map((d) => [d.kind, d.count]))).toEqual({ image: 1, footnote: 1, table: 1, code: 1 });
  });

  it('imports Markdown with no headings as one chapter, with a notice', async () => {
    const r = await importManuscript(utf8('Just a paragraph.\n\nAnd another *one*.\n'), 'notes.md');
    expect(r.chapters).toEqual([{ title: 'notes', lines: 2 }]);
    expect(r.notices).toEqual(['No headings found: the whole text is one chapter, "notes".']);
    expect(r.script).toBe('## notes\n\nJust a paragraph.\n\nAnd another one.\n');
  });

  it('takes the title from YAML front matter', async () => {
    const r = await importManuscript(utf8('---\ntitle: "Front Title"\nauthor: x\n---\n# A\n\nx\n\n# B\n\ny\n'), 'f.md');
    expect(r.title).toBe('Front Title');
    expect(r.chapters.map((c) => c.title)).toEqual(['A', 'B']);
  });
});

describe('plain text', () => {
  it('splits at blank lines and at chapter headings standing alone', async () => {
    const text = 'CHAPTER I.\n\nIt was a dark\nand stormy night.\n\nChapter Two: Morning\n\n# not a comment\n\n* * *\n\nLate.\n';
    const r = await importManuscript(utf8(text), 'story.txt');
    expect(r.format).toBe('text');
    expect(r.chapters).toEqual([{ title: 'CHAPTER I.', lines: 1 }, { title: 'Chapter Two: Morning', lines: 2 }]);
    const lines = parseScript(r.script).lines;
    expect(lines.map((l) => l.text)).toEqual(['It was a dark and stormy night.', '# not a comment', 'Late.']);
    expect(lines[2]!.pauseBeforeMs).toBe(1500);
  });

  it('reads Windows-1252 text and says so', async () => {
    const r = await importManuscript(Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x2e]), 'old.txt');
    expect(parseScript(r.script).lines[0]!.text).toBe('Café.');
    expect(r.notices.join(' ')).toMatch(/read as Windows-1252/);
  });

  it('refuses binary garbage, an empty file and a file with no words', async () => {
    const garbage = new Uint8Array(4096);
    let x = 12345;
    for (let i = 0; i < garbage.length; i++) garbage[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    await expect(importManuscript(garbage, 'book.txt')).rejects.toThrow(/^book\.txt is not a text file or a document Koe Studio can read \(it looks like binary data\)\. Koe Studio imports EPUB, DOCX, Markdown and plain text\. Nothing was imported\.$/);
    await expect(importManuscript(new Uint8Array(0), 'empty.md')).rejects.toThrow('empty.md is empty. Nothing was imported.');
    await expect(importManuscript(utf8('\n\n  \n'), 'blank.txt')).rejects.toThrow('blank.txt has no text to import. Nothing was imported.');
    await expect(importManuscript(utf8('KOEPROJ\0xxxx'), 'p.txt')).rejects.toThrow(/is a Koe Studio project\. Open it with File → Open project instead/);
  });
});

describe('script writing', () => {
  it('rewrites asides so the parser speaks every word', () => {
    expect(unbracket('He left (for good) that day.')).toEqual({ text: 'He left — for good — that day.', changed: 1 });
    expect(unbracket('That day (finally).')).toEqual({ text: 'That day — finally.', changed: 1 });
    expect(unbracket('A [sic] word and a lone ( paren')).toEqual({ text: 'A — sic — word and a lone — paren', changed: 2 });
  });

  it('round-trips every paragraph through the script parser', async () => {
    const tricky = ['Ana: said nothing.', '# hashtag', 'Time 10:30 now.', '(all of it aside)', 'Zoë: hi', 'Narrator: already tagged', '[pause 2s] is not a pause here'];
    const r = await importManuscript(utf8(tricky.join('\n\n')), 't.txt');
    const lines = parseScript(r.script).lines;
    expect(lines.every((l) => l.speaker === 'Narrator' && l.pauseBeforeMs === 0)).toBe(true);
    expect(lines.map((l) => l.text)).toEqual(['Ana: said nothing.', '# hashtag', 'Time 10:30 now.', 'all of it aside', 'Zoë: hi', 'Narrator: already tagged', 'pause 2s — is not a pause here']);
  });
});
