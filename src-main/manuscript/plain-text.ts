// Plain text: paragraphs are separated by blank lines (a single line break inside one is only a
// wrapped line). Chapters start at a line that stands alone and reads like a chapter heading —
// "Chapter 7", "CHAPTER VII. The Storm", "Part Two", "Prologue" — as in Project Gutenberg texts.
import { ChapterBuilder, isSceneBreak } from './chapters';
import type { Manuscript } from './types';

const NUMBER = '(?:\\d+|[ivxlcdm]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty[\\w-]*|thirty[\\w-]*|forty[\\w-]*|fifty[\\w-]*|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)';
const HEADING = new RegExp(`^(?:(?:chapter|part|book)\\s+${NUMBER}\\b.{0,80}|prologue|epilogue|preface|introduction|afterword)[.:]?$`, 'i');

export function readPlainText(text: string, fallbackTitle: string): Manuscript {
  const paragraphs = text.replace(/^\uFEFF/, '').split(/\r?\n[ \t]*\r?\n|\r[ \t]*\r/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const builder = new ChapterBuilder();
  const notices: string[] = [];
  let headings = 0;
  for (const p of paragraphs) {
    if (HEADING.test(p)) {
      builder.start(p);
      headings++;
      continue;
    }
    if (!builder.started) builder.start(fallbackTitle);
    builder.add(isSceneBreak(p) ? { kind: 'break' } : { kind: 'text', text: p });
  }
  if (headings === 0) notices.push(`No chapter headings found: the whole text is one chapter, "${fallbackTitle}".`);
  return { format: 'text', title: null, ...builder.finish(), notices };
}
