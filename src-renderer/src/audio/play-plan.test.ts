// Play-all spacing: the gap between lines and [pause] cues, as the player will schedule them.
import { describe, expect, it } from 'vitest';
import type { ScriptLine } from '../project/lines';
import { planPlayAll } from './play-plan';

const line = (index: number, speaker: string, text: string, sourceLine: number, pauseBeforeMs = 0): ScriptLine => ({ index, speaker, text, sourceLine, pauseBeforeMs });

describe('planPlayAll', () => {
  it('gives each line its speaker’s voice and, like the export mix, the gap plus any pause before it', () => {
    const lines = [line(0, 'Ana', 'Hi.', 1, 100), line(1, 'Ben', 'Hear what?', 2), line(2, 'Ben', 'Nothing.', 2, 800), line(3, 'Ana', 'Oh.', 4, 200)];
    const voices: Record<string, string> = { Ana: 'espeak:en-us', Ben: 'espeak:en-gb' };
    const plan = planPlayAll(lines, (s) => voices[s]!, 300);
    expect(plan.map((p) => [p.key, p.voiceId, p.silenceBeforeSec])).toEqual([
      [0, 'espeak:en-us', 0.1], // a pause before the first line is kept: the export starts with it too
      [1, 'espeak:en-gb', 0.3],
      [2, 'espeak:en-gb', 1.1],
      [3, 'espeak:en-us', 0.5],
    ]);
  });
});
