// Turns parsed script lines into what the player plays: text, voice and the silence before each.
// Pure, so the spacing rules (gap between lines, `[pause]` cues) are tested without audio.
import type { ScriptLine } from '../project/script-model';
import type { PlayItem } from './player';

/**
 * Silence before line `i` of Play all: the Settings gap after the previous line, plus any pause the
 * script asks for. The same rule as the core's export mix (core/export-mix.ts), so what Play all
 * lets you hear is what Export writes.
 */
export function silenceBefore(lines: readonly ScriptLine[], i: number, gapMs: number): number {
  const line = lines[i];
  if (!line) return 0;
  return ((i > 0 ? gapMs : 0) + line.pauseBeforeMs) / 1000;
}

export function planPlayAll(lines: readonly ScriptLine[], voiceOf: (speaker: string) => string, gapMs: number): PlayItem[] {
  return lines.map((l, i) => ({ key: l.index, text: l.text, voiceId: voiceOf(l.speaker), silenceBeforeSec: silenceBefore(lines, i, gapMs) }));
}
