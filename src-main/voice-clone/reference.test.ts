// Reading a reference from a file: what is too short to clone is reported as such, not as a read failure.
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../audio/wav';
import { analyzeReference } from './reference';
import { sine } from '../../test-support/voice-clone/signals';

describe('analyzing a reference', () => {
  it('reports half a second of audio as far too little speech rather than failing to read it', async () => {
    const a = await analyzeReference({ kind: 'bytes', bytes: encodeWav(sine(200, 0.5, 24_000), { sampleRate: 24_000, bitDepth: 16 }), name: 'short.wav' });
    expect(a.report.ok).toBe(false);
    expect(a.report.checks.find((c) => c.id === 'speech')!.level).toBe('error');
    expect(a.report.input.durationSec).toBe(0.5);
  });
});
