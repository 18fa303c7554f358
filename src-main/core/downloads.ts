// One-time downloads for the browser face: an export rendered in memory waits here until the page
// fetches it once (or it expires), so no export file is left on the server's disk.
import { randomBytes } from 'node:crypto';

/** A file waiting for the page to fetch it once. */
export interface Download {
  bytes: Uint8Array;
  fileName: string;
  contentType: string;
}

const TTL_MS = 10 * 60 * 1000;

export class Downloads {
  private readonly items = new Map<string, Download & { expires: number }>();

  add(item: Download): string {
    this.sweep();
    const id = randomBytes(16).toString('base64url');
    this.items.set(id, { ...item, expires: Date.now() + TTL_MS });
    return id;
  }

  take(id: string): Download | null {
    this.sweep();
    const item = this.items.get(id);
    if (!item) return null;
    this.items.delete(id);
    return item;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, item] of this.items) if (item.expires < now) this.items.delete(id);
  }
}
