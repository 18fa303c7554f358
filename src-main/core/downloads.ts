// One-time downloads for the browser face: an export rendered in memory waits here until the page
// fetches it (or it expires), so no export file is left on the server's disk. A fetch cut short (a
// dropped connection, a browser that retries) may come back once more; the store is bounded in
// count and bytes, so exports nobody fetches cannot grow the server's memory without end (40 × 8 MB
// were once held for ten minutes).
import { randomBytes } from 'node:crypto';

/** A file waiting for the page to fetch it. */
export interface Download {
  bytes: Uint8Array;
  fileName: string;
  contentType: string;
}

const TTL_MS = 10 * 60 * 1000;
/** After the first fetch, the one retry must come soon. */
const RETRY_MS = 60 * 1000;
export const MAX_HELD_DOWNLOADS = 32;
export const MAX_HELD_BYTES = 512 * 1024 * 1024;

interface Held extends Download {
  expires: number;
  fetchesLeft: number;
}

export class Downloads {
  private readonly items = new Map<string, Held>();
  private heldBytes = 0;

  constructor(
    private readonly limits: { items: number; bytes: number } = { items: MAX_HELD_DOWNLOADS, bytes: MAX_HELD_BYTES },
    private readonly now: () => number = Date.now,
  ) {}

  add(item: Download): string {
    this.sweep();
    // Oldest first (a Map keeps insertion order): the page most likely to have given up on its file.
    for (const [id, old] of this.items) {
      if (this.items.size < this.limits.items && this.heldBytes + item.bytes.byteLength <= this.limits.bytes) break;
      this.drop(id, old);
    }
    const id = randomBytes(16).toString('base64url');
    this.items.set(id, { ...item, expires: this.now() + TTL_MS, fetchesLeft: 2 });
    this.heldBytes += item.bytes.byteLength;
    return id;
  }

  take(id: string): Download | null {
    this.sweep();
    const item = this.items.get(id);
    if (!item) return null;
    item.fetchesLeft--;
    if (item.fetchesLeft <= 0) this.drop(id, item);
    else item.expires = Math.min(item.expires, this.now() + RETRY_MS);
    return item;
  }

  /** Bytes held now, for tests and the bench. */
  get bytesHeld(): number {
    return this.heldBytes;
  }

  private drop(id: string, item: Held): void {
    this.items.delete(id);
    this.heldBytes -= item.bytes.byteLength;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, item] of this.items) if (item.expires < now) this.drop(id, item);
  }
}
