// Just enough of the protobuf wire format to read a SentencePiece ModelProto: varints, 32-bit
// floats and length-delimited fields, with unknown fields skipped by wire type. A protobuf library
// would be a dependency for one 300 kB message read once per model load.
import { KoeError } from '../../contract/errors';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

export interface ProtoField {
  field: number;
  wire: number;
  /** Varints (as a number; values above 2^53 lose precision, which no field read here has). */
  int: number;
  /** Length-delimited payload, a view into the message. */
  bytes: Uint8Array;
  /** The 32-bit float of a fixed32 field. */
  float: number;
}

function corrupt(what: string): KoeError {
  return new KoeError('invalid_args', `The tokenizer model is damaged: ${what}.`);
}

/** Calls `visit` for every top-level field of `msg`, in order. */
export function readFields(msg: Uint8Array, visit: (f: ProtoField) => void): void {
  const view = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (at >= msg.length) throw corrupt('a number runs past the end');
      const b = msg[at++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    throw corrupt('a number is longer than ten bytes');
  };
  const empty = msg.subarray(0, 0);
  while (at < msg.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw corrupt('field number 0');
    switch (wire) {
      case WIRE_VARINT:
        visit({ field, wire, int: varint(), bytes: empty, float: NaN });
        break;
      case WIRE_FIXED64:
        if (at + 8 > msg.length) throw corrupt('a 64-bit value runs past the end');
        at += 8;
        break;
      case WIRE_BYTES: {
        const len = varint();
        if (at + len > msg.length) throw corrupt('a field runs past the end');
        visit({ field, wire, int: len, bytes: msg.subarray(at, at + len), float: NaN });
        at += len;
        break;
      }
      case WIRE_FIXED32:
        if (at + 4 > msg.length) throw corrupt('a 32-bit value runs past the end');
        visit({ field, wire, int: view.getUint32(at, true), bytes: empty, float: view.getFloat32(at, true) });
        at += 4;
        break;
      default:
        throw corrupt(`unknown wire type ${wire}`);
    }
  }
}
