// Module-level selectors: stable identities, so components subscribe to exactly the data they show
// and zustand can skip re-renders when it did not change.
import { startTransition, useEffect, useMemo, useState } from 'react';
import { OFF_THREAD_CHARS, parseOffThread } from '../project/parse-off-thread';
import { cached, parsed, type ParsedScript } from '../project/script-model';
import { buildRoster, type RosterEntry } from '../project/speakers';
import { typingGate } from '../project/typing-gate';
import { editorHasPendingText } from './editor-bridge';
import type { StudioData } from './slices';
import { useStudio } from './studio';

export const selectView = (s: StudioData) => s.view;
export const selectConnection = (s: StudioData) => s.connection;
export const selectTransportKind = (s: StudioData) => s.transportKind;
export const selectPhase = (s: StudioData) => s.phase;
export const selectBootError = (s: StudioData) => s.bootError;
export const selectInfo = (s: StudioData) => s.info;
export const selectSettings = (s: StudioData) => s.settings;
export const selectVoices = (s: StudioData) => s.voices;
export const selectVoicesLoaded = (s: StudioData) => s.voicesLoaded;
export const selectProjects = (s: StudioData) => s.projects;
export const selectProjectId = (s: StudioData) => s.projectId;
export const selectProjectName = (s: StudioData) => s.projectName;
export const selectScript = (s: StudioData) => s.script;
export const selectStoredSpeakers = (s: StudioData) => s.speakers;
export const selectNotSpeakers = (s: StudioData) => s.notSpeakers;
export const selectSave = (s: StudioData) => s.save;
export const selectCaretLine = (s: StudioData) => s.caret.line;
export const selectCaret = (s: StudioData) => s.caret;
export const selectDraftOffer = (s: StudioData) => s.draftOffer;
export const selectPlayback = (s: StudioData) => s.playback;
export const selectPlaybackMode = (s: StudioData) => s.playback.mode;
export const selectPlayingLine = (s: StudioData) => (s.playback.mode === 'all' || s.playback.mode === 'line' ? s.playback.lineIndex : null);
export const selectPlayingFraction = (s: StudioData) => (s.playback.mode === 'all' || s.playback.mode === 'line' ? s.playback.lineFraction : 0);
export const selectPositionSec = (s: StudioData) => s.playback.positionSec;
export const selectPreviewVoiceId = (s: StudioData) => (s.playback.mode === 'preview' ? s.playback.previewVoiceId : null);
export const selectExportJob = (s: StudioData) => s.exportJob;
export const selectRecentFiles = (s: StudioData) => s.recentFiles;
export const selectFileBusy = (s: StudioData) => s.fileBusy;
export const selectImportReport = (s: StudioData) => s.importReport;
export const selectIsDesktop = (s: StudioData) => s.info?.face === 'electron';
export const selectErrors = (s: StudioData) => s.errors;
export const selectNotice = (s: StudioData) => s.notice;
export const selectHelpOpen = (s: StudioData) => s.helpOpen;
export const selectEditorJump = (s: StudioData) => s.editorJump;
export const selectTimelineChapterJump = (s: StudioData) => s.timelineChapterJump;
export const selectDefaultVoiceId = (s: StudioData) => s.settings?.defaultVoiceId ?? s.voices[0]?.id ?? 'espeak:en-us';

/** No parse of a just-opened long script yet; panels say so rather than showing an empty script. */
export const READING: ParsedScript = Object.freeze({ lines: [], speakers: [], chapters: [] });

// The newest parse any panel has seen, shared so that every panel shows the same one while a long
// script's next parse is on its way from the worker.
let latest: { projectId: string | null; result: ParsedScript } | null = null;
const listeners = new Set<() => void>();
const subscribeLatest = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};
const getLatest = () => latest;
function publish(projectId: string | null, result: ParsedScript): void {
  if (latest?.result === result && latest.projectId === projectId) return;
  latest = { projectId, result };
  for (const l of listeners) l();
}

/**
 * The newest published parse, delivered as a transition: React renders a book's panels (a few
 * hundred milliseconds for the first fill of a 1 MB script) in slices it interrupts for a key,
 * rather than in one task the key waits behind. A store subscription (useSyncExternalStore) would
 * always render at once. One transition carries the update to every panel, so they change together.
 */
function useLatestParse(): typeof latest {
  const [seen, setSeen] = useState(getLatest);
  useEffect(() => {
    const update = () => startTransition(() => setSeen(getLatest()));
    // Anything published between this render and the subscription.
    update();
    return subscribeLatest(update);
  }, []);
  return seen;
}

// A book's panels change only while typing pauses (typing-gate.ts).
const offerParse = typingGate(editorHasPendingText, (v: { projectId: string | null; result: ParsedScript }) => publish(v.projectId, v.result));

/**
 * The parsed script. Short scripts parse inline; a long one (50,000 characters and up) parses in a
 * worker, and until it answers the panels keep showing the previous parse, so typing in a book
 * never waits for a 100–200 ms parse on the page's thread. A long script with no parse yet (just
 * opened) shows as READING until the worker answers: the editor opens with the text at once and the
 * panels fill in a moment later, instead of the page waiting for both. A long script's panels change
 * only through `publish`, and only while typing pauses, so no panel redraws under the user's keys.
 */
export function useParsedScript(): ParsedScript {
  const script = useStudio(selectScript);
  const notSpeakers = useStudio(selectNotSpeakers);
  const projectId = useStudio(selectProjectId);
  const latestSeen = useLatestParse();
  // Another project's lines are never shown for this one's.
  const shown = latestSeen?.projectId === projectId ? latestSeen.result : null;
  const long = script.length >= OFF_THREAD_CHARS;
  const ready = long ? cached(script, notSpeakers) : parsed(script, notSpeakers);
  useEffect(() => {
    // Short scripts always parse inline and never read `latest`; publishing them would only make
    // every panel render twice per key.
    if (!long) return;
    if (ready) return offerParse({ projectId, result: ready });
    let live = true;
    void parseOffThread(script, notSpeakers).then((r) => {
      if (live && r) offerParse({ projectId, result: r });
    });
    return () => {
      live = false;
    };
  }, [long, script, notSpeakers, ready, projectId]);
  return long ? (shown ?? READING) : (ready ?? READING);
}

export function useRoster(): RosterEntry[] {
  const { speakers: names } = useParsedScript();
  const stored = useStudio(selectStoredSpeakers);
  return useMemo(() => buildRoster(names, stored), [names, stored]);
}
