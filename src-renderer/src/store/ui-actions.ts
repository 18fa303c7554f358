// Navigation, errors and passing notices. Every failure the user should know about goes through
// `reportError`, which keeps a short list so one error does not hide another.
import { errorMessage } from '../client/rpc-error';
import { getStudio, setStudio } from './studio';
import type { ErrorTopic, View } from './slices';

const MAX_ERRORS = 5;
let nextErrorId = 1;
let noticeTimer: ReturnType<typeof setTimeout> | null = null;

export function setView(view: View): void {
  setStudio({ view });
}

export function reportError(topic: ErrorTopic, context: string, e: unknown): void {
  const message = errorMessage(e);
  const errors = getStudio().errors.filter((x) => x.message !== message);
  setStudio({ errors: [...errors, { id: nextErrorId++, topic, context, message }].slice(-MAX_ERRORS) });
}

/** A fresh attempt at something makes its old failure moot. */
export function clearErrors(topic: ErrorTopic): void {
  const errors = getStudio().errors;
  if (errors.some((e) => e.topic === topic)) setStudio({ errors: errors.filter((e) => e.topic !== topic) });
}

export function dismissError(id: number): void {
  setStudio({ errors: getStudio().errors.filter((e) => e.id !== id) });
}

export function dismissAllErrors(): void {
  setStudio({ errors: [] });
}

export function showNotice(text: string, ms = 4000): void {
  if (noticeTimer) clearTimeout(noticeTimer);
  setStudio({ notice: text });
  noticeTimer = setTimeout(() => setStudio({ notice: null }), ms);
}

export function setHelpOpen(open: boolean): void {
  setStudio({ helpOpen: open });
}

let jumpNonce = 0;

/** Asks the editor to move its caret to the start of `line` (0-based) and take focus. */
export function jumpToLine(line: number): void {
  setStudio({ editorJump: { line, nonce: ++jumpNonce } });
}

/** Opens the timeline at chapter `index` (0-based, in script order). */
export function showChapterOnTimeline(index: number): void {
  setStudio({ view: 'timeline', timelineChapterJump: { index, nonce: ++jumpNonce } });
}

export function clearTimelineChapterJump(): void {
  if (getStudio().timelineChapterJump) setStudio({ timelineChapterJump: null });
}
