// The export dialog offers MP3 at a constant bitrate or a VBR quality; this checks the files are
// what was chosen, read back by ffprobe (Debian's ffmpeg, where installed) and by our own frame
// walk: a CBR file has every frame at the bitrate asked, a VBR file's frames vary and its "Xing"
// frame gives players the right length.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMp3Encoder } from './encode-mp3';
import { MemorySink } from './memory-sink';
import { parseFrameHeader } from './mp3-info-frame';

const HAS_FFPROBE = spawnSync('ffprobe', ['-version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'koe-mp3-rate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Speech-like test audio: a gliding tone with bursts of noise, so a VBR encoder has work to vary. */
function program(seconds: number, rate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  let seed = 7;
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    const noise = (seed / 2 ** 32 - 0.5) * (Math.floor(t * 3) % 2 ? 0.6 : 0.02);
    out[i] = 0.3 * Math.sin(2 * Math.PI * (180 + 60 * Math.sin(t)) * t) * (Math.floor(t * 2) % 3 ? 1 : 0.05) + noise;
  }
  return out;
}

async function encode(opts: { sampleRate: number; channels: 1 | 2; bitrateKbps?: number; vbrQuality?: number }, seconds = 6): Promise<{ path: string; bytes: Uint8Array; samples: number }> {
  const sink = new MemorySink();
  const enc = await createMp3Encoder(sink, { ...opts, metadata: { title: 't' } });
  const pcm = program(seconds, opts.sampleRate);
  for (let at = 0; at < pcm.length; at += 4096) {
    const block = pcm.subarray(at, at + 4096);
    await enc.write(opts.channels === 1 ? [block] : [block, block.map((x) => x * 0.5)]);
  }
  await enc.finish();
  const bytes = sink.bytes();
  const path = join(dir, `${opts.sampleRate}-${opts.channels}-${opts.bitrateKbps ?? `v${opts.vbrQuality}`}.mp3`);
  writeFileSync(path, bytes);
  return { path, bytes, samples: pcm.length };
}

/** Bitrates of the audio frames after the Info/Xing frame, by walking the headers. */
function frameBitrates(b: Uint8Array): { rates: number[]; tag: string } {
  let at = 0;
  if (b[0] === 0x49 && b[1] === 0x44 && b[2] === 0x33) at = 10 + ((b[6]! << 21) | (b[7]! << 14) | (b[8]! << 7) | b[9]!);
  const info = parseFrameHeader(b, at)!;
  const tag = new TextDecoder().decode(b.subarray(at, at + info.length)).match(/Xing|Info/)?.[0] ?? '';
  at += info.length;
  const rates: number[] = [];
  for (let h = parseFrameHeader(b, at); h; h = parseFrameHeader(b, at)) {
    rates.push(h.kbps);
    at += h.length;
  }
  return { rates, tag };
}

function probe(path: string): { sample_rate: string; channels: number; bit_rate: string; duration: string } {
  const r = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_streams', '-print_format', 'json', path], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { streams: { sample_rate: string; channels: number; bit_rate: string; duration: string }[] }).streams[0]!;
}

describe('MP3 bitrates are true to the file', () => {
  it.each([
    { sampleRate: 44100, channels: 1 as const, bitrateKbps: 128 },
    { sampleRate: 48000, channels: 2 as const, bitrateKbps: 192 },
    { sampleRate: 24000, channels: 1 as const, bitrateKbps: 64 },
    { sampleRate: 22050, channels: 2 as const, bitrateKbps: 160 },
  ])('CBR $bitrateKbps kbit/s at $sampleRate Hz, $channels channel(s)', async (opts) => {
    const { path, bytes } = await encode(opts);
    const { rates, tag } = frameBitrates(bytes);
    expect(tag).toBe('Info');
    expect(new Set(rates)).toEqual(new Set([opts.bitrateKbps]));
    if (HAS_FFPROBE) {
      const s = probe(path);
      expect(Number(s.sample_rate)).toBe(opts.sampleRate);
      expect(s.channels).toBe(opts.channels);
      expect(Number(s.bit_rate)).toBe(opts.bitrateKbps * 1000);
    }
  });

  it.each([
    { sampleRate: 44100, channels: 1 as const, vbrQuality: 2 },
    { sampleRate: 48000, channels: 2 as const, vbrQuality: 0 },
    { sampleRate: 24000, channels: 1 as const, vbrQuality: 6 },
  ])('VBR V$vbrQuality at $sampleRate Hz, $channels channel(s)', async (opts) => {
    const { path, bytes, samples } = await encode(opts);
    const { rates, tag } = frameBitrates(bytes);
    expect(tag).toBe('Xing');
    expect(new Set(rates).size).toBeGreaterThan(1);
    if (HAS_FFPROBE) {
      const s = probe(path);
      expect(Number(s.sample_rate)).toBe(opts.sampleRate);
      expect(s.channels).toBe(opts.channels);
      // An average, not one of the constant rates.
      expect(Number(s.bit_rate) % 8000).not.toBe(0);
      // The Xing frame's count and LAME's delay and padding give the exact length back.
      const decoded = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-ac', '1', '-'], { maxBuffer: 1 << 26 });
      expect(decoded.stdout.length / 4).toBe(samples);
    }
  });

  it('a better VBR quality makes a larger file', async () => {
    const best = await encode({ sampleRate: 44100, channels: 1, vbrQuality: 0 });
    const small = await encode({ sampleRate: 44100, channels: 1, vbrQuality: 9 });
    expect(best.bytes.length).toBeGreaterThan(small.bytes.length * 1.3);
  });

  it('refuses a bitrate and a VBR quality together, and a quality outside 0–9', async () => {
    await expect(encode({ sampleRate: 44100, channels: 1, bitrateKbps: 128, vbrQuality: 2 })).rejects.toThrow(/not both/);
    await expect(encode({ sampleRate: 44100, channels: 1, vbrQuality: 10 })).rejects.toThrow(/0 \(best\) to 9/);
  });
});
