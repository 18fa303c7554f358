// Reading an MP4/M4B back in tests: boxes by path, and the Nero chapter list (chpl) the exporter writes.
/** Top-level and nested boxes by path, e.g. moov/udta/chpl. */
export function findBox(b: Uint8Array, path: string[], from = 0, to = b.length): Uint8Array | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = from; at + 8 <= to; ) {
    const size = v.getUint32(at);
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    if (size < 8) return null;
    if (type === path[0]) return path.length === 1 ? b.subarray(at, at + size) : findBox(b, path.slice(1), at + 8, at + size);
    at += size;
  }
  return null;
}

export function readChpl(box: Uint8Array): { title: string; start: number }[] {
  const v = new DataView(box.buffer, box.byteOffset, box.byteLength);
  const count = box[16]!;
  const out = [];
  let at = 17;
  for (let i = 0; i < count; i++) {
    const start = Number(v.getBigUint64(at)) / 1e7;
    const len = box[at + 8]!;
    out.push({ title: new TextDecoder().decode(box.subarray(at + 9, at + 9 + len)), start });
    at += 9 + len;
  }
  return out;
}
