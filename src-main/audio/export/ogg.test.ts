import { describe, expect, it } from 'vitest';
import { OggStreamWriter, oggCrc } from './ogg';

interface Page {
  flags: number;
  granule: bigint;
  seq: number;
  lacing: number[];
  body: Uint8Array;
  crcOk: boolean;
}

function readPages(bytes: Uint8Array): Page[] {
  const pages: Page[] = [];
  let at = 0;
  while (at < bytes.length) {
    const v = new DataView(bytes.buffer, bytes.byteOffset + at);
    const n = bytes[at + 26]!;
    const lacing = [...bytes.subarray(at + 27, at + 27 + n)];
    const len = 27 + n + lacing.reduce((s, x) => s + x, 0);
    const copy = bytes.slice(at, at + len);
    copy.fill(0, 22, 26);
    pages.push({ flags: bytes[at + 5]!, granule: v.getBigInt64(6, true), seq: v.getUint32(18, true), lacing, body: bytes.subarray(at + 27 + n, at + len), crcOk: oggCrc(copy) === v.getUint32(22, true) });
    at += len;
  }
  return pages;
}

/** Rebuilds packets from lacing values, across page boundaries. */
function packets(pages: Page[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let cur: number[] = [];
  for (const p of pages) {
    let at = 0;
    for (const l of p.lacing) {
      cur.push(...p.body.subarray(at, at + l));
      at += l;
      if (l < 255) {
        out.push(Uint8Array.from(cur));
        cur = [];
      }
    }
  }
  return out;
}

const filled = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('Ogg page writer', () => {
  it('splits a packet too big for one page across pages, marked as continued, with granule −1 where none ends', () => {
    const w = new OggStreamWriter(1234);
    const big = filled(70000, 1); // needs 275 lacing values: more than one page holds
    const bytes: Uint8Array[] = [...w.packet(filled(19, 2), 0n), ...w.flush(), ...w.packet(big, 960n), ...w.packet(filled(255, 3), 1920n), w.end(2000n)];
    const all = Uint8Array.from(bytes.flatMap((b) => [...b]));
    const pages = readPages(all);
    expect(pages.every((p) => p.crcOk)).toBe(true);
    expect(pages.map((p) => p.seq)).toEqual(pages.map((_, i) => i));
    expect(pages[0]!.flags & 2).toBe(2); // beginning of stream
    expect(pages[1]!.granule).toBe(-1n); // the big packet does not end on its first page
    expect(pages[2]!.flags & 1).toBe(1); // continued
    expect(pages.at(-1)!.flags & 4).toBe(4); // end of stream
    expect(pages.at(-1)!.granule).toBe(2000n);
    const got = packets(pages);
    expect(got.map((p) => p.length)).toEqual([19, 70000, 255]);
    expect(got[1]).toEqual(big);
  });

  it('computes the Ogg CRC-32 (0x04C11DB7, unreflected): known value for "123456789"', () => {
    // CRC-32/MPEG-2 without the final XOR and with initial value 0 (the Ogg variant) of "123456789".
    expect(oggCrc(new TextEncoder().encode('123456789')).toString(16)).toBe('89a1897f');
  });
});
