// The Pronunciations screen's state and calls: both dictionaries' entries (global and the open
// project's), the draft in the form, and save/delete with the error they leave. Kept apart from the
// view so the form and the table only draw.
import { useCallback, useEffect, useState } from 'react';
import type { Pronunciation } from '../../../../src-main/contract/schemas';
import { call, RpcClientError } from '../../client';
import { draftOf, EMPTY_DRAFT, entryOf, type Draft } from './pronunciation-draft';

export function usePronunciations(projectId: string | null) {
  const [entries, setEntries] = useState<Pronunciation[]>([]);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setEntries(await call('pronunciations.list', projectId ? { projectId } : {}));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [projectId]);
  useEffect(() => void reload(), [reload]);

  const save = async () => {
    setError(null);
    try {
      const e = entryOf(draft);
      await call('pronunciations.set', {
        ...(draft.id !== undefined ? { id: draft.id } : {}),
        scope: draft.scope,
        ...(draft.scope === 'project' && projectId ? { projectId } : {}),
        language: draft.language,
        word: e.word,
        phonemes: e.phonemes ?? null,
        respelling: e.respelling ?? null,
      });
      setDraft({ ...EMPTY_DRAFT, language: draft.language, scope: draft.scope, mode: draft.mode });
      await reload();
    } catch (e) {
      setError(e instanceof RpcClientError || e instanceof Error ? e.message : String(e));
    }
  };
  const remove = async (id: number) => {
    setError(null);
    try {
      await call('pronunciations.delete', { id });
      if (draft.id === id) setDraft(EMPTY_DRAFT);
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const edit = (p: Pronunciation) => setDraft(draftOf(p));

  return { entries, draft, setDraft, error, save, remove, edit, reload };
}
