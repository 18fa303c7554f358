// Play all, play one line, preview a voice, stop. Turns the script into play items (text, voice,
// silence before) and mirrors the player's playhead into the store at display rate (tenths of a
// second), not at animation-frame rate, so only the transport and the active line re-render.
import { flushEditorText } from './editor-bridge';
import { player, type PlayItem } from '../audio/player';
import { planPlayAll } from '../audio/play-plan';
import { lineAtSource, parsed } from '../project/script-model';
import { buildRoster, effectiveVoice } from '../project/speakers';
import { previewSentence } from '../lib/preview-text';
import { IDLE_PLAYBACK, type PlaybackMode } from './slices';
import { getStudio, setStudio } from './studio';
import { clearErrors, reportError } from './ui-actions';

const FALLBACK_VOICE = 'espeak:en-us';

function defaultVoiceId(): string {
  const st = getStudio();
  return st.settings?.defaultVoiceId ?? st.voices[0]?.id ?? FALLBACK_VOICE;
}

/** Voice per speaker name, as the script's speakers panel shows it. */
function voiceResolver(): (speaker: string) => string {
  const st = getStudio();
  const roster = buildRoster(parsed(st.script, st.notSpeakers).speakers, st.speakers);
  const byName = new Map(roster.map((r) => [r.name, r]));
  const fallback = defaultVoiceId();
  return (speaker) => effectiveVoice(byName.get(speaker), fallback);
}

function start(mode: PlaybackMode, items: PlayItem[], extra: Partial<typeof IDLE_PLAYBACK> = {}): void {
  let lastTenth = -1;
  let lastKey: number | null = null;
  let lastPct = -1;
  let lastDone = -1;
  clearErrors('playback');
  setStudio({ playback: { ...IDLE_PLAYBACK, mode, linesTotal: items.length, lineIndex: items[0]?.key ?? null, buffering: true, ...extra } });
  player.play(items, {
    onPlayhead: (p) => {
      const tenth = Math.floor(p.positionSec * 10);
      const pct = Math.floor(p.segmentFraction * 100);
      if (tenth === lastTenth && p.key === lastKey && pct === lastPct && p.itemsDone === lastDone) return;
      lastTenth = tenth;
      lastKey = p.key;
      lastPct = pct;
      lastDone = p.itemsDone;
      const cur = getStudio().playback;
      setStudio({
        playback: {
          ...cur,
          positionSec: p.positionSec,
          lineIndex: p.key === null || p.key < 0 ? cur.lineIndex : p.key,
          lineFraction: p.segmentFraction,
          linesDone: p.itemsDone,
          buffering: p.buffering,
        },
      });
    },
    onFinish: (outcome) => {
      setStudio({ playback: IDLE_PLAYBACK });
      if (outcome.status === 'failed' && outcome.error) {
        const where = outcome.failedKey !== undefined && outcome.failedKey >= 0 ? `Line ${outcome.failedKey + 1}` : mode === 'preview' ? 'Voice preview' : 'Playback';
        reportError('playback', where, outcome.error);
      }
    },
  });
}

export function playAll(): void {
  flushEditorText();
  const st = getStudio();
  const lines = parsed(st.script, st.notSpeakers).lines;
  if (lines.length === 0) {
    player.stop();
    reportError('playback', 'Play all', 'There is nothing to play yet. Write a line such as “Ana: Hello there.”');
    return;
  }
  const voiceOf = voiceResolver();
  const gapMs = st.settings?.gapMs ?? 300;
  start('all', withProject(planPlayAll(lines, voiceOf, gapMs)));
}

export function playLine(index: number): void {
  flushEditorText();
  const line = parsed(getStudio().script, getStudio().notSpeakers).lines.find((l) => l.index === index);
  if (!line) return;
  if (!line.text.trim()) {
    reportError('playback', `Line ${index + 1}`, 'This line has nothing to say (only a pause or a stage direction).');
    return;
  }
  start('line', withProject([{ key: line.index, text: line.text, voiceId: voiceResolver()(line.speaker), silenceBeforeSec: 0 }]));
}

/** Ctrl/Cmd+Enter: the line under the caret (or the first line when the caret is above them all). */
export function playCaretLine(): void {
  flushEditorText();
  const st = getStudio();
  const lines = parsed(st.script, st.notSpeakers).lines;
  const line = lineAtSource(lines, st.caret.line) ?? lines[0];
  if (!line) {
    reportError('playback', 'Play line', 'There is no line to play here yet.');
    return;
  }
  playLine(line.index);
}

export function previewVoice(voiceId: string): void {
  const st = getStudio();
  if (st.playback.mode === 'preview' && st.playback.previewVoiceId === voiceId) {
    stopPlayback();
    return;
  }
  const voice = st.voices.find((v) => v.id === voiceId);
  const text = previewSentence(voice?.language ?? 'en');
  start('preview', [{ key: -1, text, voiceId, silenceBeforeSec: 0 }], { previewVoiceId: voiceId, lineIndex: null });
}

/** "Say it": a word with an unsaved pronunciation, in the given voice (the default voice if none). */
export function sayPronunciation(entry: { word: string; phonemes?: string; respelling?: string }, voiceId?: string): void {
  start('preview', withProject([{ key: -1, text: entry.word, voiceId: voiceId ?? defaultVoiceId(), silenceBeforeSec: 0, pronunciations: [entry] }]), { previewVoiceId: null, lineIndex: null });
}

/** The open project's pronunciations apply to everything played from its script. */
function withProject(items: PlayItem[]): PlayItem[] {
  const projectId = getStudio().projectId;
  return projectId ? items.map((i) => ({ ...i, projectId })) : items;
}

export function stopPlayback(): void {
  player.stop();
  setStudio({ playback: IDLE_PLAYBACK });
}

export function togglePlayAll(): void {
  if (player.playing) stopPlayback();
  else playAll();
}

/** Creates or wakes audio inside the user's gesture, before any await. */
export function unlockAudio(): void {
  player.unlock();
}
