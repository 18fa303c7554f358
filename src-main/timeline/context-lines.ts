// Which earlier line a line continues from when the project turns on "Continue from the previous
// line" (contract ContextMode), and the digest of that line's audio that goes into the line's
// render parameters. The digest is what makes a dependent line stale: re-render the context line
// into different audio, select another of its takes, or edit its text, and every line continuing
// from it no longer matches its take — and the lines after those, down the chain.
//
// The digest is of the context take's audio (its audio key), not its id: a context line re-rendered
// into the same audio (a cache hit) leaves the lines after it as they were.
//
// A line whose context line has no current take carries a "pending" digest. The render queue renders
// the context line first; a take is never stored with a pending context (the line fails instead,
// saying why), so a line waiting for its context always reads as missing or stale, never ready.
import type { ContextMode } from '../contract/calls-timeline';

/** The parts of a line (service.ts LineWork) the chain reads and sets. */
interface ChainLine {
  lineId: number;
  speaker: string;
  voiceId: string | null;
  status: 'missing' | 'stale' | 'ready';
  params: { context?: string };
  contextLineId?: number;
}

const PENDING = 'pending';

export function isPendingContext(context: string | undefined): boolean {
  return context !== undefined && context.endsWith(`:${PENDING}`);
}

interface Spoken {
  lineId: number;
  /** The audio key of its selected take, when that take is current; null otherwise. */
  audioKey: string | null;
}

/** Walks a project's lines in script order and sets what each continues from. */
export class ContextChain {
  private previous: Spoken | null = null;
  private readonly bySpeaker = new Map<string, Spoken>();

  constructor(
    private readonly mode: Exclude<ContextMode, 'off'>,
    /** Whether the voice's engine can continue from audio (others render as before, keys unchanged). */
    private readonly continues: (voiceId: string) => boolean,
  ) {}

  /** Sets `w.contextLineId` and `w.params.context`; call before the line's status is decided. */
  apply(w: ChainLine): void {
    if (!w.voiceId || !this.continues(w.voiceId)) return;
    const from = this.mode === 'own' ? this.bySpeaker.get(w.speaker) : this.previous;
    if (!from) return;
    w.contextLineId = from.lineId;
    // The line's params are its own object (service.ts builds them per line).
    w.params.context = `${this.mode}:${from.audioKey ? from.audioKey.slice(0, 16) : PENDING}`;
  }

  /** Records `w` (its status decided) as the latest line, and its speaker's. */
  record(w: ChainLine, selectedAudioKey: string | undefined): void {
    const spoken: Spoken = { lineId: w.lineId, audioKey: w.status === 'ready' && selectedAudioKey ? selectedAudioKey : null };
    this.previous = spoken;
    this.bySpeaker.set(w.speaker, spoken);
  }
}
