// The WebSocket carrier over a fake socket: queued start-up calls, replies by id, drops, back-off, binary events.
import { describe, expect, it } from 'vitest';
import { encodeEvent } from '../../../src-main/contract/wire';
import type { ConnectionState } from './transport';
import { WsTransport, type SocketLike } from './ws-transport';

class FakeSocket implements SocketLike {
  binaryType = 'blob';
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.onclose?.({});
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(data: unknown) {
    this.onmessage?.({ data });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const states: ConnectionState[] = [];
  const t = new WsTransport({
    url: 'ws://127.0.0.1:1/rpc?token=x',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    clearTimer: () => {},
    random: () => 0.5,
  });
  t.onState((s) => states.push(s));
  const sock = () => sockets[sockets.length - 1]!;
  const lastCall = () => JSON.parse(sock().sent[sock().sent.length - 1]!) as { id: number; name: string };
  return { t, sockets, timers, states, sock, lastCall };
}

describe('WsTransport', () => {
  it('asks for binary frames as ArrayBuffers', () => {
    expect(setup().sock().binaryType).toBe('arraybuffer');
  });

  it('holds calls made before the first connection and matches replies by id', async () => {
    const h = setup();
    const reply = h.t.call('app.info', {});
    expect(h.sock().sent).toHaveLength(0);
    h.sock().open();
    await Promise.resolve();
    await Promise.resolve();
    const { id, name } = h.lastCall();
    expect(name).toBe('app.info');
    h.sock().receive(JSON.stringify({ t: 'reply', id, ok: false, error: { code: 'not_found', message: 'nope' } }));
    await expect(reply).resolves.toEqual({ ok: false, error: { code: 'not_found', message: 'nope' } });
  });

  it('rejects pending calls when the socket drops, then reconnects with back-off', async () => {
    const h = setup();
    h.sock().open();
    const pending = h.t.call('projects.save', {});
    h.sock().drop();
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
    expect(h.states[h.states.length - 1]).toMatchObject({ kind: 'reconnecting', attempt: 1, retryInMs: 250, everConnected: true });
    await expect(h.t.call('app.info', {})).rejects.toMatchObject({ code: 'disconnected' });
    h.timers.shift()!.fn();
    expect(h.sockets).toHaveLength(2);
    h.sock().drop();
    expect(h.timers[0]!.ms).toBe(500);
    h.timers.shift()!.fn();
    h.sock().open();
    expect(h.states[h.states.length - 1]).toEqual({ kind: 'open' });
  });

  it('delivers JSON and binary events to subscribers', () => {
    const h = setup();
    h.sock().open();
    const got: [string, Record<string, unknown>][] = [];
    h.t.subscribe((name, payload) => got.push([name, payload]));
    h.sock().receive(JSON.stringify({ t: 'event', name: 'project.saved', payload: { id: 'p', revision: 2, origin: 'o' } }));
    const frame = encodeEvent('render.chunk', { streamId: 's', seq: 0, sampleRate: 24000, pcm: new Float32Array([0.5, -0.25]) }) as Uint8Array;
    h.sock().receive(frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength));
    expect(got[0]).toEqual(['project.saved', { id: 'p', revision: 2, origin: 'o' }]);
    expect(got[1]![0]).toBe('render.chunk');
    expect(Array.from(got[1]![1].pcm as Float32Array)).toEqual([0.5, -0.25]);
  });

  it('survives a malformed frame', () => {
    const h = setup();
    h.sock().open();
    expect(() => h.sock().receive('{oops')).not.toThrow();
    expect(() => h.sock().receive(new ArrayBuffer(2))).not.toThrow();
  });
});
