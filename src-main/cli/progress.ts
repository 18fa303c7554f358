// The CLI's --progress output: one "progress <fraction> <stage>" line per change, on stderr, which
// scripts and tests can follow (the file is being written when the stage says "Writing").
import type { EventPayload } from '../contract/calls';

export function exportProgressPrinter(enabled: boolean, jobId: string): (p: EventPayload<'export.progress'>) => void {
  let last = '';
  return (p) => {
    if (!enabled || p.jobId !== jobId) return;
    const line = `progress ${p.fraction.toFixed(3)} ${p.phase === 'saving' ? 'Writing' : p.stage}\n`;
    if (line === last) return;
    last = line;
    process.stderr.write(line);
  };
}

/** A job id for a call made from this process (the contract wants 8–64 word characters). */
export function cliJobId(kind: string): string {
  return `cli-${kind}-${process.pid}-${Date.now().toString(36)}`;
}
