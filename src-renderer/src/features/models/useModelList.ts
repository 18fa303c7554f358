// The Models screen's data: models.list, and the progress events of downloads running in the core.
// A finished download lists the models again and refreshes the library, as it changes what is
// installed and which voices can speak.
import { useCallback, useEffect, useState } from 'react';
import type { ModelList, ModelProgress } from '../../../../src-main/contract/calls-models';
import { call, on } from '../../client';
import { refreshLibrary } from '../../store/library-actions';

export function useModelList() {
  const [list, setList] = useState<ModelList | null>(null);
  const [progress, setProgress] = useState<Record<string, ModelProgress>>({});
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setList(await call('models.list', {}));
      setLoadError(null);
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void reload();
    return on('models.progress', (p) => {
      setProgress((cur) => ({ ...cur, [p.id]: p }));
      // A finished download changes what is installed and which voices can speak.
      if (p.phase === 'done' || p.phase === 'failed' || p.phase === 'cancelled') {
        void reload();
        if (p.phase === 'done') void refreshLibrary();
      }
    });
  }, [reload]);

  return { list, progress, loadError, reload };
}
