// Every export format is decoded back by an independent decoder (mpg123, libFLAC's and libopus's
// own decoders from @wasm-audio-decoders, our WAV reader) and compared with what went in; tags are
// read back by music-metadata, which knows nothing of our writers.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { MPEGDecoder } from 'mpg123-decoder';
import { OggOpusDecoder } from 'ogg-opus-decoder';
import { parseBuffer } from 'music-metadata';
import { KoeError } from '../../contract/errors';
import { resample } from '../resample';
import { decodeWav } from '../wav';
import { MP3_TOTAL_DELAY } from './encode-mp3';
import { crc16, parseFrameHeader } from './mp3-info-frame';
import { createEncoder, encodeToFile } from './encoders';
import type { ExportFormat } from './encoder';
import { MemorySink } from './memory-sink';
import { SYNTHETIC_NOTICE } from './tags';
import { oggCrc } from './ogg';
import { voice } from '../../../test-support/audio/signals';

const RATE = 24000;
const meta = { title: 'Scene 1', artist: 'Koe Studio test', album: 'Tests', date: '2026-03-04', comment: 'Take two' };

async function encode(format: ExportFormat, channels: Float32Array[], opts: { bitDepth?: 16 | 24; bitrateKbps?: number; blockSize?: number; sampleRate?: number } = {}): Promise<Uint8Array> {
  const sink = new MemorySink();
  const enc = await createEncoder(format, sink, { sampleRate: opts.sampleRate ?? RATE, channels: channels.length as 1 | 2, metadata: meta, bitDepth: opts.bitDepth, bitrateKbps: opts.bitrateKbps, totalFrames: channels[0]!.length });
  const bs = opts.blockSize ?? 10007;
  for (let at = 0; at < channels[0]!.length; at += bs) await enc.write(channels.map((c) => c.subarray(at, at + bs)));
  await enc.finish();
  return sink.bytes();
}

/** Best lag (decoded runs `lag` samples late) and the correlation there. */
function align(ref: Float32Array, got: Float32Array, maxLag: number): { lag: number; corr: number } {
  let best = { lag: 0, corr: -1 };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let xy = 0;
    let xx = 0;
    let yy = 0;
    for (let i = 0; i < ref.length; i += 2) {
      const j = i + lag;
      if (j < 0 || j >= got.length) continue;
      xy += ref[i]! * got[j]!;
      xx += ref[i]! * ref[i]!;
      yy += got[j]! * got[j]!;
    }
    const corr = xy / Math.sqrt(xx * yy || 1);
    if (corr > best.corr) best = { lag, corr };
  }
  return best;
}

function snrDb(ref: Float32Array, got: Float32Array, lag = 0): number {
  let s = 0;
  let e = 0;
  for (let i = 0; i < ref.length; i++) {
    const g = got[i + lag] ?? 0;
    s += ref[i]! * ref[i]!;
    e += (ref[i]! - g) ** 2;
  }
  return 10 * Math.log10(s / e);
}

const speech = voice({ seconds: 4, sampleRate: RATE, seed: 11, level: 0.5 });
const speech2 = voice({ seconds: 4, sampleRate: RATE, seed: 12, level: 0.4 }).subarray(0, speech.length);

async function nativeTags(bytes: Uint8Array, mimeType: string) {
  const mm = await parseBuffer(bytes, { mimeType }, { duration: true });
  const all = Object.values(mm.native).flat();
  return { mm, all };
}

