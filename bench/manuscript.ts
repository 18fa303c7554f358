// Manuscript import at novel scale, for `npm run bench`: a 1 MB EPUB (40 chapters, 9,200
// paragraphs) and the same book as Markdown, read into a script. The bound only catches an
// accidental quadratic pass (a linear read takes well under a second); the tests in
// src-main/manuscript check what comes out.
import { importManuscript } from '../src-main/manuscript/import';
import { makeEpub } from '../test-support/manuscript/books';
import type { BenchRow } from './serve';

const TARGET_MS = 5000;
const PARAGRAPH = '“Where are you going?” asked Ana, and the wind (cold, wet) pulled at her coat while Ben said nothing at all.';

export async function benchManuscript(): Promise<BenchRow[]> {
  const chapters = Array.from({ length: 40 }, (_, c) => ({ file: `c${c}.xhtml`, title: `Chapter ${c + 1}`, paragraphs: Array.from({ length: 230 }, () => PARAGRAPH) }));
  const epub = await makeEpub({ title: 'Bench', chapters: chapters.map((c) => ({ file: c.file, title: c.title, body: c.paragraphs.map((p) => `<p>${p}</p>`).join('') })) });
  const markdown = new TextEncoder().encode(chapters.map((c) => `# ${c.title}\n\n${c.paragraphs.join('\n\n')}`).join('\n\n'));
  const rows: BenchRow[] = [];
  for (const [name, bytes, file] of [['a 1 MB EPUB (40 chapters, 9,200 paragraphs)', epub, 'bench.epub'], ['the same book as 1 MB of Markdown', markdown, 'bench.md']] as const) {
    const t0 = performance.now();
    await importManuscript(bytes, file);
    const ms = Math.round(performance.now() - t0);
    rows.push({ name: `manuscript import: ${name}`, value: ms, unit: 'ms', target: `< ${TARGET_MS}`, pass: ms < TARGET_MS });
  }
  return rows;
}
