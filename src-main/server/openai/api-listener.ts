// The desktop app's speech API: a server face of its own, serving only /v1 (no UI; its per-launch
// token is never shown), started, moved or stopped as Settings say. The app's windows keep using
// IPC; this listener exists for other programs only, and only while the user has turned it on.
import type { Handlers } from '../../contract/dispatch';
import { startServer, type RunningServer } from '../server';
import type { ApiKeyCheck } from './api';

export interface ApiListenerSettings {
  apiEnabled: boolean;
  apiLan: boolean;
  apiPort: number;
  /** Origins allowed to call it from a browser; a change takes effect without a restart. */
  apiCorsOrigins?: readonly string[];
}

export interface ApiListenerState {
  /** Where clients reach it (`http://127.0.0.1:8880/v1`), or null when off. */
  url: string | null;
  /** Why it is not listening although turned on (port taken, LAN without a key). */
  error: string | null;
}

export class ApiListener {
  private server: RunningServer | null = null;
  private applied = '';
  private chain: Promise<void> = Promise.resolve();
  private corsOrigins: readonly string[] = [];
  state: ApiListenerState = { url: null, error: null };

  constructor(private readonly deps: { handlers: Handlers; keys: ApiKeyCheck; onState?(state: ApiListenerState): void }) {}

  /** Brings the listener in line with `s`; calls run one after another, so a quick toggle cannot race. */
  apply(s: ApiListenerSettings): Promise<void> {
    this.chain = this.chain.then(() => this.applyNow(s));
    return this.chain;
  }

  close(): Promise<void> {
    return this.apply({ apiEnabled: false, apiLan: false, apiPort: 0 });
  }

  private async applyNow(s: ApiListenerSettings): Promise<void> {
    this.corsOrigins = s.apiCorsOrigins ?? [];
    const want = s.apiEnabled ? `${s.apiLan ? '0.0.0.0' : '127.0.0.1'}:${s.apiPort}` : '';
    if (want === this.applied && (this.server || !want)) return;
    await this.server?.close();
    this.server = null;
    this.applied = want;
    if (!want) return this.set({ url: null, error: null });
    try {
      this.server = await startServer({ handlers: this.deps.handlers, rendererDir: null, takeDownload: () => null, speechApi: { keys: this.deps.keys, corsOrigins: () => this.corsOrigins }, host: s.apiLan ? '0.0.0.0' : '127.0.0.1', port: s.apiPort });
      this.set({ url: `http://${s.apiLan ? '0.0.0.0' : '127.0.0.1'}:${this.server.port}/v1`, error: null });
    } catch (e) {
      this.set({ url: null, error: e instanceof Error ? e.message : String(e) });
    }
  }

  private set(state: ApiListenerState): void {
    this.state = state;
    this.deps.onState?.(state);
  }
}