describe('WAV export', () => {
  for (const bitDepth of [16, 24] as const) {
    it(`${bitDepth}-bit mono and stereo decode back to the input within half an LSB`, async () => {
      const lsb = 1 / (bitDepth === 16 ? 32767 : 8388607);
      for (const chans of [[speech], [speech, speech2]]) {
        const bytes = await encode('wav', chans, { bitDepth });
        const wav = decodeWav(bytes);
        expect(wav.channels).toBe(chans.length);
        expect(wav.bitDepth).toBe(bitDepth);
        expect(wav.frames).toBe(speech.length);
        for (let c = 0; c < chans.length; c++) {
          let worst = 0;
          for (let i = 0; i < speech.length; i++) worst = Math.max(worst, Math.abs(wav.channelData[c]![i]! - chans[c]![i]!));
          expect(worst).toBeLessThanOrEqual(lsb / 2 + 1e-9);
        }
        expect(wav.metadata?.comment).toContain(SYNTHETIC_NOTICE);
        expect(wav.metadata?.title).toBe('Scene 1');
      }
    });
  }

  it('is a well-formed RIFF file other readers accept, with the synthetic-speech comment', async () => {
    const bytes = await encode('wav', [speech, speech2], { bitDepth: 24 });
    const { mm } = await nativeTags(bytes, 'audio/wav');
    expect(mm.format.numberOfChannels).toBe(2);
    expect(mm.format.sampleRate).toBe(RATE);
    expect(mm.format.duration).toBeCloseTo(speech.length / RATE, 3);
    expect(mm.common.title).toBe('Scene 1');
  });
});

describe('MP3 export', () => {
  it('is gapless: decodes to exactly the input length, aligned to the sample (correlation ≥ 0.97)', async () => {
    for (const chans of [[speech], [speech, speech2]]) {
      const bytes = await encode('mp3', chans);
      const dec = new MPEGDecoder();
      await dec.ready;
      const out = dec.decode(bytes);
      dec.free();
      expect(out.sampleRate).toBe(RATE);
      expect(out.samplesDecoded).toBe(speech.length);
      for (let c = 0; c < chans.length; c++) {
        const { lag, corr } = align(chans[c]!, out.channelData[c]!, 1200);
        expect(lag).toBe(0);
        expect(corr).toBeGreaterThan(0.97);
        expect(snrDb(chans[c]!, out.channelData[c]!)).toBeGreaterThan(12);
      }
    }
  });

  it('has a valid LAME Info frame: frame count, sizes and both CRCs as a LAME reader checks them', async () => {
    const bytes = await encode('mp3', [speech], { bitrateKbps: 32 }); // small frames: Info frame needs a larger bitrate
    const id3Size = 10 + ((bytes[6]! << 21) | (bytes[7]! << 14) | (bytes[8]! << 7) | bytes[9]!);
    const info = parseFrameHeader(bytes, id3Size)!;
    const frame = bytes.subarray(id3Size, id3Size + info.length);
    expect(String.fromCharCode(...frame.subarray(13, 17))).toBe('Info');
    const v = new DataView(frame.buffer, frame.byteOffset);
    const audio = bytes.subarray(id3Size + info.length);
    let frames = 0;
    for (let at = 0; at < audio.length; frames++) at += parseFrameHeader(audio, at)!.length;
    expect(v.getUint32(21)).toBe(frames);
    expect(v.getUint32(25)).toBe(info.length + audio.length);
    const tag = 133;
    expect(String.fromCharCode(...frame.subarray(tag, tag + 9))).toBe('LAME3.100');
    const delay = (frame[tag + 21]! << 4) | (frame[tag + 22]! >> 4);
    const padding = ((frame[tag + 22]! & 15) << 8) | frame[tag + 23]!;
    expect(delay).toBe(576);
    expect(frames * 576 - delay - padding).toBe(speech.length);
    expect(v.getUint16(tag + 32)).toBe(crc16(audio));
    const zeroed = frame.slice(0, 190);
    zeroed.fill(0, tag + 34, tag + 36);
    expect(v.getUint16(tag + 34)).toBe(crc16(zeroed));
    // A decoder that ignores the frame still plays in step after the known delay.
    expect(MP3_TOTAL_DELAY).toBe(576 + 529);
  });

  it('carries ID3 tags saying the speech is synthetic', async () => {
    const bytes = await encode('mp3', [speech, speech2]);
    const { mm, all } = await nativeTags(bytes, 'audio/mpeg');
    expect(mm.format.numberOfChannels).toBe(2);
    expect(mm.common.title).toBe('Scene 1');
    expect(mm.common.artist).toBe('Koe Studio test');
    expect(JSON.stringify(mm.common.comment)).toContain(SYNTHETIC_NOTICE);
    expect(all.some((t) => t.id === 'TXXX:SYNTHETIC_SPEECH' && String(t.value) === 'yes')).toBe(true);
  });

  it('refuses a bitrate MP3 cannot carry at 24 kHz, as a clear invalid-arguments error', async () => {
    await expect(encode('mp3', [speech], { bitrateKbps: 320 })).rejects.toThrow(KoeError);
    await expect(encode('mp3', [speech], { bitrateKbps: 320 })).rejects.toThrow(/bitrate/);
  });
});

