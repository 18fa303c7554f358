import { describe, expect, it } from 'vitest';
import { createWorkerHandler } from './handler';
import type { FromWorker, ToWorker } from './protocol';
import { toneEngine } from '../../../test-support/engines/worker-fake-engines';

function setup() {
  const log: string[] = [];
  const sent: { msg: FromWorker; transfer?: ArrayBuffer[] }[] = [];
  let wake: (() => void) | null = null;
  const handler = createWorkerHandler({ tone: () => toneEngine(log) }, (msg, transfer) => {
    sent.push({ msg, transfer });
    wake?.();
  });
  /** Resolves once a message of `type` for request `id` has been posted. */
  async function until(id: number, ...types: FromWorker['type'][]): Promise<FromWorker> {
    for (;;) {
      const hit = sent.find((s) => s.msg.id === id && types.includes(s.msg.type));
      if (hit) return hit.msg;
      await new Promise<void>((r) => (wake = r));
    }
  }
  const send = (msg: ToWorker): void => handler.handle(msg);
  return { log, sent, handler, until, send };
}

const req = (text: string, voice = 'a') => ({ text, voice, speed: 1, pitch: 50 });

describe('createWorkerHandler', () => {
  it('loads an engine and describes it', async () => {
    const { send, until, log } = setup();
    send({ type: 'load', id: 1, engine: 'tone' });
    expect(await until(1, 'loaded')).toMatchObject({ engine: { name: 'Test tones', capabilities: { languages: ['xx'] } } });
    expect(log).toEqual(['load']);
  });

  it('lists voices', async () => {
    const { send, until } = setup();
    send({ type: 'voices', id: 7, engine: 'tone' });
    expect(await until(7, 'voices')).toMatchObject({ voices: [{ id: 'a', gender: 'female' }] });
  });

  it('streams chunks in order, each transferring its own whole buffer, then done', async () => {
    const { send, until, sent } = setup();
    send({ type: 'synthesize', id: 2, engine: 'tone', req: req('4:0') });
    await until(2, 'done');
    const chunks = sent.filter((s) => s.msg.type === 'chunk');
    expect(chunks.map((s) => (s.msg as Extract<FromWorker, { type: 'chunk' }>).pcm[0])).toEqual([0, 1, 2, 3]);
    for (const { msg, transfer } of chunks) {
      const pcm = (msg as Extract<FromWorker, { type: 'chunk' }>).pcm;
      expect(pcm.length).toBe(100);
      expect(transfer).toEqual([pcm.buffer]);
      expect(pcm.buffer.byteLength).toBe(400); // copied out of the engine's 200-sample buffer
    }
  });

  it('cancels a running synthesis through its AbortController', async () => {
    const { send, until, log } = setup();
    send({ type: 'synthesize', id: 3, engine: 'tone', req: req('100:20') });
    await until(3, 'chunk');
    send({ type: 'cancel', id: 3 });
    expect(await until(3, 'error', 'done')).toMatchObject({ type: 'error', error: { name: 'AbortError' } });
    expect(log).toContain('aborted');
  });

  it('reports engine errors with their code and details', async () => {
    const { send, until } = setup();
    send({ type: 'synthesize', id: 4, engine: 'tone', req: req('2:0', 'bad') });
    expect(await until(4, 'error')).toMatchObject({ error: { code: 'not_found', message: 'Unknown voice "bad"', details: { voice: 'unknown' } } });
    send({ type: 'synthesize', id: 5, engine: 'tone', req: req('3:0', 'broken') });
    expect(await until(5, 'error')).toMatchObject({ error: { name: 'Error', message: 'the model fell over' } });
  });

  it('says which engine is missing', async () => {
    const { send, until } = setup();
    send({ type: 'voices', id: 6, engine: 'kokoro' });
    expect(await until(6, 'error')).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('"kokoro"') } });
  });

  it('ignores a cancel for a request it does not know', () => {
    const { send, sent } = setup();
    send({ type: 'cancel', id: 99 });
    expect(sent).toEqual([]);
  });

  it('aborts running work and disposes engines on dispose', async () => {
    const { send, until, handler, log } = setup();
    send({ type: 'synthesize', id: 8, engine: 'tone', req: req('100:20') });
    await until(8, 'chunk');
    await handler.dispose();
    await until(8, 'error');
    expect(log).toEqual(expect.arrayContaining(['aborted', 'dispose']));
  });
});
