// Routes a library voice id (`<engine>:<voice>`, e.g. `espeak:en-us`) to the engine that speaks it.
// Engines register once at start-up; the rest of the core only ever holds library ids, so adding an
// engine (Kokoro, Pocket TTS) means registering it here and nothing else.
import { KoeError } from '../contract/errors';
import type { Engine, SynthesisRequest } from './types';

export interface VoiceRef {
  engine: string;
  /** The engine-local voice id (may itself contain `:`; only the first one separates). */
  voice: string;
}

export class EngineRouter {
  private readonly engines = new Map<string, Engine>();

  register(engine: Engine): void {
    if (this.engines.has(engine.id)) throw new Error(`Engine "${engine.id}" is already registered.`);
    this.engines.set(engine.id, engine);
  }

  list(): Engine[] {
    return [...this.engines.values()];
  }

  get(engineId: string): Engine | undefined {
    return this.engines.get(engineId);
  }

  voiceRef(libraryVoiceId: string): VoiceRef {
    const at = libraryVoiceId.indexOf(':');
    const engine = at > 0 ? libraryVoiceId.slice(0, at) : '';
    const voice = at > 0 ? libraryVoiceId.slice(at + 1) : '';
    if (!engine || !voice) throw new KoeError('not_found', `Unknown voice "${libraryVoiceId}": voice ids look like "espeak:en-us".`);
    return { engine, voice };
  }

  engineFor(libraryVoiceId: string): Engine {
    const { engine } = this.voiceRef(libraryVoiceId);
    const found = this.engines.get(engine);
    if (!found) throw new KoeError('not_found', `Unknown voice "${libraryVoiceId}": no engine called "${engine}" is installed.`);
    return found;
  }

  /** The model build of `engineId` for audio-cache keys; `unknown` for an engine not registered. */
  modelVersion(engineId: string): string {
    return this.engines.get(engineId)?.modelVersion() ?? 'unknown';
  }

  /** Speaks with the voice named by the library id; `req.voice` is filled in from it. */
  synthesize(libraryVoiceId: string, req: SynthesisRequest, signal?: AbortSignal): AsyncIterable<Float32Array> {
    const engine = this.engineFor(libraryVoiceId);
    return engine.synthesize({ ...req, voice: this.voiceRef(libraryVoiceId).voice }, signal);
  }
}
