// Ogg page writer (RFC 3533) for the Opus export. The codec library we use gives raw Opus packets;
// the container is a small, fully specified framing (pages of up to 255 lacing segments, a CRC-32
// and a granule position), and no maintained npm package writes it for Node, so it lives here and
// is checked by decoding our files with an independent Ogg Opus decoder.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

/** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, no final XOR. */
export function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ bytes[i]!) & 0xff]!) >>> 0;
  return crc;
}

const FLAG_CONTINUED = 1;
const FLAG_BOS = 2;
const FLAG_EOS = 4;
const MAX_SEGMENTS = 255;

/**
 * Packs packets into pages for one logical stream. Pages are returned as finished bytes for the
 * caller to write. A page is closed lazily, when the next packet would not fit or `flush()` is
 * called, so the last page can always carry the end-of-stream flag.
 */
export class OggStreamWriter {
  private seq = 0;
  private bos = true;
  private lacing: number[] = [];
  private parts: Uint8Array[] = [];
  private granule = -1n; // of the last packet completed on the open page; −1 = none
  private continued = false;
  private packetsOnPage = 0;

  constructor(private readonly serial: number) {}

  /** Adds one packet that ends at `granule`; returns any pages this closed. */
  packet(data: Uint8Array, granule: bigint, opts: { maxPacketsPerPage?: number } = {}): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (opts.maxPacketsPerPage !== undefined && this.packetsOnPage >= opts.maxPacketsPerPage) out.push(this.close(false));
    const segs = Math.floor(data.length / 255) + 1;
    if (this.lacing.length > 0 && this.lacing.length + segs > MAX_SEGMENTS) out.push(this.close(false));
    let at = 0;
    let left = segs;
    while (left > 0) {
      const room = MAX_SEGMENTS - this.lacing.length;
      const take = Math.min(room, left);
      for (let s = 0; s < take; s++) {
        const len = left - s === 1 ? data.length - at : 255;
        this.lacing.push(len);
        this.parts.push(data.subarray(at, at + len));
        at += len;
      }
      left -= take;
      if (left > 0) {
        // The packet goes on past this page: close it with no packet ending here.
        out.push(this.close(false));
        this.continued = true;
      }
    }
    this.granule = granule;
    this.packetsOnPage++;
    return out;
  }

  /** Closes the open page (if it holds anything); headers use this so audio starts on a new page. */
  flush(): Uint8Array[] {
    return this.lacing.length > 0 ? [this.close(false)] : [];
  }

  /** Closes the stream: the open page (or an empty one) goes out with the end-of-stream flag. */
  end(granule?: bigint): Uint8Array {
    if (granule !== undefined) this.granule = granule;
    return this.close(true);
  }

  private close(eos: boolean): Uint8Array {
    const bodyLen = this.parts.reduce((s, p) => s + p.length, 0);
    const page = new Uint8Array(27 + this.lacing.length + bodyLen);
    const v = new DataView(page.buffer);
    page.set([0x4f, 0x67, 0x67, 0x53], 0); // OggS
    page[4] = 0;
    page[5] = (this.continued ? FLAG_CONTINUED : 0) | (this.bos ? FLAG_BOS : 0) | (eos ? FLAG_EOS : 0);
    v.setBigInt64(6, this.granule, true);
    v.setUint32(14, this.serial >>> 0, true);
    v.setUint32(18, this.seq++, true);
    page[26] = this.lacing.length;
    page.set(this.lacing, 27);
    let at = 27 + this.lacing.length;
    for (const p of this.parts) {
      page.set(p, at);
      at += p.length;
    }
    v.setUint32(22, oggCrc(page), true);
    this.bos = false;
    this.continued = false;
    this.lacing = [];
    this.parts = [];
    this.granule = -1n;
    this.packetsOnPage = 0;
    return page;
  }
}
