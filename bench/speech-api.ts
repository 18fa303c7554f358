// The OpenAI-compatible speech API on `koe serve` over loopback.
// Overhead to first byte: each request's own Server-Timing header says how long the engine (or the
// audio cache) took to its first chunk, measured in the server process on that same text; the
// client's time to the first body byte less that is what the API adds (HTTP, the key check, the
// request's parsing, the text front end, the scheduler, the encoder, the trip back). Measured for
// new text (the engine synthesizes), for the same text again (the cache answers) and as MP3, with
// enough requests for a median and a p95; the load average is reported beside them.
// Then 8 clients, each with its own key, ask for new sentences in a loop for a bounded time:
// errors, latency p95, seconds of audio per second, and the server's RSS before and after.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { connectRpc, type RpcClient } from '../e2e/rpc-client';
import type { BenchRow, Served } from './serve';

/** KOE_API_LOAD_SECONDS shortens the load loop; kept at most 60 s. */
const LOAD_SECONDS = Math.min(60, Number(process.env.KOE_API_LOAD_SECONDS) || 40);
const CLIENTS = 8;
/** Requests of each kind for the first-byte figures (KOE_API_REPS), after a few to warm up. */
const REPS = Math.max(20, Number(process.env.KOE_API_REPS) || 100);
const WARM_UP = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function createKey(dataDir: string, name: string): string {
  const r = spawnSync(process.execPath, ['out/main/cli.js', 'keys', 'create', '--name', name, '--data-dir', dataDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`koe keys create failed: ${r.stderr}`);
  return r.stdout.trim();
}

interface Spoken {
  status: number;
  firstMs: number;
  totalMs: number;
  bytes: number;
  /** From Server-Timing: the engine's own time to its first chunk, and the server's to its first audio. */
  engineMs: number;
  serverMs: number;
}

/** One request: time to the first body byte and to the end, the body's length and the server's timings. */
async function speak(origin: string, key: string, input: string, format: string): Promise<Spoken> {
  const t0 = performance.now();
  const res = await fetch(`${origin}/v1/audio/speech`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'espeak', voice: 'en-us', input, response_format: format }),
  });
  const reader = res.body!.getReader();
  let firstMs = -1;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstMs < 0) firstMs = performance.now() - t0;
    bytes += value.length;
  }
  const timing = res.headers.get('server-timing') ?? '';
  const dur = (name: string) => Number(new RegExp(`${name};[^,]*dur=([\\d.]+)`).exec(timing)?.[1] ?? NaN);
  return { status: res.status, firstMs, totalMs: performance.now() - t0, bytes, engineMs: dur('engine'), serverMs: dur('server') };
}

/** The floor any request pays on this machine now: GET /v1/models, to its first body byte. */
async function ping(origin: string, key: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${origin}/v1/models`, { headers: { Authorization: `Bearer ${key}` } });
  const reader = res.body!.getReader();
  await reader.read();
  const ms = performance.now() - t0;
  while (!(await reader.read()).done);
  return ms;
}

/** The studio's own path for comparison: render.start over the WebSocket, to its first chunk. */
async function rpcFirstChunk(rpc: RpcClient, text: string, i: number): Promise<number> {
  const streamId = `api-bench-${i}-${Date.now()}`;
  const t0 = performance.now();
  let first = -1;
  await new Promise<void>((resolve) => {
    const offChunk = rpc.on('render.chunk', (p) => {
      if (p.streamId === streamId && first < 0) first = performance.now() - t0;
    });
    const offEnd = rpc.on('render.end', (p) => {
      if (p.streamId !== streamId) return;
      offChunk();
      offEnd();
      resolve();
    });
    void rpc.call('render.start', { streamId, text, voiceId: 'espeak:en-us' });
  });
  return first;
}

/** First-byte figures of one kind of request: the overhead's median and p95, and what it is made of. */
function firstByteRows(kind: string, xs: Spoken[], target: boolean): BenchRow[] {
  const overhead = xs.map((x) => x.firstMs - x.engineMs);
  const inServer = xs.map((x) => x.serverMs - x.engineMs);
  const m = median(overhead);
  return [
    { name: `speech API overhead to first byte beyond the engine's first chunk, ${kind} (median of ${xs.length})`, value: round(m), unit: 'ms', target: target ? '≤ 10' : 'info', pass: target ? m <= 10 : null },
    { name: `speech API overhead to first byte, ${kind} (p95)`, value: round(percentile(overhead, 95)), unit: 'ms', target: 'info', pass: null },
    { name: `  of which in the server (request to first audio less the engine), ${kind} (median)`, value: round(median(inServer)), unit: 'ms', target: 'info', pass: null },
    { name: `  engine's own first chunk, ${kind} (median)`, value: round(median(xs.map((x) => x.engineMs))), unit: 'ms', target: 'info', pass: null },
    { name: `  client's time to first byte, ${kind} (median)`, value: round(median(xs.map((x) => x.firstMs))), unit: 'ms', target: 'info', pass: null },
  ];
}

