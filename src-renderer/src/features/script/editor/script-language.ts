// The script's colours in CodeMirror: speaker tags in the speaker's colour, (directions) and [cues]
// muted, [pause] cues marked, # comments dim, ## chapter headings bold, inline markup
// ([word](/phonemes/), *emphasis*, [rate 0.9]) tinted and markup left open underlined with its
// message as a tooltip. Each line is classified by
// the parser's own classifyLine, so a colour never disagrees with what will be spoken. Only the
// lines in view are decorated, and only again when they or the view change: a megabyte script
// costs what a screenful does. A Lezer grammar was the alternative; the format is line-based and
// already defined by the parser, and a second definition of it could drift.
import { RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { hasMarkup, parseMarkup, type MarkupRangeKind } from '../../../../../src-main/script/markup';
import { classifyLine, notSpeakerSet, speakerKey, type NotSpeakers } from '../../../../../src-main/script/parse';

export interface ScriptLook {
  /** Lower-cased speaker name → colour. */
  colors: ReadonlyMap<string, string>;
  notSpeakers: NotSpeakers;
}

export const setScriptLook = StateEffect.define<ScriptLook>();

const lookField = StateField.define<ScriptLook>({
  create: () => ({ colors: new Map(), notSpeakers: new Set() }),
  update: (value, tr) => tr.effects.reduce((v, e) => (e.is(setScriptLook) ? e.value : v), value),
});

export function scriptLook(colors: Iterable<readonly [string, string]>, notSpeakers: readonly string[]): ScriptLook {
  return { colors: new Map([...colors].map(([name, color]) => [speakerKey(name), color])), notSpeakers: notSpeakerSet(notSpeakers) };
}

const comment = Decoration.mark({ class: 'cm-koe-comment' });
const chapter = Decoration.line({ class: 'cm-koe-chapter' });
const chapterText = Decoration.mark({ class: 'cm-koe-chapter-text' });
const direction = Decoration.mark({ class: 'cm-koe-direction' });
const cue = Decoration.mark({ class: 'cm-koe-cue' });
const pause = Decoration.mark({ class: 'cm-koe-pause' });
const tagMarks = new Map<string, Decoration>();
const markupMarks: Record<Exclude<MarkupRangeKind, 'problem'>, Decoration> = {
  syntax: Decoration.mark({ class: 'cm-koe-markup' }),
  phonemes: Decoration.mark({ class: 'cm-koe-markup cm-koe-phonemes' }),
  emphasis: Decoration.mark({ class: 'cm-koe-markup cm-koe-emphasis' }),
  rate: Decoration.mark({ class: 'cm-koe-markup cm-koe-rate' }),
};
const problemMark = (message: string): Decoration => Decoration.mark({ class: 'cm-koe-markup-problem', attributes: { title: message } });

function tagMark(color: string | undefined): Decoration {
  const key = color ?? '';
  let d = tagMarks.get(key);
  if (!d) {
    d = Decoration.mark({ class: 'cm-koe-tag', attributes: color ? { style: `--spk: ${color}` } : {} });
    tagMarks.set(key, d);
  }
  return d;
}

const INLINE_RE = /\([^()\n]*\)|\[[^[\]\n]*\]/g;
const PAUSE_CUE_RE = /^\[\s*pause\b/i;

function decorate(view: EditorView): DecorationSet {
  const look = view.state.field(lookField);
  const builder = new RangeSetBuilder<Decoration>();
  const doc = view.state.doc;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = doc.lineAt(pos);
      const text = line.text;
      // Very long lines (a pasted paragraph) are coloured on their first 4,000 characters only.
      const k = classifyLine(text.length > 4000 ? text.slice(0, 4000) : text, look.notSpeakers);
      if (k.kind === 'comment') builder.add(line.from, line.to, comment);
      else if (k.kind === 'chapter') {
        builder.add(line.from, line.from, chapter);
        builder.add(line.from, line.to, chapterText);
      } else if (k.kind === 'text') {
        if (k.speaker !== null) builder.add(line.from, line.from + k.tagLength, tagMark(look.colors.get(speakerKey(k.speaker))));
        const bodyFrom = line.from + k.tagLength;
        const body = text.slice(k.tagLength, 4000);
        // Inline markup (markup.ts) first claims its ranges; cues and directions fill the rest.
        const marks: { from: number; to: number; deco: Decoration }[] = [];
        if (hasMarkup(body)) {
          // Parsed on the whole line so that a problem's column is the editor's column.
          for (const r of parseMarkup(text.slice(0, 4000)).ranges) {
            if (r.from < k.tagLength) continue;
            marks.push({ from: r.from - k.tagLength, to: r.to - k.tagLength, deco: r.kind === 'problem' ? problemMark(r.message ?? '') : markupMarks[r.kind] });
          }
        }
        const claimed = (from: number, to: number): boolean => marks.some((r) => r.from < to && from < r.to && r.deco !== markupMarks.emphasis);
        for (const m of body.matchAll(INLINE_RE)) {
          if (claimed(m.index, m.index + m[0].length)) continue;
          const deco = m[0].startsWith('(') ? direction : PAUSE_CUE_RE.test(m[0]) ? pause : cue;
          marks.push({ from: m.index, to: m.index + m[0].length, deco });
        }
        marks.sort((a, b) => a.from - b.from || a.to - b.to);
        let end = 0;
        for (const r of marks) {
          if (r.from < end) continue; // RangeSetBuilder needs ranges in order
          builder.add(bodyFrom + r.from, bodyFrom + r.to, r.deco);
          end = r.to;
        }
      }
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorate(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged || u.startState.field(lookField) !== u.state.field(lookField)) this.decorations = decorate(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);

/** The line being spoken, painted across its rows; null clears it. */
export const setPlayingRows = StateEffect.define<{ from: number; to: number; color: string | undefined } | null>();

const playingField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setPlayingRows)) continue;
      if (!e.value) {
        next = Decoration.none;
        continue;
      }
      const doc = tr.state.doc;
      const builder = new RangeSetBuilder<Decoration>();
      const deco = Decoration.line({ class: 'cm-koe-playing', attributes: e.value.color ? { style: `--play: ${e.value.color}` } : {} });
      const last = Math.min(e.value.to, doc.lines);
      for (let n = Math.max(1, e.value.from); n <= last; n++) builder.add(doc.line(n).from, doc.line(n).from, deco);
      next = builder.finish();
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export function scriptLanguage(): Extension {
  return [lookField, highlighter, playingField];
}
