// A model host on 127.0.0.1 for the download and manager tests: serves generated files with HTTP
// Range support, and misbehaves on request in the ways real hosts and networks do (cut connections,
// ignored Range, 5xx, stalls, lying lengths). Each path has a queue of steps, one per request;
// when the queue is empty the file is served correctly. Test-only; nothing in the app imports it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | { kind: 'ok' }
  /** Answers 200 with the whole file whatever Range asked for. */
  | { kind: 'ignore-range' }
  /** Promises the full length, sends `after` bytes of the body, then drops the connection. */
  | { kind: 'cut'; after: number }
  /** Sends `after` bytes and then nothing at all, keeping the connection open. */
  | { kind: 'stall'; after: number }
  /** Sends `after` bytes without a Content-Length and ends cleanly (a server that lost the rest). */
  | { kind: 'short'; after: number }
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Answers a Range request with a 206 that starts somewhere else. */
  | { kind: 'wrong-start' }
  /** Serves this body instead of the file (e.g. a different file of another size). */
  | { kind: 'body'; data: Buffer };

export interface LoggedRequest {
  path: string;
  range: string | null;
  status: number;
}

export class FixtureServer {
  readonly files = new Map<string, Buffer>();
  readonly log: LoggedRequest[] = [];
  private readonly plans = new Map<string, Step[]>();

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(): Promise<FixtureServer> {
    let self: FixtureServer | null = null;
    const server = createServer((req, res) => self!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new FixtureServer(server, `http://127.0.0.1:${port}/`);
    return self;
  }

  serve(path: string, data: Buffer): void {
    this.files.set(`/${path.replace(/^\//, '')}`, data);
  }

  plan(path: string, ...steps: Step[]): void {
    this.plans.set(`/${path.replace(/^\//, '')}`, steps);
  }

  /** Forgets the request log and any steps a test planned but did not use. */
  reset(): void {
    this.log.length = 0;
    this.plans.clear();
  }

  requestsFor(path: string): LoggedRequest[] {
    const p = `/${path.replace(/^\//, '')}`;
    return this.log.filter((r) => r.path === p);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const range = req.headers.range ?? null;
    const step = this.plans.get(path)?.shift() ?? { kind: 'ok' };
    const record = (status: number) => this.log.push({ path, range, status });
    let file = this.files.get(path);
    if (step.kind === 'body') file = step.data;
    if (step.kind === 'status') {
      record(step.status);
      res.writeHead(step.status, step.retryAfter ? { 'retry-after': step.retryAfter } : {});
      res.end(`status ${step.status}`);
      return;
    }
    if (!file) {
      record(404);
      res.writeHead(404).end('not found');
      return;
    }
    let start = 0;
    const m = range && step.kind !== 'ignore-range' ? /^bytes=(\d+)-$/.exec(range) : null;
    if (m) {
      start = Number(m[1]);
      if (start >= file.length) {
        record(416);
        res.writeHead(416, { 'content-range': `bytes */${file.length}` }).end();
        return;
      }
      if (step.kind === 'wrong-start') start = Math.max(0, start - 1);
    }
    const body = file.subarray(start);
    const status = m ? 206 : 200;
    record(status);
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes' };
    if (status === 206) headers['content-range'] = `bytes ${start}-${file.length - 1}/${file.length}`;
    if (step.kind !== 'short') headers['content-length'] = body.length;
    res.writeHead(status, headers);
    switch (step.kind) {
      case 'cut':
        // A moment's grace before the cut, so the client has read what was sent: a stream that
        // errors drops chunks still queued in it, which would make the resume point vary.
        res.write(body.subarray(0, step.after), () => setTimeout(() => res.socket?.destroy(), 30));
        return;
      case 'stall':
        res.write(body.subarray(0, step.after));
        return;
      case 'short':
        // No length, so Node sends it chunked: the body ends cleanly, just early.
        res.end(body.subarray(0, step.after));
        return;
      default:
        res.end(body);
    }
  }
}
