// The Japanese and Mandarin analyzers in a worker thread of their own, for callers on a thread that
// serves others (the main process answering `text.phonemize` while it runs the WebSocket server):
// kuromoji builds its dictionary tables synchronously for seconds, and jieba loads its dictionary
// in native code, either of which would freeze that thread. The engine worker, whose only job is
// speaking, loads them in place instead (cjk-analyzers.ts).
//
// The thread starts on the first request, is not kept alive by idleness, and is ended after a few
// idle minutes so its dictionaries do not hold memory for a feature used now and then; a thread
// that dies fails its pending requests and is started afresh on the next.
import { Worker } from 'node:worker_threads';
import { KoeError } from '../../contract/errors';
import { defaultCjkAnalyzers, type CjkAnalyzers } from './cjk-analyzers';
import type { Morpheme } from './japanese/analyzer';

export type CjkRequest = { id: number; op: 'ja.analyze' | 'zh.cut' | 'zh.readings'; text: string };
export type CjkReply = { id: number; value: Morpheme[] | string[] } | { id: number; error: string };

const IDLE_MS = 5 * 60_000;

/** The worker side: answers requests with this thread's analyzers. */
export function serveCjkRequests(port: { on(event: 'message', fn: (m: CjkRequest) => void): void; postMessage(m: CjkReply): void }): void {
  const cjk = defaultCjkAnalyzers();
  port.on('message', (m) => {
    const work = m.op === 'ja.analyze' ? cjk.japanese.analyze(m.text) : m.op === 'zh.cut' ? cjk.mandarin.cut(m.text) : cjk.mandarin.readings(m.text);
    work.then(
      (value) => port.postMessage({ id: m.id, value }),
      (e: unknown) => port.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
}

/** Analyzers answered by a worker thread running `script` (whose entry calls serveCjkRequests). */
export function cjkAnalyzersInThread(script: URL | string, workerData?: unknown): CjkAnalyzers {
  let worker: Worker | null = null;
  let nextId = 1;
  let idle: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();

  const stop = (w: Worker, reason: string): void => {
    if (worker !== w) return;
    worker = null;
    for (const p of pending.values()) p.reject(new KoeError('engine', `The Japanese/Chinese reader stopped: ${reason}`));
    pending.clear();
  };
  const start = (): Worker => {
    const w = new Worker(script, { name: 'koe-cjk-reader', ...(workerData === undefined ? {} : { workerData }) });
    w.on('message', (r: CjkReply) => {
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      if ('error' in r) p.reject(new KoeError('engine', r.error));
      else p.resolve(r.value as never);
      settle(w);
    });
    w.on('error', (e) => stop(w, e.message));
    w.on('exit', (code) => stop(w, `exit code ${code}`));
    return w;
  };
  // Busy: keeps the process alive for the answer. Idle: does not, and ends after IDLE_MS.
  const settle = (w: Worker): void => {
    if (pending.size) return;
    w.unref();
    idle = setTimeout(() => void w.terminate(), IDLE_MS);
    idle.unref();
  };
  const ask = <T>(op: CjkRequest['op'], text: string): Promise<T> => {
    if (idle) clearTimeout(idle);
    idle = null;
    worker ??= start();
    worker.ref();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: never) => void, reject });
      worker!.postMessage({ id, op, text } satisfies CjkRequest);
    });
  };

  const local = defaultCjkAnalyzers();
  return {
    japanese: { analyze: (text) => ask<Morpheme[]>('ja.analyze', text) },
    mandarin: { cut: (text) => ask<string[]>('zh.cut', text), readings: (text) => ask<string[]>('zh.readings', text) },
    // Whether the packages are installed is a file check, cheap on any thread.
    availability: (lang) => local.availability(lang),
  };
}
