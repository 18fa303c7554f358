// The OpenAI-compatible speech API on `koe serve` over loopback. Overhead to first byte: the same
// sentence asked again, answered by the audio cache, through the API and through the studio's own
// WebSocket path; the difference (HTTP, auth, the encoder) is what the API adds.
// Then 8 clients, each with its own key, ask for new sentences in a loop for a bounded time:
// errors, latency p95, seconds of audio per second, and the server's RSS before and after.
import { spawnSync } from 'node:child_process';
import { connectRpc, type RpcClient } from '../e2e/rpc-client';
import type { BenchRow, Served } from './serve';

/** KOE_API_LOAD_SECONDS shortens the load loop; kept at most 60 s. */
const LOAD_SECONDS = Math.min(60, Number(process.env.KOE_API_LOAD_SECONDS) || 40);
const CLIENTS = 8;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function createKey(dataDir: string, name: string): string {
  const r = spawnSync(process.execPath, ['out/main/cli.js', 'keys', 'create', '--name', name, '--data-dir', dataDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`koe keys create failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** One request: time to the first body byte and to the end, and the body's length. */
async function speak(origin: string, key: string, input: string, format: string): Promise<{ status: number; firstMs: number; totalMs: number; bytes: number }> {
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
  return { status: res.status, firstMs, totalMs: performance.now() - t0, bytes };
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

export async function benchSpeechApi(s: Served, dataDir: string, rssMiB: (pid: number) => number): Promise<BenchRow[]> {
  const origin = new URL(s.url).origin;
  const key = createKey(dataDir, 'bench');
  const u = new URL(s.url);
  const rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
  const cold: number[] = [];
  const pcm: number[] = [];
  const mp3: number[] = [];
  const viaRpc: number[] = [];
  const overhead: number[] = [];
  for (let i = 0; i < 22; i++) {
    const text = `Request ${i + 1}: the quick brown fox jumps over the lazy dog number ${i * 11 + 5}, then rests.`;
    const first = await speak(origin, key, text, 'pcm');
    const again = await speak(origin, key, text, 'pcm');
    const asMp3 = await speak(origin, key, text, 'mp3');
    const studio = await rpcFirstChunk(rpc, text, i);
    if (i < 2) continue; // warm-up
    cold.push(first.firstMs);
    pcm.push(again.firstMs);
    mp3.push(asMp3.firstMs);
    viaRpc.push(studio);
    overhead.push(again.firstMs - studio);
  }
  rpc.close();
  const rows: BenchRow[] = [
    { name: 'speech API overhead to first byte over the studio path, pcm (median of 20)', value: round(median(overhead)), unit: 'ms', target: '≤ 10', pass: median(overhead) <= 10 },
    { name: 'speech API first byte, cached text, pcm (median)', value: round(median(pcm)), unit: 'ms', target: 'info', pass: null },
    { name: 'studio RPC first chunk, same cached text (median)', value: round(median(viaRpc)), unit: 'ms', target: 'info', pass: null },
    { name: 'speech API first byte, cached text, mp3 (median)', value: round(median(mp3)), unit: 'ms', target: 'info', pass: null },
    { name: 'speech API time to first byte, espeak, new text (median)', value: round(median(cold), 1), unit: 'ms', target: 'info', pass: null },
  ];

  const keys = Array.from({ length: CLIENTS }, (_, c) => createKey(dataDir, `load-${c}`));
  const rssBefore = rssMiB(s.pid);
  const latencies: number[] = [];
  let errors = 0;
  let audioSeconds = 0;
  const t0 = performance.now();
  const deadline = t0 + LOAD_SECONDS * 1000;
  await Promise.all(
    keys.map(async (k, c) => {
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
