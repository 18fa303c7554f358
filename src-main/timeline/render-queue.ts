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
//
// A book is thousands of lines and hours of work, so the owed lines and the paused flag are written
// to the library as they change (RenderJobsStore): after a crash or a quit the queue picks up where
// it was, and a line whose take was stored is never rendered again. Pause lets running lines finish
// and starts no more; the ETA comes from this job's own pace in characters per second.
import type { RenderState } from '../contract/calls-timeline';
import { KoeError, toRpcError } from '../contract/errors';
import type { SpeechService } from '../speech/speech-service';
import type { LineWork, TimelineService } from './service';
import { isPendingContext } from './context-lines';

export interface RenderProgress {
  projectId: string;
  done: number;
  total: number;
  paused: boolean;
  /** Seconds left at this job's pace so far; null until a line has finished. */
  etaSec: number | null;
  lines: { lineId: number; state: RenderState; error?: string; warnings?: string[] }[];
}

/** Where the queue keeps what a restart needs (the library's RenderJobsRepo). */
export interface RenderJobsStore {
  add(projectId: string, lineIds: readonly number[]): void;
  finish(projectId: string, lineId: number): void;
  clear(projectId: string): void;
  setPaused(projectId: string, paused: boolean): void;
  load(): { projectId: string; paused: boolean; lineIds: number[] }[];
}

export interface RenderQueueDeps {
  speech: SpeechService;
  timeline: TimelineService;
  /** How many lines render at once in all. */
  concurrency: number;
  /** How many lines one engine renders at once (its worker count); no limit but `concurrency` when absent. */
  engineCapacity?(engineId: string): number;
  onProgress?(p: RenderProgress): void;
  /** Persist the owed lines; without it the queue forgets its work when the process ends. */
  store?: RenderJobsStore;
  /** Milliseconds; tests drive the ETA with their own clock. */
  now?(): number;
}

interface Task {
  projectId: string;
  lineId: number;
  controller: AbortController;
  /** The engine of the line's voice when it was queued ('' if it has none); only for scheduling. */
  engine: string;
  /** Queue order across engines. */
  seq: number;
  /** The text's length when queued: the ETA's measure of work. */
  chars: number;
  /** The line it continues from (context-lines.ts): it does not start while that one is queued or rendering. */
  after?: number;
  /** Render from the voice alone even when the project continues from the previous line (a take to compare). */
  withoutContext?: boolean;
}

/** `warnings`: what the text front end skipped in a rendered line (a rare hanzi, unknown kana). */
interface LineState {
  state: RenderState;
  error: string | null;
  attempt?: string;
  warnings?: string[];
}

interface Job {
  /** `attempt`: what the line said (text, voice, params) when it was last rendered or tried. */
  states: Map<number, LineState>;
  total: number;
  done: number;
  idle: (() => void)[];
  paused: boolean;
  /** Characters queued and finished in this job, and the time spent rendering them (not paused). */
  charsTotal: number;
  charsDone: number;
  activeMs: number;
  /** When the current stretch of rendering began; null while paused or idle. */
  activeSince: number | null;
}

export class RenderQueue {
  /** Waiting lines by engine, each list in queue order. */
  private readonly pending = new Map<string, Task[]>();
  private readonly running = new Set<Task>();
  private seq = 0;
  private readonly jobs = new Map<string, Job>();
  /** Set by shutdown: lines stopped now are still owed, so the store keeps them for the next start. */
  private closing = false;
  private readonly now: () => number;

  constructor(private readonly deps: RenderQueueDeps) {
    if (!Number.isInteger(deps.concurrency) || deps.concurrency < 1) throw new RangeError(`render concurrency must be a whole number ≥ 1, got ${deps.concurrency}`);
    this.now = deps.now ?? Date.now;
  }

  /**
   * Picks up the work saved by an earlier run (at start-up). Lines removed from the script since,
   * or already rendered as written, are dropped; a paused job comes back paused.
   */
  restore(): { projects: number; lines: number } {
    const store = this.deps.store;
    if (!store) return { projects: 0, lines: 0 };
    let projects = 0;
    let lines = 0;
    for (const saved of store.load()) {
      let work: LineWork[];
      try {
        work = this.deps.timeline.work(saved.projectId);
      } catch {
        store.clear(saved.projectId); // the project is gone
        continue;
      }
      const owed = new Set(work.filter((w) => w.status !== 'ready').map((w) => w.lineId));
      const todo = saved.lineIds.filter((id) => owed.has(id));
      if (todo.length === 0) {
        store.clear(saved.projectId);
        continue;
      }
      const job = this.jobFor(saved.projectId);
      job.paused = saved.paused;
      this.enqueue(saved.projectId, todo);
      projects++;
      lines += todo.length;
    }
    return { projects, lines };
  }

