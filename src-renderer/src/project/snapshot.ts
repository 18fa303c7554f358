// What an autosave stores: the editable part of a project. Kept as one value so "is this saved?"
// is a single comparison and a draft in localStorage is exactly what the next save would send.
import type { SpeakerInput } from '../../../src-main/contract/schemas';

export interface Snapshot {
  name: string;
  script: string;
  speakers: SpeakerInput[];
  /** Names marked "not a speaker"; absent in drafts written before there were any. */
  notSpeakers?: string[];
}

export function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return a.script === b.script && a.name === b.name && sameSpeakers(a.speakers, b.speakers) && sameNames(a.notSpeakers ?? [], b.notSpeakers ?? []);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function sameSpeakers(a: SpeakerInput[], b: SpeakerInput[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const o = b[i]!;
    return s.name === o.name && s.voiceId === o.voiceId && s.color === o.color && s.gain === o.gain && s.pan === o.pan;
  });
}