describe('FLAC export', () => {
  for (const bitDepth of [16, 24] as const) {
    it(`${bitDepth}-bit is lossless: STREAMINFO's MD5 is that of the exact PCM, an independent decoder agrees`, async () => {
      for (const chans of [[speech], [speech, speech2]]) {
        const bytes = await encode('flac', chans, { bitDepth });
        // The WAV export's data chunk is the same little-endian interleaved PCM FLAC's MD5 covers.
        const wavBytes = await encode('wav', chans, { bitDepth });
        const wav = decodeWav(wavBytes);
        const pcmBytes = wavBytes.subarray(wavBytes.length - speech.length * chans.length * (bitDepth / 8));
        expect(Buffer.from(bytes.subarray(26, 42)).toString('hex')).toBe(createHash('md5').update(pcmBytes).digest('hex'));
        const { mm } = await nativeTags(bytes, 'audio/flac');
        expect(mm.format.duration).toBeCloseTo(speech.length / RATE, 6); // STREAMINFO total samples
        expect(mm.format.bitsPerSample).toBe(bitDepth);
        const dec = new FLACDecoder();
        await dec.ready;
        const out = await dec.decodeFile(bytes);
        dec.free();
        expect(out.sampleRate).toBe(RATE);
        // This decoder skips a final frame of a few bytes (here: 4096 samples of silence); the
        // reference `flac -t` decodes every sample. What it does return must match.
        expect(out.samplesDecoded).toBeGreaterThanOrEqual(speech.length - 4096);
        const lsb = 1 / (bitDepth === 16 ? 32767 : 8388607);
        for (let c = 0; c < chans.length; c++) {
          let worst = 0;
          for (let i = 0; i < out.samplesDecoded; i++) worst = Math.max(worst, Math.abs(out.channelData[c]![i]! - wav.channelData[c]![i]!));
          expect(worst).toBeLessThan(1.5 * lsb);
        }
      }
    });
  }

  it('carries Vorbis comments saying the speech is synthetic', async () => {
    const bytes = await encode('flac', [speech]);
    const { mm, all } = await nativeTags(bytes, 'audio/flac');
    expect(mm.common.title).toBe('Scene 1');
    expect(mm.common.album).toBe('Tests');
    expect(JSON.stringify(mm.common.comment)).toContain(SYNTHETIC_NOTICE);
    expect(all.some((t) => t.id === 'SYNTHETIC_SPEECH' && t.value === 'yes')).toBe(true);
  });
});

