// WAV codec: exact round trips, metadata, and the odd files real recorders and pipes produce.
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav, floatToPcmBytes, wavHeader } from './wav';

function randomPcm(n: number, seed = 1): Float32Array {
  let s = seed;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

function u16(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff];
}

function u32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

function chunk(id: string, body: number[], declaredSize = body.length): number[] {
  return [...ascii(id), ...u32(declaredSize), ...body, ...(body.length & 1 ? [0] : [])];
}

function fmtBody(code: number, channels: number, rate: number, bits: number, blockAlign = (channels * bits) / 8): number[] {
  return [...u16(code), ...u16(channels), ...u32(rate), ...u32(rate * blockAlign), ...u16(blockAlign), ...u16(bits)];
}

function riff(...chunks: number[][]): Uint8Array {
  const body = [...ascii('WAVE'), ...chunks.flat()];
  return new Uint8Array([...ascii('RIFF'), ...u32(body.length), ...body]);
}

function chunkIds(bytes: Uint8Array): string[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  const ids: string[] = [];
  for (let p = 12; p + 8 <= bytes.length; ) {
    const size = v.getUint32(p + 4, true);
    ids.push(String.fromCharCode(...bytes.subarray(p, p + 4)));
    p += 8 + size + (size & 1);
  }
  return ids;
}

describe('encode/decode round trips', () => {
  it.each([
    [16, 32767],
    [24, 8388607],
  ] as const)('%i-bit stays within half an LSB of the input', (bits, scale) => {
    const pcm = randomPcm(50_000);
    pcm[0] = 1;
    pcm[1] = -1;
    pcm[2] = 0;
    const wav = decodeWav(encodeWav(pcm, { sampleRate: 24000, bitDepth: bits }));
    expect(wav).toMatchObject({ sampleRate: 24000, channels: 1, bitDepth: bits, format: 'pcm', frames: pcm.length });
    const out = wav.channelData[0]!;
    let worst = 0;
    for (let i = 0; i < pcm.length; i++) worst = Math.max(worst, Math.abs(out[i]! - pcm[i]!) * scale);
    expect(worst).toBeLessThanOrEqual(0.5 + 1e-3);
    expect([out[0], out[1], out[2]]).toEqual([1, -1, 0]);
  });

  it('16-bit codes survive integer → float → integer unchanged', () => {
    const codes = new Int16Array(65535);
    for (let i = 0; i < codes.length; i++) codes[i] = i - 32767;
    const bytes = riff(chunk('fmt ', fmtBody(1, 1, 24000, 16)), chunk('data', Array.from(new Uint8Array(codes.buffer))));
    const again = encodeWav(decodeWav(bytes).channelData[0]!, { sampleRate: 24000, bitDepth: 16 });
    expect(Array.from(new Int16Array(again.slice(again.length - codes.length * 2).buffer))).toEqual(Array.from(codes));
  });

  it('24-bit codes survive integer → float → integer unchanged', () => {
    const codes = [-8388607, -8388606, -4194305, -1, 0, 1, 2, 4194303, 8388606, 8388607];
    const pcm = new Float32Array(codes.map((c) => c / 8388607));
    const bytes = floatToPcmBytes(pcm, 24);
    const back = codes.map((_, i) => ((bytes[i * 3]! | (bytes[i * 3 + 1]! << 8) | (bytes[i * 3 + 2]! << 16)) << 8) >> 8);
    expect(back).toEqual(codes);
  });

  it('32-bit float is bit-exact', () => {
    const pcm = randomPcm(10_000, 7);
    const wav = decodeWav(encodeWav(pcm, { sampleRate: 48000, bitDepth: 32 }));
    expect(wav.format).toBe('float');
    expect(wav.bitDepth).toBe(32);
    expect(wav.channelData[0]).toEqual(pcm);
  });

  it('clamps and rounds symmetrically', () => {
    const pcm = new Float32Array([1.5, -1.5, 0.25, -0.25, 0.51 / 32767, -0.51 / 32767, 0.49 / 32767, -0.49 / 32767, Number.NaN, 3 / 32767, -3 / 32767]);
    const codes = Array.from(new Int16Array(floatToPcmBytes(pcm, 16).buffer));
    expect(codes).toEqual([32767, -32767, 8192, -8192, 1, -1, 0, 0, 0, 3, -3]);
    const f = new Float32Array(floatToPcmBytes(new Float32Array([2, -2, Number.NaN]), 32).buffer);
    expect(Array.from(f)).toEqual([1, -1, 0]);
  });

  it('dither is off by default, deterministic when on, and stays within 1.5 LSB', () => {
    const pcm = randomPcm(5000, 3).map((x) => x * 0.5);
    const plain = floatToPcmBytes(pcm, 16);
    expect(floatToPcmBytes(pcm, 16)).toEqual(plain);
    const d1 = floatToPcmBytes(pcm, 16, { dither: true });
    expect(floatToPcmBytes(pcm, 16, { dither: true })).toEqual(d1);
    expect(d1).not.toEqual(plain);
    const codes = new Int16Array(d1.buffer);
    for (let i = 0; i < pcm.length; i++) expect(Math.abs(codes[i]! - pcm[i]! * 32767)).toBeLessThanOrEqual(1.5);
  });

  it('empty audio is a valid file', () => {
    const wav = decodeWav(encodeWav(new Float32Array(0), { sampleRate: 24000, bitDepth: 16 }));
    expect(wav.frames).toBe(0);
    expect(wav.channelData[0]!.length).toBe(0);
  });
});

