import { describe, expect, it } from 'vitest';
import { CALL_NAMES, calls } from './calls';
import { dispatch, type CallContext, type Handlers } from './dispatch';
import { decodeBinaryEvent, encodeEvent } from './wire';

const ctx: CallContext = { origin: 'test', emit: () => {} };
const seen: string[] = [];
const handlers = Object.fromEntries(
  CALL_NAMES.map((n) => [n, async (args: unknown) => {
    seen.push(n);
    return { echoed: args };
  }]),
) as unknown as Handlers;

describe('contract validation', () => {
  it('declares every call with schemas and a doc line', () => {
    for (const name of CALL_NAMES) {
      expect(calls[name].doc.length).toBeGreaterThan(5);
      expect(typeof calls[name].args.safeParse).toBe('function');
    }
  });

  it.each([
    ['unknown call', 'voices.delete_everything', {}, 'unknown_call'],
    ['non-string name', 42, {}, 'unknown_call'],
    ['prototype key', 'constructor', {}, 'unknown_call'],
    ['extra field', 'app.info', { evil: true }, 'invalid_args'],
    ['args not an object', 'projects.get', 'p1', 'invalid_args'],
    ['missing id', 'projects.get', {}, 'invalid_args'],
    ['empty project name', 'projects.create', { name: '   ' }, 'invalid_args'],
    ['empty text', 'render.start', { streamId: 'abcdefgh', text: '', voiceId: 'espeak:en-us' }, 'invalid_args'],
    ['bad stream id', 'render.start', { streamId: '../../etc', text: 'hi', voiceId: 'espeak:en-us' }, 'invalid_args'],
    ['speed out of range', 'render.start', { streamId: 'abcdefgh', text: 'hi', voiceId: 'v', params: { speed: 9, pitch: 50 } }, 'invalid_args'],
    ['bit depth 8', 'export.mix', { jobId: 'abcdefgh', projectId: 'p', bitDepth: 8, destination: { kind: 'download' } }, 'invalid_args'],
    ['unknown destination', 'export.mix', { jobId: 'abcdefgh', projectId: 'p', bitDepth: 16, destination: { kind: 'ftp' } }, 'invalid_args'],
    ['script too large', 'projects.save', { id: 'p', revision: 0, script: 'x'.repeat(2_000_001) }, 'invalid_args'],
    ['negative revision', 'projects.save', { id: 'p', revision: -1 }, 'invalid_args'],
    ['script and scriptEdit together', 'projects.save', { id: 'p', revision: 0, script: 'a', scriptEdit: { from: 0, to: 0, insert: 'a', length: 1 } }, 'invalid_args'],
    ['bad setting', 'settings.set', { gapMs: -5 }, 'invalid_args'],
    ['unknown setting', 'settings.set', { colour: 'red' }, 'invalid_args'],
  ])('rejects %s', async (_label, name, args, code) => {
    const before = seen.length;
    const reply = await dispatch(handlers, name, args, ctx);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe(code);
      expect(reply.error.message.length).toBeGreaterThan(10);
    }
    expect(seen.length).toBe(before); // the handler never ran
  });

  it('passes parsed, defaulted arguments to the handler', async () => {
    const reply = await dispatch(handlers, 'render.start', { streamId: 'abcdefgh', text: 'Hi', voiceId: 'espeak:en-us', params: {} }, ctx);
    expect(reply).toEqual({ ok: true, result: { echoed: { streamId: 'abcdefgh', text: 'Hi', voiceId: 'espeak:en-us', params: { speed: 1, pitch: 50 } } } });
  });

  it('turns a thrown error into a typed reply, never a crash', async () => {
    const failing = { ...handlers, 'app.info': async () => { throw new Error('boom'); } } as Handlers;
    const orig = console.error;
    console.error = () => {};
    try {
      expect(await dispatch(failing, 'app.info', {}, ctx)).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    } finally {
      console.error = orig;
    }
  });
});

describe('wire format', () => {
  it('round-trips PCM events through a binary frame', () => {
    const pcm = new Float32Array([0, 1, -1, 0.123456789, 1e-8]);
    const frame = encodeEvent('render.chunk', { streamId: 's1', seq: 3, sampleRate: 24000, pcm });
    expect(frame).toBeInstanceOf(Uint8Array);
    const back = decodeBinaryEvent(frame as Uint8Array);
    expect(back.name).toBe('render.chunk');
    expect(back.payload).toMatchObject({ streamId: 's1', seq: 3, sampleRate: 24000 });
    expect(Array.from(back.payload.pcm as Float32Array)).toEqual(Array.from(pcm));
  });

  it('keeps JSON-only events as text', () => {
    expect(typeof encodeEvent('export.progress', { jobId: 'j', fraction: 0.5, stage: 'x' })).toBe('string');
  });

  it('rejects malformed binary frames', () => {
    expect(() => decodeBinaryEvent(new Uint8Array([1, 0]))).toThrow();
    expect(() => decodeBinaryEvent(new Uint8Array([200, 0, 0, 0, 1, 2]))).toThrow(/overruns/);
  });
});
