// Play all, play one line, preview a voice, stop. Turns the script into play items (text, voice,
// silence before) and mirrors the player's playhead into the store at display rate (tenths of a
// second), not at animation-frame rate, so only the transport and the active line re-render.
//
// One transport: the studio has two players (the script's streaming player, and the Timeline
// screen's mix player), but one playback state, this store's `playback`, and one pair of verbs the
// top bar and Space use (togglePlayback, stopPlayback). While the Timeline screen is open it lends
// its player here (attachScreenTransport), so Play and Space play the timeline from its playhead,
// and whichever player starts silences the other. Before this, the top bar read "Stopped" while the
// timeline played and Space started the script on top of it.
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

/** A screen's own player (the timeline's), lent to the transport while that screen is open. */
export interface ScreenTransport {
  play(): void;
  stop(): void;
}

let screen: ScreenTransport | null = null;

/** The Timeline screen lends its player to the top bar and Space; the returned function takes it back. */
export function attachScreenTransport(t: ScreenTransport): () => void {
  screen = t;
  return () => {
    if (screen === t) screen = null;
  };
}

/** Whether Play in the top bar plays a screen's player (the timeline) rather than the script. */
export function hasScreenTransport(): boolean {
  return screen !== null;
}

/**
 * The screen's player started: the script player falls silent, and the store shows the screen's
 * playback. The screen then calls screenPlaybackMoved as the sound moves and screenPlaybackEnded.
 */
export function screenPlaybackStarted(positionSec: number, durationSec: number): void {
  player.stop();
  clearErrors('playback');
  setStudio({ playback: { ...IDLE_PLAYBACK, mode: 'timeline', positionSec, durationSec } });
}

/** Mirrors the screen player's position at display rate (tenths), like the script's playhead. */
export function screenPlaybackMoved(positionSec: number, durationSec: number): void {
  const cur = getStudio().playback;
  if (cur.mode !== 'timeline') return;
  if (Math.floor(cur.positionSec * 10) === Math.floor(positionSec * 10) && cur.durationSec === durationSec) return;
  setStudio({ playback: { ...cur, positionSec, durationSec } });
}

export function screenPlaybackEnded(): void {
  if (getStudio().playback.mode === 'timeline') setStudio({ playback: IDLE_PLAYBACK });
}

function start(mode: PlaybackMode, items: PlayItem[], extra: Partial<typeof IDLE_PLAYBACK> = {}): void {
  if (getStudio().playback.mode === 'timeline') screen?.stop();
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

/** A cloned voice's style: the voice's preview sentence spoken with that style's reference. */
export function previewStyle(voiceId: string, style: string): void {
  const st = getStudio();
  const key = styleKey(voiceId, style);
  if (st.playback.mode === 'preview' && st.playback.previewVoiceId === key) {
    stopPlayback();
    return;
  }
  const voice = st.voices.find((v) => v.id === voiceId);
  const params = { speed: st.settings?.speed ?? 1, pitch: 50, style };
  start('preview', [{ key: -1, text: previewSentence(voice?.language ?? 'en'), voiceId, silenceBeforeSec: 0, params }], { previewVoiceId: key, lineIndex: null });
}

/** What previewVoiceId holds while a style plays, so only that style's button shows Stop. */
export const styleKey = (voiceId: string, style: string): string => `${voiceId}#style:${style}`;

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
  if (getStudio().playback.mode === 'timeline') screen?.stop();
  setStudio({ playback: IDLE_PLAYBACK });
}

/** The top bar's Play: the open screen's player (the timeline, from its playhead), else the whole script. */
export function playTransport(): void {
  if (screen) screen.play();
  else playAll();
}

/** Space: stops whatever plays, or starts the transport's Play. */
export function togglePlayback(): void {
  if (player.playing || getStudio().playback.mode !== 'idle') stopPlayback();
  else playTransport();
}

/** Creates or wakes audio inside the user's gesture, before any await. */
export function unlockAudio(): void {
  player.unlock();
}