  /**
   * Queues lines: the given ones (a re-render, or a retry after a failure) or else every line that
   * is missing or stale. Lines already queued or rendering are not queued twice. A line that
   * continues from another whose take is missing or stale brings that one along, ahead of it.
   * `withoutContext`: the given lines render from the voice alone (a take to compare).
   */
  enqueue(projectId: string, lineIds?: readonly number[], opts: { withoutContext?: boolean } = {}): { queued: number } {
    const work = this.deps.timeline.work(projectId);
    const known = new Set(work.map((w) => w.lineId));
    for (const id of lineIds ?? []) if (!known.has(id)) throw new KoeError('not_found', `Line ${id} is not in this project; it may have been removed from the script.`);
    const workOf = new Map(work.map((w) => [w.lineId, w] as const));
    const asked = lineIds ? [...new Set(lineIds)] : work.filter((w) => w.status !== 'ready').map((w) => w.lineId);
    const withoutContext = opts.withoutContext === true && lineIds !== undefined;
    const wanted = withoutContext ? asked : withContextLines(asked, workOf);
    const job = this.jobFor(projectId);
    const changed: RenderProgress['lines'] = [];
    for (const lineId of wanted) {
      const s = job.states.get(lineId)?.state;
      if (s === 'queued' || s === 'rendering') continue;
      if (s === 'done' || s === 'failed' || s === 'cancelled') job.done--;
      else job.total++;
      job.states.set(lineId, { state: 'queued', error: null });
      const w = workOf.get(lineId);
      const task: Task = { projectId, lineId, controller: new AbortController(), engine: engineOf(w?.voiceId ?? null), seq: this.seq++, chars: w?.text.length ?? 0 };
      if (withoutContext) task.withoutContext = true;
      else if (w?.contextLineId !== undefined) task.after = w.contextLineId;
      job.charsTotal += task.chars;
      const list = this.pending.get(task.engine);
      if (list) list.push(task);
      else this.pending.set(task.engine, [task]);
      changed.push({ lineId, state: 'queued' });
    }
    this.deps.store?.add(projectId, changed.map((c) => c.lineId));
    if (changed.length) this.emit(projectId, changed);
    this.pump();
    if (this.isIdle(projectId)) this.settle(projectId);
    return { queued: changed.length };
  }

  /** Starts no more of the project's lines; those rendering now finish. Returns whether it had work. */
  pause(projectId: string): boolean {
    const job = this.jobs.get(projectId);
    if (!job || this.isIdle(projectId)) return false;
    if (!job.paused) {
      job.paused = true;
      this.stopClock(job);
      this.deps.store?.setPaused(projectId, true);
      this.emit(projectId, []);
    }
    return true;
  }

  /** Carries on with a paused project. Returns whether it had work. */
  resume(projectId: string): boolean {
    const job = this.jobs.get(projectId);
    if (!job || this.isIdle(projectId)) return false;
    if (job.paused) {
      job.paused = false;
      this.deps.store?.setPaused(projectId, false);
      this.emit(projectId, []);
      this.pump();
    }
    return true;
  }

