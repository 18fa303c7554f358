// A manuscript as a Koe script: "## Title" starts each chapter, and every paragraph is the
// Narrator's — dialogue in quotes included; giving quoted speech to characters is the person's
// later choice, never a guess made here. Prose must come out of the script parser exactly as it
// went in, so a paragraph the parser would read otherwise is written so it cannot be:
//   - "Note: the door…" or "# 1 rule…" would be a speaker tag or a comment: it gets "Narrator: ";
//   - (asides) and [brackets] are stage directions and cues in a script, so they become dashes;
//   - a scene break ("* * *", a rule) becomes a pause.
import { NARRATOR, parseScript } from '../script/parse';
import type { Chapter } from './types';

const SCENE_PAUSE = '[pause 1.5s]';

/** Parenthesised and bracketed asides, read with dashes around them (the words are kept). */
export function unbracket(text: string): { text: string; changed: number } {
  let changed = 0;
  let out = text;
  for (let guard = 0; guard < 8 && /[()[\]]/.test(out); guard++) {
    const next = out.replace(/\s*[([]([^()[\]\n]*)[)\]](\s*[.,;:!?…]?)/g, (_m, inner: string, after: string) => {
      changed++;
      const words = inner.trim();
      if (!words) return after.trim() ? after.trim() : ' ';
      // Before closing punctuation the second dash would read as a stutter: "…that day — finally."
      return after.trim() ? ` — ${words}${after.trim()} ` : ` — ${words} — `;
    });
    if (next === out) break;
    out = next;
  }
  // Unmatched brackets left over are punctuation to the reader, not to the script parser.
  out = out.replace(/[()[\]]/g, (c) => (changed++, c === '(' || c === '[' ? '— ' : ' —'));
  // A dash that opens or closes the paragraph reads as nothing; the words stay.
  const tidy = out.replace(/\s+([.,;:!?…])/g, '$1').replace(/\s{2,}/g, ' ').trim().replace(/^—\s*/, '').replace(/\s*—$/, '');
  return { text: tidy, changed };
}

/** Whether the script parser reads `line` alone as one Narrator line saying exactly `text`. */
function readsAsNarration(line: string, text: string): boolean {
  const lines = parseScript(line).lines;
  return lines.length === 1 && lines[0]!.speaker === NARRATOR && lines[0]!.text === text;
}

export interface ScriptOut {
  script: string;
  /** Lines per chapter, in order. */
  lines: number[];
  /** How many asides were rewritten with dashes. */
  asides: number;
}

export function chaptersToScript(chapters: readonly Chapter[]): ScriptOut {
  const out: string[] = [];
  const lines: number[] = [];
  let asides = 0;
  for (const chapter of chapters) {
    out.push(`## ${chapter.title.replace(/\s+/g, ' ').trim()}`, '');
    let count = 0;
    for (const p of chapter.paragraphs) {
      if (p.kind === 'break') {
        out.push(SCENE_PAUSE, '');
        continue;
      }
      const u = unbracket(p.text);
      asides += u.changed;
      const text = u.text.replace(/\s+/g, ' ').trim();
      if (!text) continue;
      out.push(readsAsNarration(text, text) ? text : `${NARRATOR}: ${text}`, '');
      count++;
    }
    lines.push(count);
  }
  return { script: `${out.join('\n').trimEnd()}\n`, lines, asides };
}
