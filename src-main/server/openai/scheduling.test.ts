// The speech API shares the engines with the studio through the core's one scheduler, on a real core
// over loopback: with every espeak slot taken, a request waits in the queue, the studio's playback
// is served before it, a client that hangs up leaves the queue, and the audio cache answers a
// repeated request without queueing at all.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Priority, Ticket } from '../../engines/scheduler';
import { useTestServer } from '../../../test-support/server';

const t = useTestServer('koe-openai-scheduling');

const held: (() => void)[] = [];
afterEach(() => {
  for (const release of held.splice(0)) release();
  vi.restoreAllMocks();
});

/** Takes every espeak slot, as long renders would. */
async function fillEspeak(): Promise<void> {
  const s = t.core.scheduler;
  for (let i = 0; i < s.slots('espeak'); i++) held.push(await s.acquire('espeak', s.ticket({ priority: 'background', owner: 'test-holder' })));
  expect(s.running('espeak')).toBe(s.slots('espeak'));
}

/** Records the priority of each slot the scheduler grants from now on. */
function recordGrants(): Priority[] {
  const s = t.core.scheduler;
  const grants: Priority[] = [];
  const acquire = s.acquire.bind(s);
  vi.spyOn(s, 'acquire').mockImplementation((engineId: string, ticket: Ticket, signal?: AbortSignal) =>
    acquire(engineId, ticket, signal).then((release) => {
      grants.push(ticket.priority);
      return release;
    }),
  );
  return grants;
}

function speech(key: string, input: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${t.server.url}/v1/audio/speech`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: JSON.stringify({ model: 'espeak', voice: 'en-us', input, response_format: 'pcm' }),
    ...(signal ? { signal } : {}),
  });
}

describe('the speech API in the engine scheduler', () => {
  it("waits behind busy engines and gives way to the studio's playback", async () => {
    const key = t.core.library.apiKeys.create('queued').secret;
    await fillEspeak();
    const grants = recordGrants();
    const api = speech(key, 'An API request that has to wait its turn.');
    await vi.waitFor(() => expect(t.core.scheduler.waiting('espeak')).toBe(1), { timeout: 30_000 });

    const ws = await t.connect();
    const ended = new Promise<void>((resolve) =>
      ws.on('message', (data, binary) => {
        if (!binary && JSON.parse(data.toString()).name === 'render.end') resolve();
      }),
    );
    const started = await t.rpc(ws, 'render.start', { streamId: 'studio-play-1', text: 'The studio plays a line.', voiceId: 'espeak:en-us' });
    expect(started.error ?? null).toBeNull();
    await vi.waitFor(() => expect(t.core.scheduler.waiting('espeak')).toBe(2), { timeout: 30_000 });

    // One slot comes free: the studio's line takes it although the API request asked first.
    held.shift()!();
    await ended;
    expect(grants[0]).toBe('interactive');
    for (const release of held.splice(0)) release();
    const res = await api;
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect(grants).toContain('api');
    ws.close();
  });

  it('takes a request out of the queue when its client hangs up, and the server keeps answering', async () => {
    const key = t.core.library.apiKeys.create('hangs up').secret;
    await fillEspeak();
    const client = new AbortController();
    const res = speech(key, 'A request whose client will not wait.', client.signal).catch((e: Error) => e.name);
    await vi.waitFor(() => expect(t.core.scheduler.waiting('espeak')).toBe(1), { timeout: 30_000 });
    client.abort();
    expect(await res).toBe('AbortError');
    await vi.waitFor(() => expect(t.core.scheduler.waiting('espeak')).toBe(0), { timeout: 30_000 });
    for (const release of held.splice(0)) release();
    const again = await speech(key, 'The next request is served.');
    expect(again.status).toBe(200);
    expect((await again.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('answers a repeated request from the audio cache without queueing, while every engine slot is taken', async () => {
    const key = t.core.library.apiKeys.create('cached').secret;
    const text = 'Said once, served from the cache after that.';
    const first = await (await speech(key, text)).arrayBuffer();
    await fillEspeak();
    const grants = recordGrants();
    const res = await speech(key, text);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(first.byteLength);
    expect(t.core.scheduler.waiting()).toBe(0);
    expect(grants).toEqual([]);
  });
});
