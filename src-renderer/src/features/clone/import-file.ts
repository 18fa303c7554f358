// A file the person chose or dropped, turned into what clone.check and clone.create take. Small
// files go as their bytes and the core decodes them (so its checks see the real format and sample
// rate). A file too large for one WebSocket message is decoded here instead and only its best 20 s
// are sent, as PCM, which the page says; its sample rate is then the browser's decoding rate.
import { bestWindow } from './best-window';
import { bytesToBase64, float32LeBytes, MAX_TAKE_SEC, type Take } from '../../audio/recorder-take';
import type { FileSource } from './clone-flow';

export const AUDIO_EXTENSIONS = ['wav', 'mp3', 'm4a', 'aac', 'mp4', 'ogg', 'oga', 'opus', 'flac'] as const;
export const VOICE_FILE_EXTENSION = 'koevoice';
/** The accept attribute of the file pickers: by extension and type, as browsers differ in which they honour. */
export const AUDIO_ACCEPT = [...AUDIO_EXTENSIONS.map((e) => `.${e}`), 'audio/*'].join(',');
/**
 * Largest file sent as bytes: base64 grows it by a third, and the message (with its JSON around it)
 * must stay under the server's 8 MB.
 */
export const MAX_BYTES_SENT = 5_500_000;
/** Rate long files are decoded at on the page: the engine's own, and half the memory of 48 kHz. */
const DECODE_RATE = 24_000;

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

export function isVoiceFile(name: string): boolean {
  return extensionOf(name) === VOICE_FILE_EXTENSION;
}

export async function fileBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Decodes with the browser (for the waveform and for long files), mixed to mono; null if it cannot. */
export async function decodeOnPage(data: ArrayBuffer, sampleRate: number): Promise<Take | null> {
  try {
    const ctx = new OfflineAudioContext(1, 1, sampleRate);
    // decodeAudioData detaches the buffer it is given: hand it a copy.
    const buf = await ctx.decodeAudioData(data.slice(0));
    const mono = new Float32Array(buf.length);
    for (let c = 0; c < buf.numberOfChannels; c++) {
      const ch = buf.getChannelData(c);
      for (let i = 0; i < mono.length; i++) mono[i]! += ch[i]! / buf.numberOfChannels;
    }
    return { pcm: mono, sampleRate: buf.sampleRate };
  } catch {
    return null;
  }
}

function minutes(sec: number): string {
  const s = Math.round(sec);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The source to send for `file`; throws a sentence when a large file cannot be read on the page. */
export async function prepareFile(file: File): Promise<FileSource> {
  const data = await file.arrayBuffer();
  if (file.size <= MAX_BYTES_SENT) {
    return {
      kind: 'file',
      fileName: file.name,
      bytes: file.size,
      send: { kind: 'bytes', base64: bytesToBase64(new Uint8Array(data)), name: file.name.slice(0, 255) },
      preview: await decodeOnPage(data, 48_000),
      note: null,
    };
  }
  const decoded = await decodeOnPage(data, DECODE_RATE);
  if (!decoded) {
    throw new Error(`${file.name} is too large to send whole (${(file.size / 1e6).toFixed(1)} MB) and this browser cannot read it to take a part. Use a WAV, MP3, M4A, Ogg or FLAC file, or a shorter one.`);
  }
  const w = bestWindow(decoded.pcm, decoded.sampleRate, MAX_TAKE_SEC);
  const part = decoded.pcm.slice(Math.round(w.startSec * decoded.sampleRate), Math.round(w.endSec * decoded.sampleRate));
  const total = decoded.pcm.length / decoded.sampleRate;
  return {
    kind: 'file',
    fileName: file.name,
    bytes: file.size,
    send: { kind: 'pcm', base64: bytesToBase64(float32LeBytes(part)), sampleRate: decoded.sampleRate, channels: 1 },
    preview: { pcm: part, sampleRate: decoded.sampleRate },
    note: `${file.name} is ${minutes(total)} long, too large to send whole, so the ${Math.round(w.endSec - w.startSec)} s with the most speech (from ${minutes(w.startSec)}) are used.`,
  };
}