describe('Ogg/Opus export', () => {
  async function decodeOpus(bytes: Uint8Array): Promise<{ channelData: Float32Array[]; sampleRate: number; samplesDecoded: number }> {
    const dec = new OggOpusDecoder();
    await dec.ready;
    const out = await dec.decodeFile(bytes);
    dec.free();
    return out;
  }

  it('decodes back (48 kHz) to the same speech, aligned to the sample by its pre-skip, length exact', async () => {
    const bytes = await encode('opus', [speech]);
    const out = await decodeOpus(bytes);
    expect(out.sampleRate).toBe(48000);
    const ref = resample(speech, RATE, 48000);
    const got = out.channelData[0]!;
    // Pre-skip and the final granule trim the stream to the input's length (within one 20 ms frame
    // for decoders that ignore end trimming).
    expect(Math.abs(got.length - ref.length)).toBeLessThanOrEqual(960);
    const { lag, corr } = align(ref, got, 1000);
    expect(Math.abs(lag)).toBeLessThanOrEqual(2);
    expect(corr).toBeGreaterThan(0.97);
  });

  it('encodes stereo and non-native rates (44.1 kHz is resampled to 48 kHz)', async () => {
    const stereo = await decodeOpus(await encode('opus', [speech, speech2]));
    expect(stereo.channelData.length).toBe(2);
    expect(align(resample(speech2, RATE, 48000), stereo.channelData[1]!, 50).corr).toBeGreaterThan(0.95);
    const at44 = resample(speech, RATE, 44100);
    const out = await decodeOpus(await encode('opus', [at44], { sampleRate: 44100 }));
    const { lag, corr } = align(resample(speech, RATE, 48000), out.channelData[0]!, 200);
    expect(Math.abs(lag)).toBeLessThanOrEqual(2);
    expect(corr).toBeGreaterThan(0.97);
  });

  it('writes valid Ogg pages (every CRC checks) and OpusTags saying the speech is synthetic', async () => {
    const bytes = await encode('opus', [speech]);
    let at = 0;
    let pages = 0;
    let eos = 0;
    while (at < bytes.length) {
      expect(String.fromCharCode(...bytes.subarray(at, at + 4))).toBe('OggS');
      const nseg = bytes[at + 26]!;
      const body = bytes.subarray(at + 27, at + 27 + nseg).reduce((s, x) => s + x, 0);
      const page = bytes.slice(at, at + 27 + nseg + body);
      const crc = new DataView(page.buffer).getUint32(22, true);
      page.fill(0, 22, 26);
      expect(oggCrc(page)).toBe(crc);
      if (page[5]! & 4) eos++;
      at += page.length;
      pages++;
    }
    expect(pages).toBeGreaterThan(4);
    expect(eos).toBe(1);
    const { mm, all } = await nativeTags(bytes, 'audio/ogg');
    expect(mm.format.codec).toMatch(/opus/i);
    expect(mm.common.title).toBe('Scene 1');
    expect(JSON.stringify(mm.common.comment)).toContain(SYNTHETIC_NOTICE);
    expect(all.some((t) => t.id === 'SYNTHETIC_SPEECH' && t.value === 'yes')).toBe(true);
    expect(mm.format.duration).toBeCloseTo(speech.length / RATE, 2);
  });
});

describe('encodeToFile: atomic, with progress and cancel', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'koe-enc-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function blocksOf(x: Float32Array, size: number): Float32Array[][] {
    const out: Float32Array[][] = [];
    for (let at = 0; at < x.length; at += size) out.push([x.subarray(at, at + size)]);
    return out;
  }

  for (const format of ['wav', 'mp3', 'flac', 'opus'] as const) {
    it(`${format}: reports progress up to 1 and leaves only the finished file`, async () => {
      const path = joinPath(dir, `out-${format}.${format}`);
      const seen: number[] = [];
      await encodeToFile(path, format, blocksOf(speech, 8000), { sampleRate: RATE, channels: 1, metadata: meta, totalFrames: speech.length, onProgress: (f) => seen.push(f) });
      expect(seen.at(-1)).toBe(1);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect((await readFile(path)).length).toBeGreaterThan(1000);
      expect((await readdir(dir)).filter((n) => n.includes('koe-tmp'))).toEqual([]);
    });
  }

  it('cancelled half-way: KoeError("cancelled"), no file, no temp file', async () => {
    const path = joinPath(dir, 'cancelled.flac');
    const ctl = new AbortController();
    const err = await encodeToFile(path, 'flac', blocksOf(speech, 4000), {
      sampleRate: RATE,
      channels: 1,
      metadata: meta,
      totalFrames: speech.length,
      signal: ctl.signal,
      onProgress: (f) => {
        if (f > 0.4) ctl.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KoeError);
    expect((err as KoeError).code).toBe('cancelled');
    expect((await readdir(dir)).filter((n) => n.startsWith('cancelled') || n.includes('koe-tmp'))).toEqual([]);
  });
});

describe('WAV sample conversion', () => {
  it('pcmBytes equals wav.ts floatToPcmBytes byte for byte, edge values included', async () => {
    const { pcmBytes } = await import('./encode-wav');
    const { floatToPcmBytes } = await import('../wav');
    const x = new Float32Array(20000);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37) * 1.2 * Math.cos(i * 0.0011);
    x.set([0, -0, 1, -1, 1.5, -1.5, Number.NaN, 0.5 / 32767, -0.5 / 32767, 1.5 / 32767, 0.5 / 8388607, -2.5 / 8388607], 0);
    for (const bits of [16, 24] as const) expect(Buffer.from(pcmBytes(x, bits)).equals(Buffer.from(floatToPcmBytes(x, bits)))).toBe(true);
  });
});
