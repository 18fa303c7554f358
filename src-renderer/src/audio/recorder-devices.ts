// The microphones the page may use, kept current as devices come and go. Browsers hide device
// labels until the page has been granted the microphone once, so an unlabelled list is shown with
// numbered names and filled in after the first recording starts.

export interface Microphone {
  deviceId: string;
  label: string;
}

export function micLabels(devices: readonly Pick<MediaDeviceInfo, 'kind' | 'deviceId' | 'label'>[]): Microphone[] {
  const mics = devices.filter((d) => d.kind === 'audioinput');
  // Chromium lists "default" (and "communications" on Windows) as aliases of a real device; they
  // are kept, since picking "default" follows the system's choice when it changes.
  return mics.map((d, i) => ({ deviceId: d.deviceId, label: d.label || (d.deviceId === 'default' ? 'System default microphone' : `Microphone ${i + 1}`) }));
}

export async function listMicrophones(): Promise<Microphone[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  return micLabels(await navigator.mediaDevices.enumerateDevices());
}

/** Calls `fn` with the new list whenever a device is plugged in or out; returns the unsubscribe. */
export function watchMicrophones(fn: (mics: Microphone[]) => void): () => void {
  const md = navigator.mediaDevices;
  if (!md?.addEventListener) return () => {};
  const onChange = () => void listMicrophones().then(fn, () => {});
  md.addEventListener('devicechange', onChange);
  return () => md.removeEventListener('devicechange', onChange);
}
