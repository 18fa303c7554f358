// Renders a project's missing and stale lines in the background, N at a time, through the same
// SpeechService playback uses — so the audio cache applies across projects and an unchanged line
// is never synthesized twice — and stores each result as the line's new selected take.
//
// Each engine takes as many lines at once as it has workers: espeak's pool renders two lines side
// by side while a Kokoro line renders on its own worker, and a line never waits inside a busy
// worker — it waits here, where its state honestly says "queued" and cancel drops it at once.
// Lines start in the order they were queued, skipping only those whose engine is full.
//
// One shared pool for all projects rather than a pool per project: the engines are the scarce
// resource, and two open projects must not double the load on them. Per-line state is kept until
// the next job for the project starts, so the timeline can show "failed: <why>" after the fact.
import type { RenderState } from '../contract/calls-timeline';
import { KoeError, toRpcError } from '../contract/errors';
import type { SpeechService } from '../speech/speech-service';
import type { LineWork, TimelineService } from './service';

export interface RenderProgress {
  projectId: string;
  done: number;
  total: number;
  lines: { lineId: number; state: RenderState; error?: string }[];
}

export interface RenderQueueDeps {
  speech: SpeechService;
  timeline: TimelineService;
  /** How many lines render at once in all. */
  concurrency: number;
  /** How many lines one engine renders at once (its worker count); no limit but `concurrency` when absent. */
  engineCapacity?(engineId: string): number;
  onProgress?(p: RenderProgress): void;
}

interface Task {
  projectId: string;
  lineId: number;
  controller: AbortController;
  /** The engine of the line's voice when it was queued ('' if it has none); only for scheduling. */
  engine: string;
  /** Queue order across engines. */
  seq: number;
}

interface Job {
  /** `attempt`: what the line said (text, voice, params) when it was last rendered or tried. */
  states: Map<number, { state: RenderState; error: string | null; attempt?: string }>;
  total: number;
  done: number;
  idle: (() => void)[];
}

