// WebSocket wire format of the contract, shared by the server and the browser client (pure, no Node).
// Calls, replies and events are JSON text frames. An event whose payload carries PCM goes as one
// binary frame instead, so audio never passes through JSON (base64 or number arrays would cost
// several times the bytes and a parse per sample):
//   [u32 LE header length N][N bytes UTF-8 JSON header][0–3 zero bytes to a 4-byte boundary][float32 LE samples]
// The header is `{"t":"event","name":…,"payload":{…without the array…},"bin":"<field name>"}`.
import type { RpcError } from './errors';

export type ClientMessage = { t: 'call'; id: number; name: string; args: unknown };
export type ServerMessage =
  | { t: 'reply'; id: number; ok: true; result: unknown }
  | { t: 'reply'; id: number; ok: false; error: RpcError }
  | { t: 'event'; name: string; payload: Record<string, unknown> };

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Encodes an event; returns a string for JSON-only payloads and bytes when one field is PCM. */
export function encodeEvent(name: string, payload: Record<string, unknown>): string | Uint8Array {
  const binKey = Object.keys(payload).find((k) => payload[k] instanceof Float32Array);
  if (!binKey) return JSON.stringify({ t: 'event', name, payload });
  const pcm = payload[binKey] as Float32Array;
  const rest: Record<string, unknown> = { ...payload };
  delete rest[binKey];
  const header = enc.encode(JSON.stringify({ t: 'event', name, payload: rest, bin: binKey }));
  const dataOffset = align4(4 + header.length);
  const out = new Uint8Array(dataOffset + pcm.byteLength);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  out.set(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength), dataOffset);
  return out;
}

/** Decodes a binary event frame; throws on a malformed frame. */
export function decodeBinaryEvent(frame: ArrayBuffer | Uint8Array): { name: string; payload: Record<string, unknown> } {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.length < 4) throw new Error('binary frame too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  if (4 + headerLength > bytes.length) throw new Error('binary frame header overruns the frame');
  const header = JSON.parse(dec.decode(bytes.subarray(4, 4 + headerLength))) as { t: string; name: string; payload: Record<string, unknown>; bin: string };
  if (header.t !== 'event' || typeof header.bin !== 'string') throw new Error('binary frame is not an event');
  const dataOffset = align4(4 + headerLength);
  const byteLength = bytes.length - dataOffset;
  if (byteLength % 4 !== 0) throw new Error('binary frame PCM is not whole float32 samples');
  // Copy into a fresh, aligned buffer: the frame's own buffer may be shared or misaligned.
  const pcm = new Float32Array(byteLength / 4);
  new Uint8Array(pcm.buffer).set(bytes.subarray(dataOffset));
  return { name: header.name, payload: { ...header.payload, [header.bin]: pcm } };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
