// A real Core on a fresh temporary folder for a test file, and calls through the contract's
// dispatcher as a face would make them (validation included). Test-only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { EventName } from '../src-main/contract/calls';
import { dispatch, type CallContext } from '../src-main/contract/dispatch';
import { Core } from '../src-main/core/core';

export interface TestCore {
  readonly core: Core;
  /** The temporary folder: data/ and models/ live in it, and tests may write their files there. */
  readonly dir: string;
  /** A contract call; a refusal throws an Error carrying the reply's code and message. */
  call(name: string, args: unknown, ctx?: CallContext): Promise<Record<string, any>>;
  /** Events the core sent this test's face (with `attach`), oldest first. */
  readonly events: { name: EventName; payload: Record<string, unknown> }[];
}

/**
 * `attach`: the test's face hears the core's broadcasts (timeline.changed, render progress…) in `events`.
 * `models`: fills the models folder before the core opens (e.g. with the fixture Pocket TTS files).
 */
export function useTestCore(prefix: string, opts: { attach?: boolean; models?: (modelsDir: string) => void } = {}): TestCore {
  let dir = '';
  let core: Core | null = null;
  const events: TestCore['events'] = [];
  const ctx: CallContext = { origin: prefix, emit: (name, payload) => void events.push({ name, payload: payload as Record<string, unknown> }) };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    opts.models?.(join(dir, 'models'));
    core = await Core.create({ dataDir: join(dir, 'data'), modelsDir: join(dir, 'models'), face: { kind: 'cli' } });
    if (opts.attach) core.attach(ctx);
  });
  afterAll(async () => {
    await core?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get core() {
      if (!core) throw new Error('the test core is made in beforeAll');
      return core;
    },
    get dir() {
      return dir;
    },
    events,
    async call(name, args, callCtx = ctx) {
      const reply = await dispatch(this.core.handlers, name, args, callCtx);
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
      return reply.result as Record<string, any>;
    },
  };
}
