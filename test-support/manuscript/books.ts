// Small EPUB and DOCX files built in code for the import tests (unit and e2e), so no binary book
// sits in the repository: each is a zip written with the same library the importer reads with.
import JSZip from 'jszip';

export interface EpubChapter {
  file: string;
  title: string;
  body: string;
}

export interface EpubOptions {
  title?: string;
  chapters: EpubChapter[];
  /** EPUB 3 nav document (default) or EPUB 2 NCX. */
  toc?: 'nav' | 'ncx' | 'none';
  /** Extra entries (e.g. META-INF/encryption.xml). */
  extra?: Record<string, string>;
  /** Extra spine documents before the first chapter (a cover, a title page), not in the contents. */
  front?: EpubChapter[];
}

const xhtml = (title: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>${title}</title></head><body>${body}</body></html>`;

export async function makeEpub(o: EpubOptions): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/epub+zip', { compression: 'STORE' });
  zip.file('META-INF/container.xml', `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`);
  const docs = [...(o.front ?? []), ...o.chapters];
  const manifest = docs.map((c, i) => `<item id="d${i}" href="${c.file}" media-type="application/xhtml+xml"/>`);
  const toc = o.toc ?? 'nav';
  if (toc === 'nav') {
    manifest.push('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>');
    const items = o.chapters.map((c) => `<li><a href="${c.file}">${c.title}</a></li>`).join('');
    zip.file('OEBPS/nav.xhtml', xhtml('Contents', `<nav epub:type="toc"><h1>Contents</h1><ol>${items}</ol></nav>`));
  }
  if (toc === 'ncx') {
    manifest.push('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>');
    const points = o.chapters.map((c, i) => `<navPoint id="p${i}" playOrder="${i + 1}"><navLabel><text>${c.title}</text></navLabel><content src="${c.file}"/></navPoint>`).join('');
    zip.file('OEBPS/toc.ncx', `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>${points}</navMap></ncx>`);
  }
  const spine = docs.map((_, i) => `<itemref idref="d${i}"/>`).join('');
  zip.file(
    'OEBPS/content.opf',
    `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="${toc === 'ncx' ? '2.0' : '3.0'}"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${o.title ?? 'A Book'}</dc:title></metadata><manifest>${manifest.join('')}</manifest><spine${toc === 'ncx' ? ' toc="ncx"' : ''}>${spine}</spine></package>`,
  );
  for (const c of docs) zip.file(`OEBPS/${c.file}`, xhtml(c.title, c.body));
  for (const [path, text] of Object.entries(o.extra ?? {})) zip.file(path, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

export type DocxPart = { heading: 1 | 2 | 3; text: string } | { title: string } | { text: string; footnote?: string } | { table: string[][] } | { image: true };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (s: string) => `<w:r><w:t xml:space="preserve">${esc(s)}</w:t></w:r>`;
// A 1×1 PNG, so the image part is real.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

/** A minimal Word document: styles named as Word names them, footnotes, a table, an inline image. */
export async function makeDocx(parts: DocxPart[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const notes: string[] = [];
  const body = parts
    .map((p) => {
      if ('heading' in p) return `<w:p><w:pPr><w:pStyle w:val="Heading${p.heading}"/></w:pPr>${run(p.text)}</w:p>`;
      if ('title' in p) return `<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>${run(p.title)}</w:p>`;
      if ('table' in p) return `<w:tbl>${p.table.map((row) => `<w:tr>${row.map((c) => `<w:tc><w:p>${run(c)}</w:p></w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`;
      if ('image' in p) {
        return `<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Picture 1" descr="a dot"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
      }
      let note = '';
      if (p.footnote) {
        notes.push(p.footnote);
        note = `<w:r><w:footnoteReference w:id="${notes.length}"/></w:r>`;
      }
      return `<w:p>${run(p.text)}${note}</w:p>`;
    })
    .join('');
  zip.file('[Content_Types].xml', `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file('word/_rels/document.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/dot.png"/></Relationships>`);
  const style = (id: string, name: string) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
  zip.file('word/styles.xml', `<?xml version="1.0"?><w:styles ${W}>${style('Title', 'Title')}${style('Heading1', 'heading 1')}${style('Heading2', 'heading 2')}${style('Heading3', 'heading 3')}</w:styles>`);
  zip.file('word/footnotes.xml', `<?xml version="1.0"?><w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>${notes.map((n, i) => `<w:footnote w:id="${i + 1}"><w:p>${run(n)}</w:p></w:footnote>`).join('')}</w:footnotes>`);
  zip.file('word/media/dot.png', PNG);
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
