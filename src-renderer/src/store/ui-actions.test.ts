// The store's error list and reset, exercised through the actions the UI calls.
import { afterEach, describe, expect, it } from 'vitest';
import { getStudio, resetStudio } from './studio';
import { clearErrors, dismissError, reportError, setView } from './ui-actions';

describe('store: ui actions', () => {
  afterEach(() => resetStudio());

  it('keeps distinct errors, newest last, and drops repeats of the same message', () => {
    reportError('playback', 'Line 1', new Error('Unknown voice "x".'));
    reportError('export', 'Export', 'Disk full');
    reportError('playback', 'Line 2', new Error('Unknown voice "x".'));
    expect(getStudio().errors.map((e) => [e.context, e.message])).toEqual([
      ['Export', 'Disk full'],
      ['Line 2', 'Unknown voice "x".'],
    ]);
  });

  it('clears a topic’s errors when that thing is tried again, and dismisses one by id', () => {
    reportError('playback', 'Play all', 'nothing to play');
    reportError('export', 'Export', 'failed');
    clearErrors('playback');
    expect(getStudio().errors.map((e) => e.topic)).toEqual(['export']);
    dismissError(getStudio().errors[0]!.id);
    expect(getStudio().errors).toEqual([]);
  });

  it('resets to the initial state between tests', () => {
    setView('voices');
    expect(getStudio().view).toBe('voices');
    resetStudio();
    expect(getStudio().view).toBe('script');
  });
});
