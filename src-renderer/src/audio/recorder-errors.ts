// What went wrong with the microphone, in words that say what to do next. getUserMedia fails with
// DOMException names that mean nothing to a person ("NotAllowedError"), and the fix differs by
// cause: a denied permission is undone in the browser's or the system's settings, a missing device
// by plugging one in, a busy one by closing the other app.

export type MicProblemKind = 'denied' | 'no-device' | 'busy' | 'insecure' | 'unsupported' | 'other';

export interface MicProblem {
  kind: MicProblemKind;
  title: string;
  /** What to do about it. */
  help: string;
}

function name(e: unknown): string {
  if (e && typeof e === 'object' && 'name' in e && typeof (e as { name: unknown }).name === 'string') return (e as { name: string }).name;
  return '';
}

export function micProblem(e: unknown, opts: { desktop: boolean } = { desktop: false }): MicProblem {
  switch (name(e)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return {
        kind: 'denied',
        title: 'Koe Studio is not allowed to use the microphone.',
        help: opts.desktop
          ? 'Allow microphone access for Koe Studio in your system settings (macOS: System Settings › Privacy & Security › Microphone; Windows: Settings › Privacy › Microphone), then try again.'
          : 'Click the microphone or lock icon in the address bar, set Microphone to Allow, then try again. If your system blocks the browser, allow it in the system privacy settings too.',
      };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return { kind: 'no-device', title: 'No microphone was found.', help: 'Plug in a microphone or headset (or pick another one in the list), then try again. You can also import a recording from a file instead.' };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return { kind: 'busy', title: 'The microphone could not be started.', help: 'Another app may be using it: close video calls or other recorders, or pick another microphone, then try again.' };
    default:
      break;
  }
  if (typeof window !== 'undefined' && !window.navigator.mediaDevices) {
    return window.isSecureContext === false
      ? { kind: 'insecure', title: 'The microphone is only available on a secure page.', help: 'Open Koe Studio through the address `koe serve` printed (http://127.0.0.1:…), not through another host name.' }
      : { kind: 'unsupported', title: 'This browser cannot record audio.', help: 'Use a current Chromium, Chrome, Edge or Firefox, or import a recording from a file instead.' };
  }
  const detail = e instanceof Error && e.message ? ` (${e.message})` : '';
  return { kind: 'other', title: `The microphone failed${detail}.`, help: 'Try again, or pick another microphone. You can also import a recording from a file instead.' };
}
