// Start-up and the library-wide data: app info, settings and the voice list. Settings changes are
// applied locally at once and sent to the core; a refusal puts the core's values back.
import type { Settings } from '../../../src-main/contract/schemas';
import { call } from '../client';
import { getStudio, setStudio } from './studio';
import { reportError, showNotice } from './ui-actions';

export async function loadLibrary(): Promise<void> {
  const [info, settings, voices] = await Promise.all([call('app.info', {}), call('settings.get', {}), call('voices.list', {})]);
  setStudio({ info, settings, voices, voicesLoaded: true });
}

const fallbackTold = new Set<string>();

/** Keeps the status bar's engine line current; a provider fallback is told once per engine. */
export function engineStatusChanged(e: { id: string; name: string; ready: boolean; detail: string; fallbackReason: string | null }): void {
  const info = getStudio().info;
  if (info) {
    const engines = info.engines.some((x) => x.id === e.id)
      ? info.engines.map((x) => (x.id === e.id ? { id: e.id, name: e.name, ready: e.ready, detail: e.detail } : x))
      : [...info.engines, { id: e.id, name: e.name, ready: e.ready, detail: e.detail }];
    setStudio({ info: { ...info, engines } });
  }
  if (e.fallbackReason && !fallbackTold.has(e.id)) {
    fallbackTold.add(e.id);
    showNotice(`${e.name} runs on the CPU: ${e.fallbackReason}`, 8000);
  }
}

/** After a model download or import: engines and voices may have changed. */
export async function refreshLibrary(): Promise<void> {
  try {
    const [info, voices] = await Promise.all([call('app.info', {}), call('voices.list', {})]);
    setStudio({ info, voices });
  } catch (e) {
    reportError('settings', 'Refresh voices', e);
  }
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  const before = getStudio().settings;
  if (before) setStudio({ settings: { ...before, ...patch } });
  try {
    const settings = await call('settings.set', patch);
    setStudio({ settings });
  } catch (e) {
    if (before) setStudio({ settings: before });
    reportError('settings', 'Settings', e);
  }
}
