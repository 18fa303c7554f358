// Kokoro's quality plans as measured on this machine (kokoro.plans), reloaded when the chosen mode
// or the stored measurements change, and "Measure speed", which times every installed variant here.
import { useCallback, useEffect, useState } from 'react';
import type { CallResult } from '../../../../src-main/contract/calls';
import type { Settings } from '../../../../src-main/contract/schemas';
import { call } from '../../client';
import { updateSettings } from '../../store/library-actions';

export type Plans = CallResult<'kokoro.plans'>;

export function useKokoroPlans(settings: Settings) {
  const [plans, setPlans] = useState<Plans | null>(null);
  const [measuring, setMeasuring] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setPlans(await call('kokoro.plans', {}));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => void reload(), [reload, settings.kokoroQuality, settings.kokoroMeasurements]);

  const measure = async () => {
    setMeasuring(true);
    setError(null);
    try {
      await call('kokoro.measure', {});
      await updateSettings({});
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setMeasuring(false);
    }
  };

  return { plans, measuring, error, measure };
}
