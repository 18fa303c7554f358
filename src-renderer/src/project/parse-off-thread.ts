// Parses long scripts in a worker (parse-worker.ts) so the line list, speakers and chapters catch up
// with the editor without a long task on the page's thread. Only the newest request matters: an
// answer for older text is dropped. The result also fills script-model's cache, so actions that
// parse synchronously (play, export) find it there. Where workers are unavailable it parses inline.
import { parsed, rememberParsed, type ParsedScript } from './script-model';
import type { ParseReply, ParseRequest } from './parse-worker';

/** Below this many characters parsing inline costs less than the round trip. */
export const OFF_THREAD_CHARS = 50_000;

interface Pending {
  id: number;
  text: string;
  notSpeakers: readonly string[];
  promise: Promise<ParsedScript | null>;
  resolve(r: ParsedScript | null): void;
}

let worker: Worker | null | undefined;
let nextId = 0;
/** The one request in flight; a newer text replaces it. */
let pending: Pending | null = null;

function settle(result: ParsedScript | null): void {
  const p = pending;
  pending = null;
  p?.resolve(result);
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'koe-script-parser' });
    worker.onmessage = (e: MessageEvent<ParseReply>) => {
      if (pending?.id !== e.data.id) return; // superseded
      settle(rememberParsed(pending.text, pending.notSpeakers, e.data.result));
    };
    worker.onerror = () => {
      // A worker that cannot start (or dies) leaves parsing to the page, as before.
      worker?.terminate();
      worker = null;
      if (pending) settle(parsed(pending.text, pending.notSpeakers));
    };
  } catch {
    worker = null;
  }
  return worker;
}

/**
 * The parse of `text`; null when a newer request overtook this one (its caller has moved on).
 * Short texts, and texts already parsed, answer at once.
 */
export function parseOffThread(text: string, notSpeakers: readonly string[]): Promise<ParsedScript | null> {
  const w = text.length >= OFF_THREAD_CHARS ? getWorker() : null;
  if (!w) return Promise.resolve(parsed(text, notSpeakers));
  // Every panel asks for the same text on the same change: one parse answers them all.
  if (pending && pending.text === text && pending.notSpeakers === notSpeakers) return pending.promise;
  // A superseded request resolves null now; the worker still answers it, and the answer is dropped.
  settle(null);
  const id = ++nextId;
  let resolve!: (r: ParsedScript | null) => void;
  const promise = new Promise<ParsedScript | null>((r) => (resolve = r));
  pending = { id, text, notSpeakers, promise, resolve };
  const req: ParseRequest = { id, text, notSpeakers: [...notSpeakers] };
  w.postMessage(req);
  return promise;
}