describe('metadata', () => {
  it('writes a LIST/INFO chunk that reads back, with odd lengths padded', () => {
    const metadata = { title: 'Chapter 1 – Ōsaka', artist: 'Narrator', comment: 'Synthetic speech', software: 'Koe Studio', date: '2025-01-02' };
    const bytes = encodeWav(new Float32Array(101), { sampleRate: 24000, bitDepth: 16, metadata });
    expect(chunkIds(bytes)).toEqual(['fmt ', 'LIST', 'data']);
    expect(new TextDecoder().decode(bytes)).toContain('INFOINAM');
    const wav = decodeWav(bytes);
    expect(wav.metadata).toEqual(metadata);
    expect(wav.frames).toBe(101);
    // The RIFF size must cover every chunk, including the odd data chunk's pad byte.
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(bytes.length - 8);
    expect(bytes.length % 2).toBe(0);
  });

  it('skips empty fields and omits the chunk when nothing is set', () => {
    expect(chunkIds(encodeWav(new Float32Array(4), { sampleRate: 24000, bitDepth: 24, metadata: { title: '' } }))).toEqual(['fmt ', 'data']);
    expect(decodeWav(encodeWav(new Float32Array(4), { sampleRate: 24000, bitDepth: 16, metadata: { software: 'x' } })).metadata).toEqual({ software: 'x' });
  });

  it('float files carry a fact chunk', () => {
    expect(chunkIds(encodeWav(new Float32Array(3), { sampleRate: 24000, bitDepth: 32 }))).toEqual(['fmt ', 'fact', 'data']);
  });
});

describe('wavHeader for streaming writers', () => {
  it('is 44 bytes and precedes raw sample bytes', () => {
    const pcm = randomPcm(333);
    const data = floatToPcmBytes(pcm, 24);
    const header = wavHeader({ sampleRate: 22050, channels: 1, bitDepth: 24, dataBytes: data.length });
    expect(header.length).toBe(44);
    const file = new Uint8Array([...header, ...data]);
    const wav = decodeWav(file);
    expect(wav).toMatchObject({ sampleRate: 22050, bitDepth: 24, frames: 333 });
    expect(new DataView(header.buffer).getUint32(4, true)).toBe(36 + data.length + 1);
  });

  it('with an unknown size (0) still decodes everything that follows', () => {
    const data = floatToPcmBytes(randomPcm(100), 16);
    const file = new Uint8Array([...wavHeader({ sampleRate: 24000, channels: 1, bitDepth: 16, dataBytes: 0 }), ...data]);
    expect(decodeWav(file).frames).toBe(100);
  });

  it('rejects impossible formats', () => {
    expect(() => wavHeader({ sampleRate: 0, channels: 1, bitDepth: 16, dataBytes: 0 })).toThrow(/sample rate/);
    expect(() => wavHeader({ sampleRate: 24000, channels: 1, bitDepth: 8 as 16, dataBytes: 0 })).toThrow(/bit depth/);
    expect(() => wavHeader({ sampleRate: 24000, channels: 1, bitDepth: 16, dataBytes: -1 })).toThrow(/data size/);
  });
});

