// Test rig for the timeline: a real library and SpeechService over a stand-in engine that counts
// its calls, can be held mid-render to observe parallelism and cancel, and can be told to fail.
import type { Engine, SynthesisRequest } from '../src-main/engines/types';
import { throwIfAborted } from '../src-main/lib/abort';
import { EngineRouter } from '../src-main/engines/router';
import type { EngineScheduler } from '../src-main/engines/scheduler';
import { openLibrary, type Library } from '../src-main/library/db';
import { SpeechService } from '../src-main/speech/speech-service';
import { RenderQueue, type RenderProgress } from '../src-main/timeline/render-queue';
import { TimelineService } from '../src-main/timeline/service';

export class CountingEngine implements Engine {
  readonly name = 'Counting stand-in';
  calls = 0;
  /** The text of every request, in the order they reached the engine. */
  readonly texts: string[] = [];
  active = 0;
  maxActive = 0;
  /** Requests whose text matches fail with this message. */
  failing: { pattern: RegExp; message: string } | null = null;
  private held: (() => void)[] = [];
  private holding = false;

  constructor(readonly id = 'count') {}

  capabilities() {
    return { streaming: true, speed: { min: 0.5, max: 2 }, pitch: false, cloning: false, blends: false, phonemeLexicon: false, languages: ['en'] };
  }
  modelVersion(): string {
    return 'test-1';
  }
  async load(): Promise<void> {}
  async voices() {
    return [];
  }
  async dispose(): Promise<void> {}

  /** Renders wait until release() while held. */
  hold(): void {
    this.holding = true;
  }
  release(): void {
    this.holding = false;
    for (const r of this.held.splice(0)) r();
  }

  async *synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncIterable<Float32Array> {
    this.calls++;
    this.texts.push(req.text);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    try {
      if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
      throwIfAborted(signal);
      if (this.failing?.pattern.test(req.text)) throw new Error(this.failing.message);
      // Length follows the text, so a longer line is a longer take.
      yield new Float32Array(req.text.length * 240).fill(req.voice === 'b' ? 0.2 : 0.1);
    } finally {
      this.active--;
    }
  }
}

/** Continues from its last 0.1 s; each line's level comes from its text, plus a share of the context's. */
export class ContinuingEngine extends CountingEngine {
  /** What each request's context was, by its text (null: none). */
  readonly contexts = new Map<string, Float32Array | null>();

  constructor() {
    super('ctx');
  }

  override capabilities() {
    return { ...super.capabilities(), continuesFrom: { seconds: 0.1 } };
  }

  override async *synthesize(req: SynthesisRequest, signal?: AbortSignal): AsyncIterable<Float32Array> {
    this.contexts.set(req.text, req.context ? req.context.slice() : null);
    const own = 0.01 * ((req.text.length % 17) + 1) + (req.speed - 1) * 0.1;
    const carried = req.context ? 0.5 * req.context[req.context.length - 1]! : 0;
    for await (const pcm of super.synthesize(req, signal)) yield pcm.fill(own + carried);
  }
}

export interface Rig {
  library: Library;
  engine: CountingEngine;
  speech: SpeechService;
  timeline: TimelineService;
  queue: RenderQueue;
  progress: RenderProgress[];
  changed: { projectId: string; revision: number }[];
}

export interface RigOptions {
  /** Engines registered instead of one CountingEngine (e.g. a WorkerEngine over stand-ins); each gets voices a and b. */
  engines?: Engine[];
  engineCapacity?(engineId: string): number;
  /** The engine scheduler the SpeechService asks for slots (as in the Core); none: chunks go straight in. */
  scheduler?: EngineScheduler;
  /** Keep the queue's owed lines in the library, as the Core does. */
  persist?: boolean;
  now?(): number;
  /** Whether a voice's engine continues from the previous line (TimelineService's dep); none when absent. */
  continuesFrom?(voiceId: string): boolean;
}

export function makeRig(path = ':memory:', concurrency = 3, opts: RigOptions = {}): Rig {
  const library = openLibrary(path);
  const engine = new CountingEngine();
  const router = new EngineRouter();
  for (const e of opts.engines ?? [engine]) {
    router.register(e);
    library.voices.upsertSystemVoices(e.id, ['a', 'b'].map((v) => ({
      id: `${e.id}:${v}`, name: `Voice ${v.toUpperCase()}`, engine: e.id, kind: 'system' as const, language: 'en', languageName: 'English',
      gender: 'neutral' as const, tags: [], grade: null, available: true, unavailableReason: null,
    })));
  }
  library.settings.setSettings({ defaultVoiceId: 'count:a' });
  const speech = new SpeechService({ router, library, modelVersion: () => 'test-1', ...(opts.scheduler ? { scheduler: opts.scheduler } : {}) });
  const progress: RenderProgress[] = [];
  const changed: Rig['changed'] = [];
  let queue: RenderQueue | null = null;
  const timeline = new TimelineService({ library, renderState: (p, l, w) => queue?.stateOf(p, l, w) ?? null, onChanged: (projectId, revision) => void changed.push({ projectId, revision }), ...(opts.continuesFrom ? { continuesFrom: opts.continuesFrom } : {}) });
  queue = new RenderQueue({ speech, timeline, concurrency, ...(opts.engineCapacity ? { engineCapacity: opts.engineCapacity } : {}), ...(opts.persist ? { store: library.renderJobs } : {}), ...(opts.now ? { now: opts.now } : {}), onProgress: (p) => void progress.push(p) });
  return { library, engine, speech, timeline, queue, progress, changed };
}
