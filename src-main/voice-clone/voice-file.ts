// The single-file export of a cloned voice (`.koevoice`), to move it to another machine. JSON, so
// a person can read what it holds and who consented: the consent record, the quality report, the
// reference recording as a 32-bit float WAV (base64, checked by SHA-256 on import) and the
// conditioning with the encoder version that made it. On a machine with the same model the
// conditioning is used as it is; otherwise it is re-encoded from the reference. A file without a
// complete consent record is refused.
import { createHash } from 'node:crypto';
import { KoeError } from '../contract/errors';
import { decodeWav, encodeWav } from '../audio/wav';
import { parseConsentRecord, type ConsentRecord } from './consent';

export const VOICE_FILE_FORMAT = 'koe-voice';
export const VOICE_FILE_EXTENSION = 'koevoice';
/** Base64 of 20 s of float32 audio plus conditioning is ~3 MB; anything much larger is not ours. */
export const MAX_VOICE_FILE_BYTES = 32 * 1024 * 1024;

export interface VoiceFileContent {
  name: string;
  tags: string[];
  language: string;
  languageName: string;
  engine: string;
  modelLanguage: string;
  encoderVersion: string;
  consent: ConsentRecord;
  qualityReport: unknown;
  source: string;
  createdAt: string;
  reference: { pcm: Float32Array; sampleRate: number; sha256: string };
  cond: { data: Float32Array; rows: number; dim: number };
}

export function sha256Of(pcm: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength)).digest('hex');
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function encodeVoiceFile(v: VoiceFileContent, exportedAt = new Date().toISOString()): Uint8Array {
  const doc = {
    format: VOICE_FILE_FORMAT,
    version: 1,
    note: 'A voice cloned with Koe Studio. Speech made with it is synthetic. It may only be used as its consent record allows.',
    name: v.name,
    tags: v.tags,
    language: v.language,
    languageName: v.languageName,
    engine: v.engine,
    modelLanguage: v.modelLanguage,
    encoderVersion: v.encoderVersion,
    consent: v.consent,
    qualityReport: v.qualityReport,
    source: v.source,
    createdAt: v.createdAt,
    exportedAt,
    reference: { format: 'wav-float32', sampleRate: v.reference.sampleRate, samples: v.reference.pcm.length, sha256: v.reference.sha256, data: b64(encodeWav(v.reference.pcm, { sampleRate: v.reference.sampleRate, bitDepth: 32, metadata: { software: 'Koe Studio', comment: 'Cloning reference' } })) },
    conditioning: { format: 'f32le', rows: v.cond.rows, dim: v.cond.dim, data: b64(new Uint8Array(v.cond.data.buffer, v.cond.data.byteOffset, v.cond.data.byteLength)) },
  };
  return new TextEncoder().encode(`${JSON.stringify(doc, null, 1)}\n`);
}

function bad(why: string): KoeError {
  return new KoeError('invalid_args', `This is not a Koe voice file, or it is damaged (${why}).`);
}

const str = (v: unknown, what: string, max = 500): string => {
  if (typeof v !== 'string' || !v.trim() || v.length > max) throw bad(`no usable ${what}`);
  return v.trim();
};

export function decodeVoiceFile(bytes: Uint8Array): VoiceFileContent {
  if (bytes.length > MAX_VOICE_FILE_BYTES) throw bad('it is far too large');
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as Record<string, unknown>;
  } catch {
    throw bad('it is not JSON');
  }
  if (doc.format !== VOICE_FILE_FORMAT) throw bad('its format is not koe-voice');
  if (doc.version !== 1) throw new KoeError('unsupported', `This voice file is version ${String(doc.version)}; this Koe Studio reads version 1. Update Koe Studio to import it.`);
  const consent = parseConsentRecord(doc.consent);
  const ref = doc.reference as Record<string, unknown> | undefined;
  const cond = doc.conditioning as Record<string, unknown> | undefined;
  if (!ref || typeof ref.data !== 'string' || typeof ref.sha256 !== 'string') throw bad('no reference recording');
  let wav: ReturnType<typeof decodeWav>;
  try {
    wav = decodeWav(new Uint8Array(Buffer.from(ref.data, 'base64')));
  } catch {
    throw bad('its reference recording is not a WAV');
  }
  const pcm = wav.channelData[0] ?? new Float32Array(0);
  if (pcm.length === 0) throw bad('its reference recording is empty');
  if (sha256Of(pcm) !== ref.sha256) throw bad('its reference recording does not match its checksum');
  const rows = Number(cond?.rows);
  const dim = Number(cond?.dim);
  const condBytes = typeof cond?.data === 'string' ? Buffer.from(cond.data, 'base64') : Buffer.alloc(0);
  if (!Number.isInteger(rows) || !Number.isInteger(dim) || rows <= 0 || dim <= 0 || condBytes.byteLength !== rows * dim * 4) throw bad('its conditioning is missing or the wrong size');
  const data = new Float32Array(rows * dim);
  new Uint8Array(data.buffer).set(condBytes);
  const tags = Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string' && t.length <= 64).slice(0, 32) : [];
  return {
    name: str(doc.name, 'name', 120),
    tags,
    language: str(doc.language, 'language', 32),
    languageName: typeof doc.languageName === 'string' ? doc.languageName : '',
    engine: str(doc.engine, 'engine', 32),
    modelLanguage: str(doc.modelLanguage, 'model language', 16),
    encoderVersion: str(doc.encoderVersion, 'encoder version'),
    consent,
    qualityReport: doc.qualityReport ?? null,
    source: typeof doc.source === 'string' ? doc.source.slice(0, 200) : 'import',
    createdAt: typeof doc.createdAt === 'string' && !Number.isNaN(Date.parse(doc.createdAt)) ? doc.createdAt : new Date().toISOString(),
    reference: { pcm, sampleRate: wav.sampleRate, sha256: ref.sha256 },
    cond: { data, rows, dim },
  };
}
