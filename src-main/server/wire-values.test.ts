// Wire values that are the right JSON but the wrong type must get a typed refusal, never an exception
// on the way back (an uncaught rejection ends the whole server).
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test-support/server';

const t = useTestServer('koe-wire-values');

describe('wire values of the wrong type', () => {
  it('refuses a call name that is an object with a non-callable toString, and keeps serving', async () => {
    const ws = await t.connect();
    const reply = await new Promise<any>((resolve) => {
      ws.once('message', (d) => resolve(JSON.parse(d.toString())));
      ws.send('{"t":"call","id":7,"name":{"toString":1},"args":{}}');
    });
    expect(reply).toMatchObject({ t: 'reply', ok: false, error: { code: 'invalid_args' } });
    expect((await t.rpc(ws, 'app.info', {})).ok).toBe(true);
    ws.close();
  });

  it('refuses other non-string names as unknown calls through /api too', async () => {
    const ws = await t.connect();
    for (const name of [null, 1, [], ['app.info'], { valueOf: 'x' }]) {
      const r = await t.rpc(ws, name, {});
      expect(r.ok).toBe(false);
    }
    ws.close();
  });

  it('answers 400 for bad percent-encoding in the /api path', async () => {
    const res = await t.api('%E0%A4%A', '{}');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/percent-encoding/);
  });
});

describe('bodies over the size cap', () => {
  it('answers 413 with a JSON error to an /api body just over the cap', async () => {
    const { MAX_MESSAGE_BYTES } = await import('./server');
    const body = Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20);
    const res = await t.api('app.info', body);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
    expect((await t.api('app.info', '{}')).status).toBe(200);
  });

  it('closes a WebSocket with 1009 for a message just over the cap', async () => {
    const { MAX_MESSAGE_BYTES } = await import('./server');
    const ws = await t.connect();
    const code = await new Promise<number>((resolve) => {
      ws.on('close', (c) => resolve(c));
      ws.on('error', () => {});
      ws.send(Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20).toString());
    });
    expect(code).toBe(1009);
  });
});
