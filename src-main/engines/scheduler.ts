// Who synthesizes next on a busy engine. Every synthesis — the studio's playback and previews, the
// speech API's requests, the timeline's background renders — asks here for one of the engine's slots
// (as many as it has workers) before it reaches a worker, so the engines are shared by one set of
// rules instead of each face guessing at the others' load:
//
// - priority first: the studio's interactive playback, then API requests, then background renders;
// - within a priority, round-robin between owners (an API key, a studio connection, a project), so
//   one key's burst of requests cannot starve another key's single one;
// - within an owner, the request that started first, so a stream already playing keeps flowing.
//
// A slot is held for one text chunk, not a whole request: a long background line gives way to a
// click on Play within one chunk (the first is short), and an API client's long input does not
// hold a worker while the studio waits. What the audio cache answers never comes here.
//
// The rejected alternative was a gate of its own in the API face (two shared slots): it could not
// see the studio's load, let one key queue ahead of every other, and did nothing for background
// renders, which competed with playback for the same workers.
import { abortError } from '../lib/abort';

export type Priority = 'interactive' | 'api' | 'background';

/** Highest first. */
const PRIORITIES: readonly Priority[] = ['interactive', 'api', 'background'];

export interface Lane {
  priority: Priority;
  /** Whose turn this is in the round-robin: an API key's id, a connection, a project. */
  owner: string;
}

/** One request's place: its chunks all come with the same ticket, so they keep its start order. */
export interface Ticket extends Lane {
  readonly seq: number;
}

interface Waiter {
  ticket: Ticket;
  grant(): void;
}

interface EngineQueue {
  running: number;
  /** Per priority, the owners with waiters in round-robin order (a Map keeps insertion order). */
  waiting: Map<Priority, Map<string, Waiter[]>>;
}

export class EngineScheduler {
  private readonly engines = new Map<string, EngineQueue>();
  private seq = 0;

  /** @param capacity how many syntheses an engine runs at once (its worker count); read at every grant. */
  constructor(private readonly capacity: (engineId: string) => number) {}

  ticket(lane: Lane): Ticket {
    return { priority: lane.priority, owner: lane.owner, seq: this.seq++ };
  }

  /**
   * Waits for a slot on `engineId`; resolves to its release (safe to call twice). An abort while
   * waiting takes the request out of the queue at once and rejects with the abort error.
   */
  acquire(engineId: string, ticket: Ticket, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError());
    const q = this.queue(engineId);
    if (q.running < this.slots(engineId) && this.waitingIn(q) === 0) {
      q.running++;
      return Promise.resolve(this.releaser(engineId, q));
    }
    const granted = new Promise<() => void>((resolve, reject) => {
      const waiter: Waiter = {
        ticket,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.releaser(engineId, q));
        },
      };
      const onAbort = () => {
        this.remove(q, waiter);
        reject(abortError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const byOwner = q.waiting.get(ticket.priority)!;
      const list = byOwner.get(ticket.owner);
      if (list) insertBySeq(list, waiter);
      else byOwner.set(ticket.owner, [waiter]);
    });
    // A slot may be free with others waiting (the engine was given more workers since): serve in order.
    this.pump(engineId, q);
    return granted;
  }

  /** Syntheses waiting for a slot, on one engine or on all. */
  waiting(engineId?: string): number {
    let n = 0;
    for (const [id, q] of this.engines) if (engineId === undefined || id === engineId) n += this.waitingIn(q);
    return n;
  }

  /** Syntheses holding a slot, on one engine or on all. */
  running(engineId?: string): number {
    let n = 0;
    for (const [id, q] of this.engines) if (engineId === undefined || id === engineId) n += q.running;
    return n;
  }

  /** How many syntheses the engine runs at once. */
  slots(engineId: string): number {
    return Math.max(1, Math.floor(this.capacity(engineId)) || 1);
  }

  private releaser(engineId: string, q: EngineQueue): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      q.running--;
      this.pump(engineId, q);
    };
  }

  private pump(engineId: string, q: EngineQueue): void {
    while (q.running < this.slots(engineId)) {
      const next = this.next(q);
      if (!next) return;
      q.running++;
      next.grant();
    }
  }

  /** The highest priority's next owner in turn, and that owner's earliest request. */
  private next(q: EngineQueue): Waiter | null {
    for (const p of PRIORITIES) {
      const byOwner = q.waiting.get(p)!;
      const first = byOwner.entries().next();
      if (first.done) continue;
      const [owner, list] = first.value;
      const waiter = list.shift()!;
      // Served: to the back of the round, if it has more waiting.
      byOwner.delete(owner);
      if (list.length) byOwner.set(owner, list);
      return waiter;
    }
    return null;
  }

  private remove(q: EngineQueue, waiter: Waiter): void {
    const byOwner = q.waiting.get(waiter.ticket.priority)!;
    const list = byOwner.get(waiter.ticket.owner);
    const at = list?.indexOf(waiter) ?? -1;
    if (at < 0) return;
    list!.splice(at, 1);
    if (list!.length === 0) byOwner.delete(waiter.ticket.owner);
  }

  private waitingIn(q: EngineQueue): number {
    let n = 0;
    for (const byOwner of q.waiting.values()) for (const list of byOwner.values()) n += list.length;
    return n;
  }

  private queue(engineId: string): EngineQueue {
    let q = this.engines.get(engineId);
    if (!q) {
      q = { running: 0, waiting: new Map(PRIORITIES.map((p) => [p, new Map()])) };
      this.engines.set(engineId, q);
    }
    return q;
  }
}

function insertBySeq(list: Waiter[], waiter: Waiter): void {
  let at = list.length;
  while (at > 0 && list[at - 1]!.ticket.seq > waiter.ticket.seq) at--;
  list.splice(at, 0, waiter);
}
