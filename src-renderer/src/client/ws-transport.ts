// The browser carrier: one WebSocket to `/rpc` speaking the wire format of contract/wire.ts, with
// reconnection. A dropped socket takes its pending calls with it: they reject at once with
// `disconnected` rather than hanging, because the core may or may not have run them and only the
// caller (autosave, export) knows whether retrying is safe.
import type { EventName } from '../../../src-main/contract/calls';
import type { Reply } from '../../../src-main/contract/dispatch';
import { decodeBinaryEvent, type ServerMessage } from '../../../src-main/contract/wire';
import { backoffDelay } from './backoff';
import { RpcClientError } from './rpc-error';
import type { ConnectionState, EventListener, Transport } from './transport';

/** The slice of the DOM WebSocket this file uses, so tests can hand in a fake. */
export interface SocketLike {
  binaryType: string;
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
}

const OPEN = 1;

interface Pending {
  name: string;
  resolve: (r: Reply) => void;
  reject: (e: unknown) => void;
}

export class WsTransport implements Transport {
  readonly kind = 'websocket' as const;
  private socket: SocketLike | null = null;
  private current: ConnectionState = { kind: 'connecting' };
  private everConnected = false;
  private attempt = 0;
  private retryTimer: unknown = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<EventListener>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  /** Calls made before the first connection wait for it (through retries) instead of failing start-up. */
  private readonly waitingForFirstOpen: (() => void)[] = [];
  private readonly createSocket: (url: string) => SocketLike;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly random: () => number;

  constructor(private readonly opts: WsTransportOptions) {
    this.createSocket = opts.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.random = opts.random ?? Math.random;
    this.connect();
  }

  state(): ConnectionState {
    return this.current;
  }

  onState(fn: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(fn);
    return () => this.stateListeners.delete(fn);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  call(name: string, args: unknown): Promise<Reply> {
    if (!this.everConnected) {
      return new Promise<void>((resolve) => this.waitingForFirstOpen.push(resolve)).then(() => this.call(name, args));
    }
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) {
      return Promise.reject(new RpcClientError('disconnected', `Not connected to Koe Studio, so "${name}" was not sent. Reconnecting…`));
    }
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { name, resolve, reject });
      socket.send(JSON.stringify({ t: 'call', id, name, args }));
    });
  }

  reconnectNow(): void {
    if (this.current.kind !== 'reconnecting') return;
    if (this.retryTimer !== null) this.clearTimer(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  /** Stops for good (tests, page teardown). */
  close(): void {
    if (this.retryTimer !== null) this.clearTimer(this.retryTimer);
    this.retryTimer = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close(1000, 'closing');
    }
    this.failPending();
  }

  private setState(s: ConnectionState): void {
    this.current = s;
    for (const fn of this.stateListeners) fn(s);
  }

  // Retries stay in the `reconnecting` state until a socket opens: flipping to `connecting` for each
  // attempt would make the banner blink.
  private connect(): void {
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.opts.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      this.everConnected = true;
      this.setState({ kind: 'open' });
      for (const wake of this.waitingForFirstOpen.splice(0)) wake();
    };
    socket.onmessage = (ev) => this.onMessage(ev.data);
    // `error` is always followed by `close`; handling both would schedule two retries.
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending();
      this.scheduleRetry();
    };
  }

  private scheduleRetry(): void {
    const retryInMs = backoffDelay(this.attempt, this.random());
    this.attempt += 1;
    this.setState({ kind: 'reconnecting', attempt: this.attempt, retryInMs, everConnected: this.everConnected });
    this.retryTimer = this.setTimer(() => {
      this.retryTimer = null;
      this.connect();
    }, retryInMs);
  }

  private failPending(): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      p.reject(new RpcClientError('disconnected', `Lost the connection to Koe Studio while "${p.name}" was running; it may not have finished.`));
    }
  }

  private onMessage(data: unknown): void {
    let msg: ServerMessage;
    try {
      if (typeof data === 'string') msg = JSON.parse(data) as ServerMessage;
      else if (data instanceof ArrayBuffer || data instanceof Uint8Array) msg = { t: 'event', ...decodeBinaryEvent(data) };
      else return;
    } catch (e) {
      console.warn('[koe] dropped a malformed frame from the server:', e);
      return;
    }
    if (msg.t === 'reply') {
      const p = this.pending.get(msg.id);
      if (!p) {
        if (!msg.ok) console.warn('[koe] server refused a message:', msg.error.message);
        return;
      }
      this.pending.delete(msg.id);
      p.resolve(msg.ok ? { ok: true, result: msg.result } : { ok: false, error: msg.error });
    } else if (msg.t === 'event') {
      for (const fn of this.listeners) fn(msg.name as EventName, msg.payload);
    }
  }
}
