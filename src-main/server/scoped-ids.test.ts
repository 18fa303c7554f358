// Stream and job ids are chosen by clients, so two connections may pick the same one: each
// connection reaches only its own.
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { useTestServer } from '../../test-support/server';

const t = useTestServer('koe-scoped-ids');

function streamEnd(ws: WebSocket, streamId: string): Promise<{ status: string }> {
  return new Promise((resolve) => {
    ws.on('message', (d, binary) => {
      if (binary) return;
      const msg = JSON.parse(d.toString());
      if (msg.t === 'event' && msg.name === 'render.end' && msg.payload.streamId === streamId) resolve(msg.payload);
    });
  });
}

describe('ids scoped per connection', () => {
  it("does not let one connection's render.cancel cancel another's stream of the same id", async () => {
    const [a, b] = await Promise.all([t.connect(), t.connect()]);
    const ended = streamEnd(a, 'stream-one');
    const started = await t.rpc(a, 'render.start', { streamId: 'stream-one', text: 'A sentence long enough to take a moment to speak, and then a little more.', voiceId: 'espeak:en-us' });
    expect(started.ok, JSON.stringify(started.error)).toBe(true);
    const cancel = await t.rpc(b, 'render.cancel', { streamId: 'stream-one' });
    expect(cancel.result).toEqual({ cancelled: false });
    expect((await ended).status).toBe('done');
    a.close();
    b.close();
  });

  it('cancels its own stream', async () => {
    const a = await t.connect();
    const ended = streamEnd(a, 'stream-two');
    await t.rpc(a, 'render.start', { streamId: 'stream-two', text: 'Another sentence that goes on for a while, with clauses, and more clauses, and more.', voiceId: 'espeak:en-us' });
    expect((await t.rpc(a, 'render.cancel', { streamId: 'stream-two' })).result).toEqual({ cancelled: true });
    expect((await ended).status).toBe('cancelled');
    a.close();
  });

  it("does not let one connection cancel another's export job", async () => {
    const [a, b] = await Promise.all([t.connect(), t.connect()]);
    const project = await t.rpc(a, 'projects.create', { name: 'Scoped', script: Array.from({ length: 12 }, (_, i) => `Line ${i}, spoken at some length so the export takes a while.`).join('\n\n') });
    const exported = t.rpc(a, 'export.mix', { jobId: 'export-job-1', projectId: project.result.id, format: 'wav', destination: { kind: 'download' } });
    expect((await t.rpc(b, 'export.cancel', { jobId: 'export-job-1' })).result).toEqual({ cancelled: false });
    const r = await exported;
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    a.close();
    b.close();
  });
});
