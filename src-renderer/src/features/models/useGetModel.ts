// One button's worth of downloading: an asset with every companion it needs (the recommended Kokoro
// variant brings its voice packs and lexicons), as one progress figure over all of them. Used where a
// person asks for a capability ("natural voices", "clone your voice"), not for a file.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ModelList, ModelProgress } from '../../../../src-main/contract/calls-models';
import { call, on } from '../../client';
import { refreshLibrary } from '../../store/library-actions';

export type GetState = { kind: 'idle' } | { kind: 'running'; bytes: number; total: number } | { kind: 'done' } | { kind: 'failed'; message: string };

/** The asset and its companions still to fetch, and their size (what the button will download). */
export function pendingOf(list: ModelList, id: string): { ids: string[]; bytes: number; estimated: boolean } {
  const byId = new Map(list.assets.map((a) => [a.id, a]));
  const ids: string[] = [];
  const visit = (aid: string) => {
    const a = byId.get(aid);
    if (!a || ids.includes(aid)) return;
    ids.push(aid);
    a.requires.forEach(visit);
  };
  visit(id);
  const missing = ids.map((i) => byId.get(i)!).filter((a) => a.state !== 'installed');
  return { ids, bytes: missing.reduce((n, a) => n + Math.max(0, a.bytes - a.bytesOnDisk), 0), estimated: missing.some((a) => a.bytesEstimated) };
}

export function useGetModel(onDone?: () => void | Promise<void>) {
  const [state, setState] = useState<GetState>({ kind: 'idle' });
  const progress = useRef(new Map<string, ModelProgress>());
  const waiting = useRef(new Set<string>());
  const done = useRef(onDone);
  done.current = onDone;

  // Events can arrive before models.download answers (an installed companion is reported done at
  // once), so every event since the start is kept and the sum is taken again after the answer too.
  const recompute = useCallback(() => {
    if (waiting.current.size === 0) return;
    const all = [...waiting.current].map((id) => progress.current.get(id));
    const failed = all.find((x) => x?.phase === 'failed' || x?.phase === 'cancelled');
    if (failed) {
      waiting.current.clear();
      setState({ kind: 'failed', message: failed.error?.message ?? `The download ${failed.phase === 'cancelled' ? 'was cancelled' : 'failed'}.` });
      return;
    }
    if (all.every((x) => x?.phase === 'done')) {
      waiting.current.clear();
      void (async () => {
        await refreshLibrary();
        await done.current?.();
        setState({ kind: 'done' });
      })();
      return;
    }
    setState({ kind: 'running', bytes: all.reduce((n, x) => n + (x?.bytes ?? 0), 0), total: all.reduce((n, x) => n + (x?.total ?? 0), 0) });
  }, []);

  useEffect(
    () =>
      on('models.progress', (p) => {
        progress.current.set(p.id, p);
        recompute();
      }),
    [recompute],
  );

  const start = useCallback(
    async (id: string) => {
      setState({ kind: 'running', bytes: 0, total: 0 });
      progress.current.clear();
      waiting.current.clear();
      try {
        const r = await call('models.download', { id, withRequired: true });
        for (const x of [...r.started, ...r.joined]) waiting.current.add(x);
        recompute();
      } catch (e) {
        setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      }
    },
    [recompute],
  );

  return { state, start };
}
