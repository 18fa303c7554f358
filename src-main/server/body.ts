// Reads a request body up to a size limit, shared by the contract's /api face and the speech API.
import type { IncomingMessage } from 'node:http';

/** The body as text, or null when it is over the limit (the rest is discarded, not buffered). */
export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        // Keep draining so the 413 reaches a client that is still writing; nothing more is kept.
        if (!over) resolve(null);
        over = true;
        chunks.length = 0;
      } else chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
