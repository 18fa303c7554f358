// The off-thread parse's bookkeeping, with a stand-in Worker that parses on a later tick: short
// scripts stay inline, panels asking for the same text share one parse, newer text supersedes older,
// answers fill the parse cache, and a worker that fails leaves parsing to the page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseScript } from '../../../src-main/script/parse';

class FakeWorker {
  static instances: FakeWorker[] = [];
  static failNext = false;
  posted: { id: number; text: string }[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeWorker.instances.push(this);
  }
  postMessage(req: { id: number; text: string; notSpeakers: string[] }) {
    this.posted.push(req);
    setTimeout(() => {
      if (FakeWorker.failNext) return this.onerror?.();
      this.onmessage?.({ data: { id: req.id, result: parseScript(req.text, { notSpeakers: req.notSpeakers }) } });
    }, 1);
  }
  terminate() {}
}

const long = (tag: string) => Array.from({ length: 2_000 }, (_, i) => `${i % 2 ? 'Ana' : 'Ben'}: ${tag} line ${i} of a long enough script.`).join('\n');

describe('parse off the page thread', () => {
  beforeEach(() => {
    vi.resetModules();
    FakeWorker.instances = [];
    FakeWorker.failNext = false;
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('parses short scripts inline, long ones once in the worker, and caches the answer', async () => {
    const { parseOffThread, OFF_THREAD_CHARS } = await import('./parse-off-thread');
    const { cached } = await import('./script-model');
    const rules: string[] = [];
    expect((await parseOffThread('Ana: hi', rules))!.lines).toHaveLength(1);
    expect(FakeWorker.instances).toHaveLength(0);
    const text = long('first');
    expect(text.length).toBeGreaterThan(OFF_THREAD_CHARS);
    const a = parseOffThread(text, rules);
    const b = parseOffThread(text, rules);
    expect(b).toBe(a);
    const r = await a;
    expect(FakeWorker.instances[0]!.posted).toHaveLength(1);
    expect(r!.lines).toHaveLength(2_000);
    expect(cached(text, rules)).toBe(r);
  });

  it('a newer text supersedes an older one still being parsed', async () => {
    const { parseOffThread } = await import('./parse-off-thread');
    const rules: string[] = [];
    const older = parseOffThread(long('old'), rules);
    const newer = parseOffThread(long('new'), rules);
    expect(await older).toBeNull();
    expect((await newer)!.lines[0]!.text).toContain('new line 0');
  });

  it('falls back to parsing inline when the worker fails', async () => {
    const { parseOffThread } = await import('./parse-off-thread');
    FakeWorker.failNext = true;
    const r = await parseOffThread(long('x'), []);
    expect(r!.lines).toHaveLength(2_000);
    // And later requests no longer go to a worker.
    await parseOffThread(long('y'), []);
    expect(FakeWorker.instances[0]!.posted).toHaveLength(1);
  });
});
