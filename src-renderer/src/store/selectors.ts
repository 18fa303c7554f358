// Module-level selectors: stable identities, so components subscribe to exactly the data they show
// and zustand can skip re-renders when it did not change.
import { useDeferredValue, useMemo } from 'react';
import { parsed, type ParsedScript } from '../project/script-model';
import { buildRoster, type RosterEntry } from '../project/speakers';
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

/**
 * The parsed script. Deferred: while the user types fast in a long script, React keeps the editor
 * responsive and catches the line list and speakers up between keystrokes.
 */
export function useParsedScript(): ParsedScript {
  const script = useDeferredValue(useStudio(selectScript));
  const notSpeakers = useStudio(selectNotSpeakers);
  return useMemo(() => parsed(script, notSpeakers), [script, notSpeakers]);
}

export function useRoster(): RosterEntry[] {
  const { speakers: names } = useParsedScript();
  const stored = useStudio(selectStoredSpeakers);
  return useMemo(() => buildRoster(names, stored), [names, stored]);
}
