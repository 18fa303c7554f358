// Turns the project's docs into the prose a narrator would read (see README.md here).
import { readFileSync } from 'node:fs';
const files = ['README.md', 'docs/engines.md', 'ARCHITECTURE.md'];
const out = [];
for (const f of files) {
  let t = readFileSync(f, 'utf8');
  t = t.replace(/```[\s\S]*?```/g, '');           // code blocks are not read aloud
  t = t.replace(/^\s*\|?\s*-{3,}.*$/gm, '');        // table rules
  t = t.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');    // links → their text
  t = t.replace(/`([^`]*)`/g, '$1');                // inline code → its text
  t = t.replace(/^#+\s*/gm, '').replace(/\*\*/g, '').replace(/^\s*[-*]\s+/gm, '').replace(/\|/g, ',');
  out.push(t.replace(/\n{3,}/g, '\n\n').trim());
}
process.stdout.write(out.join('\n\n') + '\n');