export async function benchSpeechApi(s: Served, dataDir: string, rssMiB: (pid: number) => number): Promise<BenchRow[]> {
  const origin = new URL(s.url).origin;
  // A key may make 120 requests a minute; each kind of request has its own keys, a fresh one every 100.
  const keys = new Map<string, string>();
  const keyFor = (kind: string, i: number) => {
    const name = `bench-${kind}-${Math.floor(i / 100)}`;
    if (!keys.has(name)) keys.set(name, createKey(dataDir, name));
    return keys.get(name)!;
  };
  const u = new URL(s.url);
  const rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
  const fresh: Spoken[] = [];
  const cached: Spoken[] = [];
  const mp3: Spoken[] = [];
  const viaRpc: number[] = [];
  const pings: number[] = [];
  const loadBefore = loadavg()[0]!;
  for (let i = 0; i < WARM_UP + REPS; i++) {
    const text = `Request ${i + 1}: the quick brown fox jumps over the lazy dog number ${i * 11 + 5}, then rests.`;
    const first = await speak(origin, keyFor('fresh', i), text, 'pcm');
    const again = await speak(origin, keyFor('cached', i), text, 'pcm');
    const asMp3 = await speak(origin, keyFor('mp3', i), text, 'mp3');
    const studio = await rpcFirstChunk(rpc, text, i);
    const floor = await ping(origin, keyFor('ping', i));
    if (i < WARM_UP) continue;
    for (const r of [first, again, asMp3]) if (r.status !== 200 || !Number.isFinite(r.engineMs)) throw new Error(`a first-byte request failed: ${r.status}`);
    fresh.push(first);
    cached.push(again);
    mp3.push(asMp3);
    viaRpc.push(studio);
    pings.push(floor);
  }
  rpc.close();
  const load = (loadBefore + loadavg()[0]!) / 2;
  const rows: BenchRow[] = [
    ...firstByteRows('new text, pcm', fresh, true),
    ...firstByteRows('cached text, pcm', cached, true),
    ...firstByteRows('cached text, mp3', mp3, false),
    { name: 'loopback HTTP round trip, GET /v1/models to first byte (median)', value: round(median(pings)), unit: 'ms', target: 'info', pass: null },
    { name: 'studio RPC first chunk, same cached text (median)', value: round(median(viaRpc)), unit: 'ms', target: 'info', pass: null },
    { name: 'load average (1 min) while measuring first bytes', value: round(load), unit: '', target: 'info', pass: null },
  ];

  const loadKeys = Array.from({ length: CLIENTS }, (_, c) => createKey(dataDir, `load-${c}`));
  const rssBefore = rssMiB(s.pid);
  const latencies: number[] = [];
  let errors = 0;
  let audioSeconds = 0;
  const t0 = performance.now();
  const deadline = t0 + LOAD_SECONDS * 1000;
  await Promise.all(
    loadKeys.map(async (k, c) => {
      for (let n = 0; performance.now() < deadline; n++) {
        try {
          const r = await speak(origin, k, `Client ${c + 1} asks for sentence ${n + 1}, which says ${(c * 131 + n * 17) % 997} things.`, 'pcm');
          if (r.status !== 200 || r.bytes === 0) errors++;
          else {
            latencies.push(r.totalMs);
            audioSeconds += r.bytes / 2 / 24000;
          }
        } catch {
          errors++;
        }
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  const rssAfter = rssMiB(s.pid);
  rows.push(
    { name: `speech API, ${CLIENTS} clients for ${LOAD_SECONDS} s: errors`, value: errors, unit: 'errors', target: '0', pass: errors === 0 },
    { name: `speech API, ${CLIENTS} clients: requests served`, value: latencies.length, unit: 'requests', target: 'info', pass: null },
    { name: `speech API, ${CLIENTS} clients: latency p95 (whole response)`, value: round(percentile(latencies, 95), 0), unit: 'ms', target: 'info', pass: null },
    { name: `speech API, ${CLIENTS} clients: throughput`, value: round(audioSeconds / wall), unit: 's/s', target: 'info (audio s per s)', pass: null },
    { name: 'speech API, server RSS before load', value: round(rssBefore, 0), unit: 'MiB', target: 'info', pass: null },
    { name: 'speech API, server RSS after load', value: round(rssAfter, 0), unit: 'MiB', target: '≤ before + 64', pass: rssAfter <= rssBefore + 64 },
  );
  return rows;
}

// `KOE_BENCH_ONLY=api npx vite-node bench/speech-api.ts`: this benchmark alone, on a fresh data
// folder (vite-node hides the script's path from process.argv).
if (process.env.KOE_BENCH_ONLY === 'api') {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startServe } = await import('./serve');
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-bench-api-'));
  const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  const s = await startServe(dataDir);
  try {
    for (const r of await benchSpeechApi(s, dataDir, rss)) process.stdout.write(`${r.pass === false ? 'MISS' : r.pass ? 'ok  ' : '    '}  ${r.name.padEnd(66)} ${String(r.value).padStart(8)} ${r.unit}  target ${r.target}\n`);
  } finally {
    await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
