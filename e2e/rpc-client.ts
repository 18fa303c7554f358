// A minimal Node client of the server face for specs and benchmarks that need the API without a page.
import WebSocket from 'ws';
import { decodeBinaryEvent } from '../src-main/contract/wire';

export interface RpcClient {
  call(name: string, args: unknown): Promise<any>;
  on(name: string, fn: (payload: any) => void): () => void;
  close(): void;
}

export async function connectRpc(baseUrl: string, token: string): Promise<RpcClient> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/rpc?token=${encodeURIComponent(token)}`);
  ws.binaryType = 'nodebuffer';
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(p: any) => void>>();
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const msg = isBinary ? { t: 'event', ...decodeBinaryEvent(new Uint8Array(data)) } : JSON.parse(data.toString());
    if (msg.t === 'reply') {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (!p) return;
      if (msg.ok) p.resolve(msg.result);
      else p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
    } else if (msg.t === 'event') {
      for (const fn of listeners.get(msg.name) ?? []) fn(msg.payload);
    }
  });
  // A dead connection fails every call still waiting, as the app's own client does.
  ws.on('close', () => {
    for (const p of pending.values()) p.reject(Object.assign(new Error('connection closed'), { code: 'disconnected' }));
    pending.clear();
  });
  return {
    call(name, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (ws.readyState !== WebSocket.OPEN) return reject(Object.assign(new Error('connection closed'), { code: 'disconnected' }));
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ t: 'call', id, name, args }));
      });
    },
    on(name, fn) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(fn);
      return () => listeners.get(name)!.delete(fn);
    },
    close: () => ws.close(),
  };
}
