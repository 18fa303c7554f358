// The export choices that depend on one another, as plain tables: which constant bitrates an MP3
// can have at a sample rate, and the rates a file can be delivered at. The MP3 encoder checks
// against the same table the export dialog offers, so the dialog cannot offer a file the encoder
// refuses (or quietly makes another one).

/** MPEG-1 Layer III (32, 44.1, 48 kHz) goes up to 320 kbit/s; MPEG-2 (16, 22.05, 24 kHz) stops at 160. */
const MPEG1_RATES = new Set([32000, 44100, 48000]);
export const MP3_BITRATES_MPEG1 = [32, 40, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320] as const;
export const MP3_BITRATES_MPEG2 = [32, 40, 48, 64, 80, 96, 112, 128, 160] as const;
export const MP3_SAMPLE_RATES: readonly number[] = [16000, 22050, 24000, 32000, 44100, 48000];

/** The constant bitrates an MP3 at `sampleRate` can have. */
export function mp3Bitrates(sampleRate: number): readonly number[] {
  return MPEG1_RATES.has(sampleRate) ? MP3_BITRATES_MPEG1 : MP3_BITRATES_MPEG2;
}

/** An MP3's bitrate when none is chosen: enough for speech at the channel count. */
export function defaultMp3Bitrate(channels: 1 | 2): number {
  return channels === 1 ? 64 : 96;
}

/** Sample rates every format can be delivered at (WAV and FLAC take any; these are the usual ones). */
export const DELIVERY_SAMPLE_RATES: readonly number[] = [22050, 24000, 44100, 48000];