describe('decoding what other software writes', () => {
  it('stereo 16-bit, per channel', () => {
    const frames = [[16384, -16384], [32767, 0], [-32767, 1]];
    const bytes = riff(chunk('fmt ', fmtBody(1, 2, 44100, 16)), chunk('data', frames.flat().flatMap(u16)));
    const wav = decodeWav(bytes);
    expect(wav).toMatchObject({ channels: 2, sampleRate: 44100, frames: 3 });
    expect(Array.from(wav.channelData[0]!)).toEqual([16384 / 32767, 1, -1].map(Math.fround));
    expect(Array.from(wav.channelData[1]!)).toEqual([-16384 / 32767, 0, 1 / 32767].map(Math.fround));
  });

  it('8-bit unsigned', () => {
    const wav = decodeWav(riff(chunk('fmt ', fmtBody(1, 1, 8000, 8)), chunk('data', [128, 255, 1, 0, 192])));
    expect(wav.bitDepth).toBe(8);
    expect(Array.from(wav.channelData[0]!)).toEqual([0, 1, -1, -1, 64 / 127].map(Math.fround));
  });

  it('32-bit integer PCM', () => {
    const wav = decodeWav(riff(chunk('fmt ', fmtBody(1, 1, 48000, 32)), chunk('data', [...u32(0x7fffffff), ...u32(0xc0000000)])));
    expect(wav.channelData[0]![0]).toBe(1);
    expect(wav.channelData[0]![1]).toBeCloseTo(-0.5, 6);
  });

  it('64-bit float, with non-finite samples zeroed', () => {
    const f = new Float64Array([0.125, -0.75, 1.25, Number.NaN]);
    const wav = decodeWav(riff(chunk('fmt ', fmtBody(3, 1, 24000, 64)), chunk('data', Array.from(new Uint8Array(f.buffer)))));
    expect(wav).toMatchObject({ format: 'float', bitDepth: 64, frames: 4 });
    expect(Array.from(wav.channelData[0]!)).toEqual([0.125, -0.75, 1.25, 0]);
  });

  it('WAVE_FORMAT_EXTENSIBLE 24-bit stereo and float', () => {
    const guidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
    const ext = (sub: number, ch: number, bits: number) => [...fmtBody(0xfffe, ch, 48000, bits), ...u16(22), ...u16(bits), ...u32(3), ...u16(sub), ...guidTail];
    const s24 = [0x00, 0x00, 0x40, 0xff, 0xff, 0xff]; // +0.5 (4194304), −1 LSB
    const wav = decodeWav(riff(chunk('fmt ', ext(1, 2, 24)), chunk('data', s24)));
    expect(wav).toMatchObject({ format: 'pcm', channels: 2, bitDepth: 24, frames: 1 });
    expect(wav.channelData[0]![0]).toBeCloseTo(4194304 / 8388607, 7);
    expect(wav.channelData[1]![0]).toBeCloseTo(-1 / 8388607, 9);
    const f32 = Array.from(new Uint8Array(new Float32Array([0.5]).buffer));
    expect(decodeWav(riff(chunk('fmt ', ext(3, 1, 32)), chunk('data', f32))).channelData[0]![0]).toBe(0.5);
    const badGuid = [...fmtBody(0xfffe, 1, 48000, 16), ...u16(22), ...u16(16), ...u32(4), ...u16(1), ...guidTail.map((b) => b ^ 1)];
    expect(() => decodeWav(riff(chunk('fmt ', badGuid), chunk('data', [0, 0])))).toThrow(/not a WAV file: .*sub-format/);
  });

  it('skips unknown and odd-sized chunks, before and after the audio', () => {
    const bytes = riff(
      chunk('JUNK', [1, 2, 3]), // odd: one pad byte follows
      chunk('fmt ', fmtBody(1, 1, 16000, 16)),
      chunk('LIST', [...ascii('adtl'), 9, 9, 9]),
      chunk('data', [...u16(16384), ...u16(0xc000)]),
      chunk('smpl', [7]),
    );
    const wav = decodeWav(bytes);
    expect(wav.frames).toBe(2);
    expect(wav.channelData[0]![1]).toBeCloseTo(-16384 / 32767, 7);
    expect(wav.metadata).toBeUndefined();
  });

  it.each([
    ['0xFFFFFFFF', 0xffffffff],
    ['espeak-ng pipe size 0x7ffff000', 0x7ffff000],
    ['too large by a little', 12],
  ])('data size %s is clamped to the bytes present', (_name, declared) => {
    const samples = [...u16(100), ...u16(200), ...u16(300)];
    const bytes = riff(chunk('fmt ', fmtBody(1, 1, 22050, 16)), [...ascii('data'), ...u32(declared), ...samples]);
    // Streaming writers also leave the RIFF size wrong.
    new DataView(bytes.buffer).setUint32(4, 0xffffffff, true);
    const wav = decodeWav(bytes);
    expect(wav.frames).toBe(3);
    expect(wav.channelData[0]![2]).toBeCloseTo(300 / 32767, 7);
  });

  it('drops a trailing partial frame', () => {
    const bytes = riff(chunk('fmt ', fmtBody(1, 2, 24000, 16)), [...ascii('data'), ...u32(0xffffffff), 1, 0, 2, 0, 3, 0]);
    expect(decodeWav(bytes).frames).toBe(1);
  });

  it('a zero data size followed by a real chunk means an empty data chunk', () => {
    const bytes = riff(chunk('fmt ', fmtBody(1, 1, 24000, 16)), chunk('data', []), chunk('LIST', [...ascii('INFO'), ...chunk('INAM', [...ascii('t'), 0])]));
    const wav = decodeWav(bytes);
    expect(wav.frames).toBe(0);
    expect(wav.metadata).toEqual({ title: 't' });
  });
});

