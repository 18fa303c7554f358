// Chapter marks for an M4B audiobook, as a Nero chapter list (`chpl`) inside the movie's user data:
// the form ffmpeg, VLC and the common audiobook players read. The muxer (mediabunny) writes no
// chapters, so the finished `moov` box is rebuilt here with a `chpl` box added to its `udta`.
//
// Layout, from the published box description: full-box header (version 1, flags 0), 4 reserved
// bytes, a 1-byte count, then per chapter its start in 100-nanosecond units (64-bit) and a title of
// up to 255 UTF-8 bytes with a 1-byte length. One byte of count means at most 255 chapters.
export interface ChapterMark {
  title: string;
  /** Start from the beginning of the audio, in seconds. */
  startSec: number;
}

export const MAX_CHAPTERS = 255;

const enc = new TextEncoder();

function box(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(enc.encode(type), 4);
  out.set(body, 8);
  return out;
}

/** The title cut to 255 UTF-8 bytes without splitting a character. */
function titleBytes(title: string): Uint8Array {
  let bytes = enc.encode(title);
  if (bytes.length <= 255) return bytes;
  let cut = 255;
  while (cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--;
  bytes = bytes.subarray(0, cut);
  return bytes;
}

export function chplBox(chapters: readonly ChapterMark[]): Uint8Array {
  if (chapters.length > MAX_CHAPTERS) throw new RangeError(`an M4B holds at most ${MAX_CHAPTERS} chapter marks, got ${chapters.length}`);
  const titles = chapters.map((c) => titleBytes(c.title));
  const body = new Uint8Array(4 + 4 + 1 + titles.reduce((n, t) => n + 9 + t.length, 0));
  const view = new DataView(body.buffer);
  body[0] = 1; // version 1 (flags 0): the 4 reserved bytes follow
  body[8] = chapters.length;
  let at = 9;
  chapters.forEach((c, i) => {
    view.setBigUint64(at, BigInt(Math.round(Math.max(0, c.startSec) * 1e7)));
    body[at + 8] = titles[i]!.length;
    body.set(titles[i]!, at + 9);
    at += 9 + titles[i]!.length;
  });
  return box('chpl', body);
}

const typeAt = (b: Uint8Array, at: number) => String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);

/** `moov` with `chpl` added to its `udta` (a `udta` is added when there is none). */
export function withChapters(moov: Uint8Array, chapters: readonly ChapterMark[]): Uint8Array {
  if (typeAt(moov, 0) !== 'moov') throw new Error('withChapters expects a moov box');
  const view = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  const chpl = chplBox(chapters);
  const children: Uint8Array[] = [];
  let udtaFound = false;
  for (let at = 8; at + 8 <= moov.length; ) {
    const size = view.getUint32(at);
    if (size < 8 || at + size > moov.length) throw new Error('moov holds a box with a size it cannot have');
    let child = moov.subarray(at, at + size);
    if (typeAt(moov, at) === 'udta') {
      udtaFound = true;
      const grown = new Uint8Array(size + chpl.length);
      grown.set(child);
      grown.set(chpl, size);
      new DataView(grown.buffer).setUint32(0, grown.length);
      child = grown;
    }
    children.push(child);
    at += size;
  }
  if (!udtaFound) children.push(box('udta', chpl));
  const total = 8 + children.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, total);
  out.set(enc.encode('moov'), 4);
  let at = 8;
  for (const c of children) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