  /** The project's job as the toolbar shows it; null when nothing is queued or rendering. */
  progressOf(projectId: string): Omit<RenderProgress, 'lines'> | null {
    const job = this.jobs.get(projectId);
    if (!job || this.isIdle(projectId)) return null;
    return { projectId, done: job.done, total: job.total, paused: job.paused, etaSec: this.eta(job) };
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
    job.paused = false;
    this.deps.store?.clear(projectId);
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
  stateOf(projectId: string, lineId: number, now?: Pick<LineWork, 'text' | 'voiceId' | 'params'>): { state: RenderState; error: string | null; warnings?: string[] } | null {
    const s = this.jobs.get(projectId)?.states.get(lineId);
    if (!s) return null;
    const finished = s.state === 'done' || s.state === 'failed' || s.state === 'cancelled';
    if (finished && now && s.attempt !== undefined && s.attempt !== attemptOf(now)) return null;
    return s.warnings?.length ? { state: s.state, error: s.error, warnings: s.warnings } : { state: s.state, error: s.error };
  }

  /** Resolves when the project has nothing queued or rendering (tests, the CLI, export). */
  whenIdle(projectId: string): Promise<void> {
    if (this.isIdle(projectId)) return Promise.resolve();
    return new Promise((resolve) => this.jobs.get(projectId)!.idle.push(resolve));
  }

  cancelAll(): void {
    for (const id of [...this.jobs.keys()]) this.cancel(id);
  }

  /**
   * The process is quitting: stop every line without forgetting it. What was owed stays in the
   * store, so the next start resumes; the queue takes no more work.
   */
  shutdown(): void {
    this.closing = true;
    this.pending.clear();
    for (const t of this.running) t.controller.abort();
    // A project with nothing running has no line left to finish and settle it; wake its waiters now.
    for (const id of this.jobs.keys()) if (this.isIdle(id)) this.settle(id);
  }

  private jobFor(projectId: string): Job {
    let job = this.jobs.get(projectId);
    if (!job || this.isIdle(projectId)) {
      job = { states: new Map(), total: 0, done: 0, idle: job?.idle ?? [], paused: job?.paused ?? false, charsTotal: 0, charsDone: 0, activeMs: 0, activeSince: null };
      this.jobs.set(projectId, job);
    }
    return job;
  }

  private stopClock(job: Job): void {
    if (job.activeSince === null) return;
    job.activeMs += this.now() - job.activeSince;
    job.activeSince = null;
  }

  private eta(job: Job): number | null {
    const spent = job.activeMs + (job.activeSince === null ? 0 : this.now() - job.activeSince);
    if (job.charsDone <= 0 || spent <= 0) return null;
    const left = Math.max(0, job.charsTotal - job.charsDone);
    return Math.round((left / job.charsDone) * (spent / 1000));
  }

  private isIdle(projectId: string): boolean {
    for (const list of this.pending.values()) if (list.some((t) => t.projectId === projectId)) return false;
    return ![...this.running].some((t) => t.projectId === projectId);
  }

  private settle(projectId: string): void {
    const job = this.jobs.get(projectId);
    if (!job) return;
    this.stopClock(job);
    job.paused = false;
    if (!this.closing) this.deps.store?.clear(projectId);
    for (const resolve of job.idle.splice(0)) resolve();
  }

  /**
   * The earliest queued line, of a project not paused and not waiting for the line it continues
   * from, whose engine has a free worker. A line only ever waits for an earlier line of the script,
   * so the waits cannot form a cycle, and the line waited for needs no slot held by the waiter.
   */
  private next(): Task | null {
    let best: { task: Task; list: Task[]; at: number } | null = null;
    for (const [engine, list] of this.pending) {
      const at = list.findIndex((t) => !this.jobs.get(t.projectId)?.paused && !this.waiting(t));
      const head = at < 0 ? undefined : list[at];
      if (!head || (best && best.task.seq < head.seq)) continue;
      const capacity = engine && this.deps.engineCapacity ? this.deps.engineCapacity(engine) : Infinity;
      let busy = 0;
      for (const t of this.running) if (t.engine === engine) busy++;
      if (busy < capacity) best = { task: head, list, at };
    }
    if (!best) return null;
    best.list.splice(best.at, 1);
    if (best.list.length === 0) this.pending.delete(best.task.engine);
    return best.task;
  }

  private waiting(t: Task): boolean {
    if (t.after === undefined) return false;
    const s = this.jobs.get(t.projectId)?.states.get(t.after)?.state;
    return s === 'queued' || s === 'rendering';
  }

  private pump(): void {
    if (this.closing) return;
    while (this.running.size < this.deps.concurrency) {
      const task = this.next();
      if (!task) break;
      const job = this.jobs.get(task.projectId);
      if (job && job.activeSince === null) job.activeSince = this.now();
      this.running.add(task);
      void this.run(task).finally(() => {
        this.running.delete(task);
        const job = this.jobs.get(task.projectId);
        if (job?.paused && ![...this.running].some((t) => t.projectId === task.projectId)) this.stopClock(job);
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
      const warnings = await this.render(task, line);
      job.charsDone += task.chars;
      this.finish(job, task.lineId, 'done', null, changed, attempt, warnings);
    } catch (e) {
      const err = toRpcError(e);
      // Its share of the work is over either way, so the ETA counts it as done.
      job.charsDone += task.chars;
      if (err.code === 'cancelled' || task.controller.signal.aborted) this.finish(job, task.lineId, 'cancelled', null, changed, attempt);
      else this.finish(job, task.lineId, 'failed', err.message, changed, attempt);
    }
    // Stopped by a quit: still owed, so the store keeps it for the next start.
    if (!this.closing) this.deps.store?.finish(task.projectId, task.lineId);
    this.emit(task.projectId, changed);
  }

  /** Renders the line into a new take; answers what its text front end could not read. */
  private async render(task: Task, line: LineWork): Promise<string[]> {
    if (!line.voiceId) throw new KoeError('not_found', `Speaker "${line.speaker}" has no voice; pick one in the cast.`);
    let engine: string;
    try {
      engine = this.deps.speech.resolveVoice(line.voiceId, line.text).engine;
    } catch (e) {
      // The line is what the user sees; say whose voice is the problem.
      if (e instanceof KoeError) throw new KoeError(e.code, `Speaker "${line.speaker}": ${e.message}`);
      throw e;
    }
    const { params, context } = this.contextOf(task, line);
    const req = { text: line.text, voiceId: line.voiceId, params, projectId: task.projectId, lane: { priority: 'background' as const, owner: task.projectId } };
    const pcm = await this.deps.speech.render(context ? { ...req, context } : req, task.controller.signal);
    this.deps.timeline.addTake(task.projectId, task.lineId, { engine, voiceId: line.voiceId, params, text: line.text, pcm });
    return this.deps.speech.readingWarnings(req, task.controller.signal);
  }

  /**
   * The params the take is stored with and the audio it continues from. A line whose context line
   * still has no current take fails, naming that line, rather than quietly rendering without it:
   * its take would read as ready while not being what the project asked for.
   */
  private contextOf(task: Task, line: LineWork): { params: LineWork['params']; context: Float32Array | null } {
    if (line.params.context === undefined) return { params: line.params, context: null };
    if (task.withoutContext) {
      const { context: _dropped, ...params } = line.params;
      return { params, context: null };
    }
    const audio = isPendingContext(line.params.context) ? null : this.deps.timeline.contextAudio(line);
    if (!audio) {
      const from = line.contextLineId === undefined ? null : this.deps.timeline.lineWork(task.projectId, line.contextLineId);
      const why = from ? this.stateOf(task.projectId, from.lineId)?.error : null;
      const which = from ? `${from.speaker}'s line "${from.text.slice(0, 40)}"` : 'the line before it';
      throw new KoeError('engine', `This line continues from ${which}, which has no current take${why ? ` (${why})` : ''}. Render that line first, or turn off "Continue from the previous line".`);
    }
    return { params: line.params, context: audio };
  }

  private finish(job: Job, lineId: number, state: RenderState, error: string | null, changed: RenderProgress['lines'], attempt?: string, warnings: string[] = []): void {
    const entry: LineState = { state, error };
    if (attempt !== undefined) entry.attempt = attempt;
    if (warnings.length) entry.warnings = warnings;
    job.states.set(lineId, entry);
    job.done++;
    changed.push({ lineId, state, ...(error === null ? {} : { error }), ...(warnings.length ? { warnings } : {}) });
  }

  private emit(projectId: string, lines: RenderProgress['lines']): void {
    const job = this.jobs.get(projectId);
    if (!job || !this.deps.onProgress) return;
    this.deps.onProgress({ projectId, done: job.done, total: job.total, paused: job.paused, etaSec: this.eta(job), lines });
  }
}

/** Library voice ids are `<engine>:<voice>` (see EngineRouter). */
function engineOf(voiceId: string | null): string {
  const at = voiceId?.indexOf(':') ?? -1;
  return at > 0 ? voiceId!.slice(0, at) : '';
}

function attemptOf(w: Pick<LineWork, 'text' | 'voiceId' | 'params'>): string {
  return JSON.stringify([w.text, w.voiceId, w.params.speed, w.params.pitch, w.params.lex ?? '', w.params.direction ?? '', w.params.directionEffects ?? '', w.params.context ?? '', w.params.style ?? '']);
}

/**
 * `asked` with, ahead of each line, the lines it continues from (and theirs) whose takes are
 * missing or stale: they must render first for it to have anything to continue from.
 */
function withContextLines(asked: readonly number[], workOf: ReadonlyMap<number, LineWork>): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  // Iterative: a book's chain of stale lines can be thousands long.
  const add = (id: number): void => {
    const chain: number[] = [];
    for (let at: number | undefined = id; at !== undefined && !seen.has(at); ) {
      seen.add(at);
      chain.push(at);
      const before: number | undefined = workOf.get(at)?.contextLineId;
      at = before !== undefined && workOf.get(before)?.status !== 'ready' ? before : undefined;
    }
    out.push(...chain.reverse());
  };
  for (const id of asked) add(id);
  return out;
}
