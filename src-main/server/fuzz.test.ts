// Thousands of random and adversarial messages at the WebSocket and /api faces of a real core on
// loopback. Whatever arrives, the server answers (or closes that one socket) and stays up: a value
// that throws when converted, a malformed frame or a rejected promise must never end the process.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { seededRandom } from '../../test-support/rng';
import { useTestServer } from '../../test-support/server';
import { calls } from '../contract/calls';

const t = useTestServer('koe-fuzz');
const rand = seededRandom(1207);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

// Calls that reach the network or take seconds of CPU by design are left to their own tests.
const SLOW_OR_NETWORK = new Set(['models.download', 'models.setHosts', 'kokoro.measure', 'render.start', 'export.mix', 'export.script', 'timeline.render', 'clone.create']);
const NAMES = Object.keys(calls).filter((n) => !SLOW_OR_NETWORK.has(n));

const nasty: unknown[] = [
  { toString: 1 },
  { toString: null, valueOf: 'x' },
  { __proto__: { polluted: true } },
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '',
  '\u0000',
  '\u202e',
  'x'.repeat(70_000),
  -0,
  1e308,
  -1,
  2 ** 53,
  [],
  [[[[[[]]]]]],
  null,
  true,
  '/dev/zero',
  '../../../../etc/passwd',
  '%E0%A4%A',
];

function value(depth = 0): unknown {
  const r = rand();
  if (depth > 4 || r < 0.3) return pick(nasty);
  if (r < 0.45) return Math.floor(rand() * 2 ** 32) - 2 ** 31;
  if (r < 0.6) return String.fromCharCode(...Array.from({ length: Math.floor(rand() * 20) }, () => Math.floor(rand() * 0xffff)));
  if (r < 0.8) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--) o[pick(['projectId', 'id', 'name', 'path', 'kind', 'source', 'destination', 'text', 'voiceId', 'streamId', 'jobId', 'args', 'lineIds', String(rand())])] = value(depth + 1);
  return o;
}

/** A text frame: half well-formed calls with hostile parts, the rest malformed in assorted ways. */
function frame(i: number): string | Buffer {
  const r = rand();
  if (r < 0.05) return Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
  if (r < 0.12) return JSON.stringify(value()).slice(0, Math.floor(rand() * 40));
  if (r < 0.2) return JSON.stringify(value());
  if (r < 0.3) return JSON.stringify({ t: pick(['call', 'reply', 'event', 1, null]), id: pick([i, -1, 1.5, '1', null, 2 ** 60]), name: value(), args: value() });
  if (r < 0.45) return JSON.stringify({ t: 'call', id: i, name: pick(nasty), args: value() });
  // Parsed with JSON.parse, "__proto__" is an own key: the shape a hostile client really sends.
  if (r < 0.5) return `{"t":"call","id":${i},"name":"${pick(NAMES)}","args":{"__proto__":{"projectId":"p"},"constructor":{"prototype":{"x":1}}}}`;
  return JSON.stringify({ t: 'call', id: i, name: pick(NAMES), args: value() });
}

describe('fuzzing the server faces', () => {
  it('answers 3,000 hostile WebSocket frames on 4 sockets and stays up', async () => {
    const sockets = await Promise.all([0, 1, 2, 3].map(() => t.connect()));
    let replies = 0;
    for (const ws of sockets) ws.on('message', (_d, bin) => void (bin || replies++));
    const closed: number[] = [];
    for (const ws of sockets) ws.on('close', (code) => closed.push(code));
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const ws = sockets[i % sockets.length]!;
      if (ws.readyState === WebSocket.OPEN) ws.send(frame(i));
      if (i % 200 === 199) await t.rpc(ws, 'app.info', {});
    }
    // Every socket still answers a good call after the storm.
    for (const ws of sockets) expect((await t.rpc(ws, 'app.info', {})).ok).toBe(true);
    expect(closed).toEqual([]);
    expect(replies).toBeGreaterThan(N * 0.9);
    for (const ws of sockets) ws.close();
  }, 120_000);

  it('answers 1,000 hostile /api requests with JSON and stays up', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const name = rand() < 0.2 ? pick(['%E0%A4%A', '%', '%00', '..%2F..%2Fetc', encodeURIComponent('\u202e'), 'x'.repeat(3000)]) : pick(NAMES);
      const f = frame(i);
      const body = rand() < 0.5 ? f : JSON.stringify(value());
      const res = await t.api(name, body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `${name} ${String(body).slice(0, 200)}`).toBeLessThan(500);
    }
    expect((await t.api('app.info', '{}')).status).toBe(200);
    expect([...statuses.keys()].every((s) => s === 200 || s === 400 || s === 404)).toBe(true);
  }, 120_000);
});
