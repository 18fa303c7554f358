// The typed client over a fake transport: results checked against the contract, errors typed, events routed.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src-main/contract/dispatch';
import { createClient } from './rpc';
import { RpcClientError } from './rpc-error';
import type { EventListener, Transport } from './transport';

function fakeTransport(reply: (name: string, args: unknown) => Reply) {
  let listener: EventListener | null = null;
  const t: Transport = {
    kind: 'websocket',
    call: async (name, args) => reply(name, args),
    subscribe: (l) => {
      listener = l;
      return () => (listener = null);
    },
    state: () => ({ kind: 'open' }),
    onState: () => () => {},
    reconnectNow: () => {},
  };
  return { t, emit: (name: Parameters<EventListener>[0], payload: Record<string, unknown>) => listener?.(name, payload) };
}

describe('typed client', () => {
  it('returns checked results and throws RpcClientError with the core’s code', async () => {
    const { t } = fakeTransport((name) =>
      name === 'render.cancel'
        ? { ok: true, result: { cancelled: true } }
        : { ok: false, error: { code: 'invalid_args', message: 'Bad arguments', details: { text: 'there is nothing to say' } } },
    );
    const c = createClient(t);
    await expect(c.call('render.cancel', { streamId: 'abcdefgh' })).resolves.toEqual({ cancelled: true });
    const err = await c.call('render.start', { streamId: 'abcdefgh', text: '', voiceId: 'v' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcClientError);
    expect(err).toMatchObject({ code: 'invalid_args', details: { text: 'there is nothing to say' } });
  });

  it('refuses a reply that does not match the contract', async () => {
    const { t } = fakeTransport(() => ({ ok: true, result: { cancelled: 'yes' } }));
    await expect(createClient(t).call('render.cancel', { streamId: 'abcdefgh' })).rejects.toMatchObject({ code: 'internal' });
  });

  it('routes valid events by name and drops malformed ones', () => {
    const { t, emit } = fakeTransport(() => ({ ok: true, result: null }));
    const c = createClient(t);
    const seen: number[] = [];
    const off = c.on('project.saved', (p) => seen.push(p.revision));
    emit('project.saved', { id: 'p', revision: 3, origin: 'x' });
    emit('project.saved', { id: 'p', revision: 'four', origin: 'x' });
    emit('export.progress', { jobId: 'j', fraction: 0.5, stage: 's' });
    off();
    emit('project.saved', { id: 'p', revision: 5, origin: 'x' });
    expect(seen).toEqual([3]);
  });

  it('passes the desktop menu’s undo and redo, and nothing else it might be sent', () => {
    const { t, emit } = fakeTransport(() => ({ ok: true, result: null }));
    const c = createClient(t);
    const commands: string[] = [];
    c.on('app.menu', (m) => commands.push(m.command));
    emit('app.menu', { command: 'undo' });
    emit('app.menu', { command: 'redo' });
    emit('app.menu', { command: 'quit' });
    expect(commands).toEqual(['undo', 'redo']);
  });
});
