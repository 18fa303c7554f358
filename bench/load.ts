// The server face under 20 API clients at once (the brief's size): each client makes 50 synthesis
// calls in turn, all clients together, every one with its own sentence so the audio cache answers
// none. Reports errors (calls refused or streams that did not end "done"; the target is 0), the
// latency from render.start to render.end (median and p95) and the server's RSS before and after,
// which must not grow with the number of calls served.
import { connectRpc, type RpcClient } from '../e2e/rpc-client';
import type { BenchRow, Served } from './serve';

export const LOAD_CLIENTS = 20;
/** KOE_LOAD_CALLS shortens a smoke run on a busy machine; the figures to report use 50. */
export const LOAD_CALLS = Number(process.env.KOE_LOAD_CALLS) || 50;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function oneCall(rpc: RpcClient, client: number, call: number): Promise<{ ms: number; ok: boolean }> {
  const streamId = `load-${client}-${call}-${Date.now()}`;
  const text = `Client ${client + 1} asks for sentence ${call + 1}, which says ${(client * 131 + call * 17) % 997} things.`;
  const t0 = performance.now();
  const ended = new Promise<string>((resolve) => {
    const off = rpc.on('render.end', (p) => {
      if (p.streamId !== streamId) return;
      off();
      resolve(p.status as string);
    });
  });
  try {
    await rpc.call('render.start', { streamId, text, voiceId: 'espeak:en-us' });
  } catch {
    return { ms: performance.now() - t0, ok: false };
  }
  const status = await ended;
  return { ms: performance.now() - t0, ok: status === 'done' };
}

export async function benchLoad(served: Served, rssMiB: (pid: number) => number): Promise<BenchRow[]> {
  const u = new URL(served.url);
  const token = u.searchParams.get('token')!;
  const clients = await Promise.all(Array.from({ length: LOAD_CLIENTS }, () => connectRpc(u.origin, token)));
  // One call per client first: the engine workers start and the heap settles, so that "before" is
  // the server already at work and the difference is what serving 1,000 calls kept.
  await Promise.all(clients.map((rpc, c) => oneCall(rpc, c, -1)));
  const rssBefore = rssMiB(served.pid);
  const latencies: number[] = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (rpc, c) => {
      for (let i = 0; i < LOAD_CALLS; i++) {
        const r = await oneCall(rpc, c, i);
        latencies.push(r.ms);
        if (!r.ok) errors++;
      }
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  for (const rpc of clients) rpc.close();
  await new Promise((r) => setTimeout(r, 1000));
  const rssAfter = rssMiB(served.pid);
  const n = `${LOAD_CLIENTS} clients × ${LOAD_CALLS} synthesis calls`;
  return [
    { name: `load: ${n}, errors`, value: errors, unit: 'calls', target: '0', pass: errors === 0 },
    { name: `load: ${n}, latency p50`, value: Math.round(percentile(latencies, 50)), unit: 'ms', target: 'info', pass: null },
    { name: `load: ${n}, latency p95`, value: Math.round(percentile(latencies, 95)), unit: 'ms', target: 'info', pass: null },
    { name: `load: ${n}, throughput`, value: Math.round((latencies.length / wallS) * 10) / 10, unit: 'calls/s', target: 'info', pass: null },
    { name: 'load: server RSS before (after one call per client)', value: Math.round(rssBefore), unit: 'MiB', target: 'info', pass: null },
    { name: 'load: server RSS after', value: Math.round(rssAfter), unit: 'MiB', target: '≤ before + 100', pass: rssAfter <= rssBefore + 100 },
  ];
}
