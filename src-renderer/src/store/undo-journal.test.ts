import { describe, expect, it } from 'vitest';
import { UndoJournal } from './undo-journal';
import { scriptChangeLabel, timelineStepLabel } from './undo-labels';

const typing = { side: 'script' as const, label: 'Typing' };
const move = (step: number) => ({ side: 'timeline' as const, label: 'Move clip', step });

describe('the undo journal', () => {
  it('undoes the most recent change whichever side it was on, and redoes in reverse', () => {
    const j = new UndoJournal();
    j.record(typing);
    j.record(move(7));
    j.record({ side: 'script', label: 'Paste' });
    expect(j.nextUndo()).toEqual({ side: 'script', label: 'Paste' });
    j.undid();
    expect(j.nextUndo()).toEqual(move(7));
    j.undid();
    expect(j.nextUndo()).toEqual(typing);
    expect(j.nextRedo()).toEqual(move(7));
    j.redid();
    expect(j.nextRedo()).toEqual({ side: 'script', label: 'Paste' });
    expect(j.nextUndo()).toEqual(move(7));
    expect(j.size).toEqual({ done: 2, undone: 1 });
  });

  it('a new change on either side clears the redo of both', () => {
    const j = new UndoJournal();
    j.record(typing);
    j.record(move(1));
    j.undid();
    j.undid();
    expect(j.size).toEqual({ done: 0, undone: 2 });
    j.record({ side: 'script', label: 'Delete' });
    expect(j.nextRedo()).toBeNull();
    j.undid();
    j.record(move(2));
    expect(j.nextRedo()).toBeNull();
    expect(j.nextUndo()).toEqual(move(2));
  });

  it('remembers a bounded number of changes, the oldest going first', () => {
    const j = new UndoJournal(3);
    for (let i = 1; i <= 5; i++) j.record(move(i));
    expect(j.size.done).toBe(3);
    j.undid();
    j.undid();
    j.undid();
    expect(j.nextUndo()).toBeNull();
    expect(j.nextRedo()).toEqual(move(3));
  });

  it("forgets the script's oldest changes when CodeMirror lets go of them, keeping the timeline's", () => {
    const j = new UndoJournal();
    j.record({ side: 'script', label: 'a' });
    j.record(move(1));
    j.record({ side: 'script', label: 'b' });
    j.record({ side: 'script', label: 'c' });
    j.forgetOldest('script', 2);
    expect(j.size.done).toBe(2);
    expect(j.nextUndo()).toEqual({ side: 'script', label: 'c' });
    j.undid();
    expect(j.nextUndo()).toEqual(move(1));
  });

  it("follows the script's undo run from outside (the browser's Edit command) without disturbing the order", () => {
    const j = new UndoJournal();
    j.record({ side: 'script', label: 'a' });
    j.record(move(1));
    j.movedOutside('script', 'undo');
    expect(j.nextUndo()).toEqual(move(1));
    expect(j.nextRedo()).toEqual({ side: 'script', label: 'a' });
    j.movedOutside('script', 'redo');
    expect(j.nextRedo()).toBeNull();
    expect(j.size.done).toBe(2);
  });

  it('an older change undone from the core is redone like any other; a dropped one is gone', () => {
    const j = new UndoJournal();
    j.undidOlder(move(3));
    expect(j.nextRedo()).toEqual(move(3));
    j.redid();
    expect(j.nextUndo()).toEqual(move(3));
    j.dropUndo();
    expect(j.nextUndo()).toBeNull();
    j.record(typing);
    j.undid();
    j.dropRedo();
    expect(j.nextRedo()).toBeNull();
    j.record(typing);
    j.clear();
    expect(j.size).toEqual({ done: 0, undone: 0 });
  });
});

describe('undo labels', () => {
  it('names a script change by what started it', () => {
    expect(scriptChangeLabel('input.type')).toBe('Typing');
    expect(scriptChangeLabel('input')).toBe('Typing');
    expect(scriptChangeLabel('input.paste')).toBe('Paste');
    expect(scriptChangeLabel('delete.cut')).toBe('Cut');
    expect(scriptChangeLabel('delete.backward')).toBe('Delete');
    expect(scriptChangeLabel('input.replace.all')).toBe('Replace');
    expect(scriptChangeLabel('replace.external')).toBe('Reload text');
    expect(scriptChangeLabel(undefined)).toBe('Edit text');
  });

  it('names a timeline step by its op', () => {
    expect(timelineStepLabel({ type: 'move', lineId: 1, startSample: 0 })).toBe('Move clip');
    expect(timelineStepLabel({ type: 'move', lineId: 1, startSample: 0, manual: false })).toBe('Return clip to layout');
    expect(timelineStepLabel({ type: 'gain', lineId: 1, db: -3 })).toBe('Clip gain');
    expect(timelineStepLabel({ type: 'mute', speaker: 'Ben', on: true })).toBe('Mute Ben');
    expect(timelineStepLabel({ type: 'master', limiter: false })).toBe('Limiter off');
    expect(timelineStepLabel({ type: 'master', gainDb: -2 })).toBe('Master gain');
  });
});
