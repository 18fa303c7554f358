// Reading references in every format users bring: each decoder on a short 440 Hz tone file made with
// ffmpeg (WAV is made here with our own writer), and clear refusals for what is not audio.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeWav } from './wav';
import { decodeAudio, mp3IsMono, sniffFormat } from './decode';
import { sine } from '../../test-support/voice-clone/signals';

const data = (name: string) => new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));

function zeroCrossingHz(x: Float32Array, rate: number): number {
  let n = 0;
  const mid = x.subarray(Math.floor(x.length * 0.2), Math.floor(x.length * 0.8));
  for (let i = 1; i < mid.length; i++) if (mid[i - 1]! < 0 && mid[i]! >= 0) n++;
  return (n * rate) / mid.length;
}

describe('decoding references', () => {
  it.each([
    ['tone.mp3', 'mp3', 44_100],
    ['tone.flac', 'flac', 44_100],
    ['tone.ogg', 'ogg-vorbis', 44_100],
    ['tone.opus', 'ogg-opus', 48_000],
    ['tone.m4a', 'm4a', 44_100],
  ] as const)('%s: %s at %i Hz, about a second of 440 Hz in two channels', async (file, format, rate) => {
    const bytes = data(file);
    expect(sniffFormat(bytes)).toBe(format);
    const d = await decodeAudio(bytes, file);
    expect(d).toMatchObject({ format, sampleRate: rate });
    expect(d.channels).toHaveLength(2);
    const seconds = d.channels[0]!.length / d.sampleRate;
    expect(seconds).toBeGreaterThan(0.95);
    expect(seconds).toBeLessThan(1.1);
    expect(zeroCrossingHz(d.channels[0]!, d.sampleRate)).toBeGreaterThan(430);
    expect(zeroCrossingHz(d.channels[0]!, d.sampleRate)).toBeLessThan(450);
  });

  it('reads a mono MP3 as one channel (mpg123 hands back two), and the header says which is which', async () => {
    const mono = data('tone-mono.mp3');
    expect(mp3IsMono(mono)).toBe(true);
    expect(mp3IsMono(data('tone.mp3'))).toBe(false);
    const d = await decodeAudio(mono);
    expect(d).toMatchObject({ format: 'mp3', sampleRate: 24_000 });
    expect(d.channels).toHaveLength(1);
    expect(zeroCrossingHz(d.channels[0]!, d.sampleRate)).toBeGreaterThan(430);
    expect(zeroCrossingHz(d.channels[0]!, d.sampleRate)).toBeLessThan(450);
  });

  it('reads a WAV with the project reader', async () => {
    const d = await decodeAudio(encodeWav(sine(440, 1, 22_050), { sampleRate: 22_050, bitDepth: 24 }));
    expect(d).toMatchObject({ format: 'wav', sampleRate: 22_050 });
    expect(d.channels[0]!.length).toBe(22_050);
  });

  it('refuses what is not audio, saying what it can read', async () => {
    await expect(decodeAudio(new TextEncoder().encode('Hello, this is a script, not a recording.'), 'notes.txt')).rejects.toMatchObject({
      code: 'invalid_args',
      message: 'notes.txt is not an audio file Koe can read (its contents are not WAV, MP3, M4A, Ogg or FLAC). Use a WAV, MP3, M4A, Ogg or FLAC recording.',
    });
    await expect(decodeAudio(new Uint8Array(0), 'empty.wav')).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/empty/) });
    const mp3 = data('tone.mp3');
    await expect(decodeAudio(mp3.subarray(0, 200), 'cut.mp3')).rejects.toMatchObject({ code: 'invalid_args', message: expect.stringMatching(/^cut\.mp3 is not an audio file Koe can read \(no MP3 audio could be decoded/) });
    const flacHeader = data('tone.flac').subarray(0, 64);
    await expect(decodeAudio(flacHeader, 'broken.flac')).rejects.toMatchObject({ code: 'invalid_args' });
  });

  it('names WebM, which browsers record, as not supported yet', async () => {
    await expect(decodeAudio(data('tone.webm'), 'take.webm')).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/WebM/) });
  });

});