describe('rejecting what is not a WAV file', () => {
  it.each([
    ['empty', new Uint8Array(0), /only 0 bytes/],
    ['random bytes', new Uint8Array(randomPcm(64).buffer), /missing RIFF header/],
    ['an MP3', new Uint8Array([...ascii('ID3'), 4, 0, 0, 0, 0, 0, 0, 0, 0]), /missing RIFF header/],
    ['RIFF but not WAVE', new Uint8Array([...ascii('RIFF'), 4, 0, 0, 0, ...ascii('AVI ')]), /not of type WAVE/],
    ['big-endian RIFX', new Uint8Array([...ascii('RIFX'), 0, 0, 0, 4, ...ascii('WAVE')]), /RIFX/],
    ['no fmt chunk', riff(chunk('data', [0, 0])), /no fmt chunk/],
    ['no data chunk', riff(chunk('fmt ', fmtBody(1, 1, 24000, 16))), /no data chunk/],
    ['ADPCM', riff(chunk('fmt ', fmtBody(2, 1, 24000, 4, 256)), chunk('data', [0, 0])), /unsupported sample format code 2/],
    ['float16', riff(chunk('fmt ', fmtBody(3, 1, 24000, 16)), chunk('data', [0, 0])), /unsupported float bit depth 16/],
    ['zero channels', riff(chunk('fmt ', fmtBody(1, 0, 24000, 16, 2)), chunk('data', [0, 0])), /channel count is 0/],
    ['short fmt', riff(chunk('fmt ', [1, 0, 1, 0])), /fmt chunk is too short/],
    ['cut-off fmt', new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVEfmt '), 16, 0, 0, 0, 1, 0]), /fmt chunk is cut off/],
  ])('%s', (_name, bytes, why) => {
    expect(() => decodeWav(bytes)).toThrow(/^not a WAV file: /);
    expect(() => decodeWav(bytes)).toThrow(why);
  });
});