export class RenderQueue {
  /** Waiting lines by engine, each list in queue order. */
  private readonly pending = new Map<string, Task[]>();
  private readonly running = new Set<Task>();
  private seq = 0;
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: RenderQueueDeps) {
    if (!Number.isInteger(deps.concurrency) || deps.concurrency < 1) throw new RangeError(`render concurrency must be a whole number ≥ 1, got ${deps.concurrency}`);
  }

  /**
   * Queues lines: the given ones (a re-render, or a retry after a failure) or else every line that
   * is missing or stale. Lines already queued or rendering are not queued twice.
   */
  enqueue(projectId: string, lineIds?: readonly number[]): { queued: number } {
    const work = this.deps.timeline.work(projectId);
    const known = new Set(work.map((w) => w.lineId));
    for (const id of lineIds ?? []) if (!known.has(id)) throw new KoeError('not_found', `Line ${id} is not in this project; it may have been removed from the script.`);
    const wanted = lineIds ? [...new Set(lineIds)] : work.filter((w) => w.status !== 'ready').map((w) => w.lineId);
    const voiceOf = new Map(work.map((w) => [w.lineId, w.voiceId] as const));
    let job = this.jobs.get(projectId);
    if (!job || this.isIdle(projectId)) {
      job = { states: new Map(), total: 0, done: 0, idle: job?.idle ?? [] };
      this.jobs.set(projectId, job);
    }
    const changed: RenderProgress['lines'] = [];
    for (const lineId of wanted) {
      const s = job.states.get(lineId)?.state;
      if (s === 'queued' || s === 'rendering') continue;
      if (s === 'done' || s === 'failed' || s === 'cancelled') job.done--;
      else job.total++;
      job.states.set(lineId, { state: 'queued', error: null });
      const task: Task = { projectId, lineId, controller: new AbortController(), engine: engineOf(voiceOf.get(lineId) ?? null), seq: this.seq++ };
      const list = this.pending.get(task.engine);
      if (list) list.push(task);
      else this.pending.set(task.engine, [task]);
      changed.push({ lineId, state: 'queued' });
    }
    if (changed.length) this.emit(projectId, changed);
    this.pump();
    if (this.isIdle(projectId)) this.settle(projectId);
    return { queued: changed.length };
  }

  /** Stops the project's queued and running lines; returns how many were stopped. */
  cancel(projectId: string): number {
    const job = this.jobs.get(projectId);
    if (!job) return 0;
    const changed: RenderProgress['lines'] = [];
    for (const [engine, list] of this.pending) {
      const keep = list.filter((t) => t.projectId !== projectId);
      for (const t of list) if (t.projectId === projectId) this.finish(job, t.lineId, 'cancelled', null, changed);
      if (keep.length) this.pending.set(engine, keep);
      else this.pending.delete(engine);
    }
    for (const t of this.running) if (t.projectId === projectId) t.controller.abort();
    if (changed.length) this.emit(projectId, changed);
    const stopped = changed.length + [...this.running].filter((t) => t.projectId === projectId).length;
    if (this.isIdle(projectId)) this.settle(projectId);
    return stopped;
  }

  /**
   * A line's state in the latest job. Given the line as it is `now`, a finished state about other
   * words or another voice is dropped: a line whose failing text was fixed in the script keeps its
   * id (lines-sync), but the old failure is no longer about it.
   */
  stateOf(projectId: string, lineId: number, now?: Pick<LineWork, 'text' | 'voiceId' | 'params'>): { state: RenderState; error: string | null } | null {
    const s = this.jobs.get(projectId)?.states.get(lineId);
    if (!s) return null;
    const finished = s.state === 'done' || s.state === 'failed' || s.state === 'cancelled';
    if (finished && now && s.attempt !== undefined && s.attempt !== attemptOf(now)) return null;
    return { state: s.state, error: s.error };
  }

  /** Resolves when the project has nothing queued or rendering (tests, the CLI, export). */
  whenIdle(projectId: string): Promise<void> {
    if (this.isIdle(projectId)) return Promise.resolve();
    return new Promise((resolve) => this.jobs.get(projectId)!.idle.push(resolve));
  }

  cancelAll(): void {
    for (const id of [...this.jobs.keys()]) this.cancel(id);
  }

  private isIdle(projectId: string): boolean {
    for (const list of this.pending.values()) if (list.some((t) => t.projectId === projectId)) return false;
    return ![...this.running].some((t) => t.projectId === projectId);
  }

  private settle(projectId: string): void {
    const job = this.jobs.get(projectId);
    if (!job) return;
    for (const resolve of job.idle.splice(0)) resolve();
  }

  /** The earliest queued line whose engine has a free worker. */
  private next(): Task | null {
    let best: Task | null = null;
    for (const [engine, list] of this.pending) {
      const head = list[0];
      if (!head || (best && best.seq < head.seq)) continue;
      const capacity = engine && this.deps.engineCapacity ? this.deps.engineCapacity(engine) : Infinity;
      let busy = 0;
      for (const t of this.running) if (t.engine === engine) busy++;
      if (busy < capacity) best = head;
    }
    if (!best) return null;
    const list = this.pending.get(best.engine)!;
    list.shift();
    if (list.length === 0) this.pending.delete(best.engine);
    return best;
  }

  private pump(): void {
    while (this.running.size < this.deps.concurrency) {
      const task = this.next();
      if (!task) break;
      this.running.add(task);
      void this.run(task).finally(() => {
        this.running.delete(task);
        this.pump();
        if (this.isIdle(task.projectId)) this.settle(task.projectId);
      });
    }
  }

  private async run(task: Task): Promise<void> {
    const job = this.jobs.get(task.projectId)!;
    const changed: RenderProgress['lines'] = [];
    job.states.set(task.lineId, { state: 'rendering', error: null });
    this.emit(task.projectId, [{ lineId: task.lineId, state: 'rendering' }]);
    let attempt: string | undefined;
    try {
      const line = this.deps.timeline.lineWork(task.projectId, task.lineId);
      if (!line) throw new KoeError('not_found', 'This line was removed from the script.');
      attempt = attemptOf(line);
      await this.render(task, line);
      this.finish(job, task.lineId, 'done', null, changed, attempt);
    } catch (e) {
      const err = toRpcError(e);
      if (err.code === 'cancelled' || task.controller.signal.aborted) this.finish(job, task.lineId, 'cancelled', null, changed, attempt);
      else this.finish(job, task.lineId, 'failed', err.message, changed, attempt);
    }
    this.emit(task.projectId, changed);
  }

  private async render(task: Task, line: LineWork): Promise<void> {
    if (!line.voiceId) throw new KoeError('not_found', `Speaker "${line.speaker}" has no voice; pick one in the cast.`);
    let engine: string;
    try {
      engine = this.deps.speech.resolveVoice(line.voiceId, line.text).engine;
    } catch (e) {
      // The line is what the user sees; say whose voice is the problem.
      if (e instanceof KoeError) throw new KoeError(e.code, `Speaker "${line.speaker}": ${e.message}`);
      throw e;
    }
    const pcm = await this.deps.speech.render({ text: line.text, voiceId: line.voiceId, params: line.params, projectId: task.projectId }, task.controller.signal);
    this.deps.timeline.addTake(task.projectId, task.lineId, { engine, voiceId: line.voiceId, params: line.params, text: line.text, pcm });
  }

  private finish(job: Job, lineId: number, state: RenderState, error: string | null, changed: RenderProgress['lines'], attempt?: string): void {
    job.states.set(lineId, attempt === undefined ? { state, error } : { state, error, attempt });
    job.done++;
    changed.push(error === null ? { lineId, state } : { lineId, state, error });
  }

  private emit(projectId: string, lines: RenderProgress['lines']): void {
    const job = this.jobs.get(projectId);
    if (!job || !this.deps.onProgress) return;
    this.deps.onProgress({ projectId, done: job.done, total: job.total, lines });
  }
}

/** Library voice ids are `<engine>:<voice>` (see EngineRouter). */
function engineOf(voiceId: string | null): string {
  const at = voiceId?.indexOf(':') ?? -1;
  return at > 0 ? voiceId!.slice(0, at) : '';
}

function attemptOf(w: Pick<LineWork, 'text' | 'voiceId' | 'params'>): string {
  return JSON.stringify([w.text, w.voiceId, w.params.speed, w.params.pitch, w.params.lex ?? '']);
}
