// Microphone failures become a kind and a sentence that says what to do, by the DOMException name
// the browser uses (and the older names some still do).
import { describe, expect, it } from 'vitest';
import { micLabels } from './recorder-devices';
import { micProblem } from './recorder-errors';

const dom = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('micProblem', () => {
  it('a refused permission says where to allow it, in the browser or the desktop app', () => {
    const web = micProblem(dom('NotAllowedError'));
    expect(web.kind).toBe('denied');
    expect(web.help).toMatch(/address bar/);
    const desktop = micProblem(dom('NotAllowedError'), { desktop: true });
    expect(desktop.help).toMatch(/System Settings/);
    expect(micProblem(dom('PermissionDeniedError')).kind).toBe('denied');
  });

  it('no device, and a device that vanished from the list, point to plugging one in or importing', () => {
    expect(micProblem(dom('NotFoundError'))).toMatchObject({ kind: 'no-device' });
    expect(micProblem(dom('OverconstrainedError')).help).toMatch(/import a recording/);
  });

  it('a busy device names the likely culprit', () => {
    expect(micProblem(dom('NotReadableError')).help).toMatch(/Another app/);
  });

  it('anything else keeps the browser’s own words', () => {
    const p = micProblem(new Error('the flux capacitor'));
    expect(p.kind).toBe('other');
    expect(p.title).toContain('the flux capacitor');
  });
});

describe('micLabels', () => {
  it('lists only inputs, naming unlabelled ones until permission reveals their names', () => {
    const mics = micLabels([
      { kind: 'audiooutput', deviceId: 'spk', label: 'Speakers' },
      { kind: 'audioinput', deviceId: 'default', label: '' },
      { kind: 'audioinput', deviceId: 'abc', label: '' },
      { kind: 'videoinput', deviceId: 'cam', label: 'Camera' },
      { kind: 'audioinput', deviceId: 'usb', label: 'USB Microphone' },
    ]);
    expect(mics).toEqual([
      { deviceId: 'default', label: 'System default microphone' },
      { deviceId: 'abc', label: 'Microphone 2' },
      { deviceId: 'usb', label: 'USB Microphone' },
    ]);
  });
});
