// Pasting SSML into the script: text with a <speak> root is converted by the core's SSML importer
// (the same one a .ssml file goes through) and the script text goes in instead, with a report of
// what SSML said that a script cannot (never dropped silently). "Undo" in the report puts the raw
// paste back; malformed SSML goes in as plain text, with the line and column where it breaks.
// The conversion is a round trip to the core, so the paste's place is kept in a state field and
// mapped through anything typed meanwhile; a project switch (a fresh state) drops it, rather than
// pasting into another project's script.
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { looksLikeSsml } from '../../../../../src-main/script/ssml-sniff';

export type SsmlConversion = { ok: true; script: string; notices: string[] } | { ok: false; message: string; line: number | null; column: number | null };

export type SsmlPasteReport =
  | { kind: 'converted'; lines: number; notices: string[]; undone: boolean; undoLost: boolean }
  | { kind: 'plain'; message: string; line: number | null; column: number | null };

export interface SsmlPasteHooks {
  convert(ssml: string): Promise<SsmlConversion>;
  onReport(report: SsmlPasteReport): void;
}

interface Range {
  from: number;
  to: number;
}
interface PasteState {
  /** Pastes waiting for the core, by id, at the place they will go. */
  pending: ReadonlyMap<number, Range>;
  /** The last converted paste, while untouched: where its script text is, and the SSML it came from. */
  last: (Range & { raw: string }) | null;
}

const addPending = StateEffect.define<{ id: number } & Range>();
const takePending = StateEffect.define<number>();
const setLast = StateEffect.define<(Range & { raw: string }) | null>();

const pasteField = StateField.define<PasteState>({
  create: () => ({ pending: new Map(), last: null }),
  update(value, tr) {
    let { pending, last } = value;
    if (tr.docChanged) {
      const mapped = new Map<number, Range>();
      // Text typed at either edge meanwhile stays; only what was selected is replaced.
      for (const [id, r] of pending) {
        const from = tr.changes.mapPos(r.from, 1);
        mapped.set(id, { from, to: Math.max(from, tr.changes.mapPos(r.to, -1)) });
      }
      pending = mapped;
      // Edited inside: the raw SSML no longer stands for what is there, so Undo would lose the edit.
      if (last) last = tr.changes.touchesRange(last.from, last.to) ? null : { ...last, from: tr.changes.mapPos(last.from, 1), to: tr.changes.mapPos(last.to, -1) };
    }
    for (const e of tr.effects) {
      if (e.is(addPending)) pending = new Map(pending).set(e.value.id, { from: e.value.from, to: e.value.to });
      else if (e.is(takePending)) {
        pending = new Map(pending);
        (pending as Map<number, Range>).delete(e.value);
      } else if (e.is(setLast)) last = e.value;
    }
    return pending === value.pending && last === value.last ? value : { pending, last };
  },
});

let nextId = 1;

/** The text to insert at a range: on lines of its own, so the first line's speaker tag stays a tag. */
function fitted(view: EditorView, range: Range, script: string): string {
  const doc = view.state.doc;
  const atLineStart = range.from === doc.lineAt(range.from).from;
  const atLineEnd = range.to === doc.lineAt(range.to).to;
  let text = atLineStart ? script : `\n${script}`;
  if (atLineEnd && text.endsWith('\n')) text = text.slice(0, -1);
  return text;
}

function finish(view: EditorView, id: number, raw: string, result: SsmlConversion, hooks: SsmlPasteHooks): void {
  const range = view.state.field(pasteField, false)?.pending.get(id);
  // The project changed before the core answered: this paste belonged to the other script.
  if (!range) return;
  if (result.ok) {
    const insert = fitted(view, range, result.script);
    view.dispatch({
      changes: { from: range.from, to: range.to, insert },
      selection: { anchor: range.from + insert.length },
      effects: [takePending.of(id), setLast.of({ from: range.from, to: range.from + insert.length, raw })],
      userEvent: 'input.paste',
      scrollIntoView: true,
    });
    hooks.onReport({ kind: 'converted', lines: result.script.split('\n').filter((l) => l.trim()).length, notices: result.notices, undone: false, undoLost: false });
    return;
  }
  view.dispatch({
    changes: { from: range.from, to: range.to, insert: raw },
    selection: { anchor: range.from + raw.length },
    effects: [takePending.of(id), setLast.of(null)],
    userEvent: 'input.paste',
    scrollIntoView: true,
  });
  hooks.onReport({ kind: 'plain', message: result.message, line: result.line, column: result.column });
}

/**
 * Puts the last converted paste back as the SSML that was pasted (itself undoable with Ctrl+Z).
 * False when there is nothing to put back: the script text was edited since, or already undone.
 */
export function undoSsmlPaste(view: EditorView): boolean {
  const last = view.state.field(pasteField, false)?.last;
  if (!last) return false;
  view.dispatch({
    changes: { from: last.from, to: last.to, insert: last.raw },
    selection: { anchor: last.from + last.raw.length },
    effects: setLast.of(null),
    userEvent: 'input.paste',
    scrollIntoView: true,
  });
  view.focus();
  return true;
}

export function ssmlPaste(hooks: SsmlPasteHooks): Extension {
  return [
    pasteField,
    EditorView.domEventHandlers({
      paste(event, view) {
        const raw = event.clipboardData?.getData('text/plain') ?? '';
        if (!looksLikeSsml(raw)) return false;
        event.preventDefault();
        const id = nextId++;
        const { from, to } = view.state.selection.main;
        view.dispatch({ effects: addPending.of({ id, from, to }) });
        // A failed call (the connection dropped) must not lose the paste: it goes in as it was.
        hooks.convert(raw).then(
          (r) => finish(view, id, raw, r, hooks),
          (e: unknown) => finish(view, id, raw, { ok: false, message: `The SSML could not be converted: ${e instanceof Error ? e.message : String(e)}`, line: null, column: null }, hooks),
        );
        return true;
      },
    }),
  ];
}
