// The CLI's export progress: machine lines with --progress, a bar on a terminal, nothing on a pipe.
import { describe, expect, it } from 'vitest';
import { etaText, exportProgressPrinter } from './progress';

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { isTTY, columns: 100, out, write: (s: string) => (out.push(s), true) };
}
const ev = (fraction: number, stage = 'Rendering line 1 of 4') => ({ jobId: 'job-12345678', fraction, stage, phase: 'rendering' as const });

describe('export progress on the command line', () => {
  it('--progress prints one line per change, whatever the stream', () => {
    const s = sink(true);
    const p = exportProgressPrinter(true, 'job-12345678', s);
    p(ev(0.25));
    p(ev(0.25));
    p({ ...ev(0.5), jobId: 'someone-elses' });
    expect(s.out).toEqual(['progress 0.250 Rendering line 1 of 4\n']);
  });

  it('a terminal gets a bar redrawn in place with the time left, cleared at the end', () => {
    const s = sink(true);
    let t = 0;
    const p = exportProgressPrinter(false, 'job-12345678', s, () => t);
    t = 10_000;
    p(ev(0.25, 'Rendering line 2 of 8'));
    expect(s.out).toHaveLength(1);
    expect(s.out[0]).toMatch(/^\r\[#{6}\.{18}\] {2}25% {2}Rendering line 2 of 8 · 30 s left\x1b\[K$/);
    p(ev(0.26)); // within 100 ms: not redrawn
    expect(s.out).toHaveLength(1);
    p.end();
    expect(s.out.at(-1)).toBe('\r\x1b[K');
  });

  it('a pipe gets nothing without --progress', () => {
    const s = sink(false);
    const p = exportProgressPrinter(false, 'job-12345678', s);
    p(ev(0.5));
    p.end();
    expect(s.out).toEqual([]);
  });

  it('quotes a time left only once there is a pace', () => {
    expect(etaText(0.005, 60_000)).toBe('');
    expect(etaText(0.5, 1000)).toBe('');
    expect(etaText(0.5, 20_000)).toBe('20 s left');
    expect(etaText(0.1, 600_000)).toBe('about 1 h 30 min left');
    expect(etaText(0.5, 300_000)).toBe('about 5 min left');
  });
});
