// Word documents through mammoth, which turns DOCX into clean HTML by paragraph style: "Heading 1"…
// "Heading 6" become h1…h6 (and "Title" the book's title), footnotes and endnotes become a list
// after the text with marks in it. From that HTML on, a DOCX is read like any other manuscript.
import { KoeError } from '../contract/errors';
import { chaptersFromHeadings } from './chapters';
import { htmlToBlocks } from './html-blocks';
import type { Manuscript } from './types';

export async function readDocx(bytes: Uint8Array, fileName: string, fallbackTitle: string): Promise<Manuscript> {
  // Loaded on first use: mammoth (with its zip and XML readers) is a quarter of a second of every
  // CLI command's start-up otherwise, and most never read a Word file.
  const { default: mammoth } = await import('mammoth');
  // Images are dropped, so they are not even decoded: an empty <img> is enough to count one.
  const noImages = mammoth.images.imgElement(async () => ({ src: '' }));
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { styleMap: ["p[style-name='Title'] => p.koe-book-title:fresh"], convertImage: noImages, externalFileAccess: false },
    );
    html = result.value;
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/\.$/, '') : String(e);
    throw new KoeError('invalid_args', `${fileName} is not a readable Word document (${why}). Nothing was imported.`);
  }
  // The Title paragraph names the book; it is not a chapter, and not read as text.
  let title: string | null = null;
  html = html.replace(/<p class="koe-book-title">([\s\S]*?)<\/p>/g, (_m, inner: string) => {
    const b = htmlToBlocks(`<p>${inner}</p>`).blocks[0];
    if (title === null && b?.kind === 'text') title = b.text;
    return '';
  });
  const m = chaptersFromHeadings(htmlToBlocks(html).blocks, title ?? fallbackTitle);
  return { format: 'docx', ...m, title: title ?? m.title };
}
