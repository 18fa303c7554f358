// Reads voice packs out of a NumPy `.npz` archive — kokoro-onnx ships all 54 voices as one
// `voices-v1.0.bin` of `<id>.npy` members (ENGINES.md 1.1 C). Only what such files use is
// supported: stored or deflated members, zip64 size fields (numpy forces them), and `.npy` arrays
// of little-endian float32 in C order. Anything else is refused by name instead of being misread.
import { inflateRawSync, crc32 } from 'node:zlib';
import { KoeError } from '../../contract/errors';
import { assertVoicePack, PACK_VALUES, type VoicePack } from './voice-pack';

interface Member {
  offset: number;
  compressedSize: number;
  size: number;
  method: number;
  crc: number;
}

const EOCD_SIG = 0x06054b50;
const CD_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_U32 = 0xffffffff;

function corrupt(label: string, why: string): KoeError {
  return new KoeError('invalid_args', `The voices archive ${label} is not a readable NumPy archive (${why}). Download or import it again.`);
}

/** Zip64 extended information: the 64-bit values replace, in order, the 32-bit fields set to 0xFFFFFFFF. */
function zip64Values(view: DataView, start: number, length: number, wanted: boolean[]): bigint[] {
  const out: bigint[] = [];
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      for (const w of wanted) {
        if (!w) continue;
        out.push(view.getBigUint64(p, true));
        p += 8;
      }
      return out;
    }
    at += 4 + size;
  }
  return out;
}

export class NpzArchive {
  private readonly members = new Map<string, Member>();
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly label: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.readDirectory();
  }

  names(): string[] {
    return [...this.members.keys()];
  }

  /** Voice ids (member names without `.npy`). */
  voices(): string[] {
    return this.names()
      .filter((n) => n.endsWith('.npy'))
      .map((n) => n.slice(0, -4));
  }

  has(voice: string): boolean {
    return this.members.has(`${voice}.npy`);
  }

  voicePack(voice: string): VoicePack {
    const member = this.members.get(`${voice}.npy`);
    if (!member) throw new KoeError('not_found', `The voices archive ${this.label} has no voice "${voice}".`);
    return parseNpyVoicePack(this.memberBytes(member, voice), `${this.label}:${voice}`);
  }

  private readDirectory(): void {
    const v = this.view;
    const len = this.bytes.length;
    let eocd = -1;
    for (let at = len - 22; at >= Math.max(0, len - 22 - 0xffff); at--) {
      if (v.getUint32(at, true) === EOCD_SIG) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) throw corrupt(this.label, 'no zip directory at its end; the file is truncated or not a zip');
    const count = v.getUint16(eocd + 10, true);
    const cdOffset = v.getUint32(eocd + 16, true);
    if (cdOffset === MAX_U32) throw corrupt(this.label, 'archives over 4 GB are not supported');
    let at = cdOffset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > len || v.getUint32(at, true) !== CD_SIG) throw corrupt(this.label, 'damaged zip directory');
      const method = v.getUint16(at + 10, true);
      const crc = v.getUint32(at + 16, true);
      let compressedSize = v.getUint32(at + 20, true);
      let size = v.getUint32(at + 24, true);
      const nameLen = v.getUint16(at + 28, true);
      const extraLen = v.getUint16(at + 30, true);
      const commentLen = v.getUint16(at + 32, true);
      let offset = v.getUint32(at + 42, true);
      const name = new TextDecoder().decode(this.bytes.subarray(at + 46, at + 46 + nameLen));
      const big = zip64Values(v, at + 46 + nameLen, extraLen, [size === MAX_U32, compressedSize === MAX_U32, offset === MAX_U32]);
      let k = 0;
      if (size === MAX_U32) size = Number(big[k++] ?? -1);
      if (compressedSize === MAX_U32) compressedSize = Number(big[k++] ?? -1);
      if (offset === MAX_U32) offset = Number(big[k++] ?? -1);
      if (size < 0 || compressedSize < 0 || offset < 0) throw corrupt(this.label, `bad zip64 sizes for ${name}`);
      this.members.set(name, { offset, compressedSize, size, method, crc });
      at += 46 + nameLen + extraLen + commentLen;
    }
  }

  private memberBytes(m: Member, voice: string): Uint8Array {
    const v = this.view;
    if (m.offset + 30 > this.bytes.length || v.getUint32(m.offset, true) !== LOCAL_SIG) throw corrupt(this.label, `damaged entry for ${voice}`);
    // The local header's own name and extra lengths decide where the data starts; its size fields
    // may be zip64 placeholders, so sizes come from the central directory.
    const start = m.offset + 30 + v.getUint16(m.offset + 26, true) + v.getUint16(m.offset + 28, true);
    if (start + m.compressedSize > this.bytes.length) throw corrupt(this.label, `${voice} runs past the end of the file; it is truncated`);
    const raw = this.bytes.subarray(start, start + m.compressedSize);
    let data: Uint8Array;
    if (m.method === 0) data = raw;
    else if (m.method === 8) {
      try {
        data = inflateRawSync(raw);
      } catch {
        throw corrupt(this.label, `${voice} does not decompress`);
      }
    } else throw corrupt(this.label, `${voice} uses zip compression method ${m.method}`);
    if (data.length !== m.size) throw corrupt(this.label, `${voice} has ${data.length} bytes, its directory says ${m.size}`);
    if (crc32(data) !== m.crc) throw corrupt(this.label, `${voice} fails its checksum`);
    return data;
  }
}

/** A `.npy` array of shape (510, 1, 256) or (510, 256), dtype `<f4`, C order. */
export function parseNpyVoicePack(npy: Uint8Array, label: string): VoicePack {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
  if (npy.length < 10 || magic.some((b, i) => npy[i] !== b)) throw new KoeError('invalid_args', `The voice pack ${label} is not a NumPy array.`);
  const view = new DataView(npy.buffer, npy.byteOffset, npy.byteLength);
  const major = npy[6]!;
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(npy.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  const shape = (shapeText ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (descr !== '<f4') throw new KoeError('invalid_args', `The voice pack ${label} holds ${descr ?? 'unknown'} values; Kokoro packs are little-endian float32 (<f4).`);
  if (fortran !== 'False') throw new KoeError('invalid_args', `The voice pack ${label} is stored in Fortran order, which is not supported.`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== PACK_VALUES || shape[0] !== 510 || shape[shape.length - 1] !== 256) {
    throw new KoeError('invalid_args', `The voice pack ${label} has shape (${shape.join(', ')}); a Kokoro voice pack is (510, 1, 256).`);
  }
  const dataStart = headerStart + headerLen;
  if (npy.length - dataStart !== PACK_VALUES * 4) throw new KoeError('invalid_args', `The voice pack ${label} is truncated: ${npy.length - dataStart} bytes of data, expected ${PACK_VALUES * 4}.`);
  const values = new Float32Array(PACK_VALUES);
  for (let i = 0; i < PACK_VALUES; i++) values[i] = view.getFloat32(dataStart + i * 4, true);
  return assertVoicePack(values, label);
}
