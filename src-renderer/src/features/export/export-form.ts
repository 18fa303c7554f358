// The export dialog's rules, apart from its markup: which sample rate and bitrates a format can
// have, what a preset fixes, and how one change keeps the rest consistent (an MP3 bitrate the new
// sample rate cannot carry falls back to the default rather than making another file than shown).
import { DELIVERY_SAMPLE_RATES, defaultMp3Bitrate, mp3Bitrates } from '../../../../src-main/contract/export-options';
import { SAMPLE_RATE, type ExportPrefs } from '../../../../src-main/contract/schemas';

export type Format = ExportPrefs['format'];
export type Preset = NonNullable<ExportPrefs['preset']>;

export const FORMATS: readonly { id: Format; label: string; hint: string }[] = [
  { id: 'wav', label: 'WAV', hint: 'Uncompressed, for editing' },
  { id: 'flac', label: 'FLAC', hint: 'Lossless and smaller' },
  { id: 'mp3', label: 'MP3', hint: 'Plays everywhere' },
  { id: 'opus', label: 'Opus', hint: 'Small, for the web' },
  { id: 'm4b', label: 'M4B', hint: 'Audiobook with chapters' },
];

export const PRESETS: readonly { id: Preset | null; label: string; rate: number | null }[] = [
  { id: null, label: 'As rendered (no normalization)', rate: null },
  { id: 'podcast', label: 'Podcast · −16 LUFS', rate: 44100 },
  { id: 'streaming', label: 'Streaming · −14 LUFS', rate: 48000 },
  { id: 'broadcast', label: 'Broadcast (EBU R128) · −23 LUFS', rate: 48000 },
  { id: 'acx', label: 'ACX / Audible · MP3 192 kbit/s, 44.1 kHz mono, one file per chapter', rate: 44100 },
];

const OPUS_BITRATES = [24, 32, 48, 64, 96, 128];
const AAC_BITRATES = [48, 64, 96, 128, 192];
/** LAME's -V levels worth offering; the file's bitrate follows the speech. */
export const VBR_LEVELS: readonly { v: number; label: string }[] = [
  { v: 0, label: 'VBR V0 · best, largest' },
  { v: 2, label: 'VBR V2 · high' },
  { v: 4, label: 'VBR V4 · good' },
  { v: 6, label: 'VBR V6 · small' },
];

export const kHz = (rate: number) => `${(rate / 1000).toLocaleString('en', { maximumFractionDigits: 2 })} kHz`;

/** The rate the file will have: the one chosen, else the preset's, else M4B's 44.1 kHz, else the studio's. */
export function effectiveRate(p: ExportPrefs): number {
  if (p.preset === 'acx') return 44100;
  return p.sampleRate ?? PRESETS.find((x) => x.id === p.preset)?.rate ?? (p.format === 'm4b' ? 44100 : SAMPLE_RATE);
}

export function sampleRates(): readonly number[] {
  return DELIVERY_SAMPLE_RATES;
}

/** The bitrate menu for the format: value `cbr:N`, `vbr:N`, or `default`; null for lossless formats. */
export function bitrateOptions(p: ExportPrefs): { value: string; label: string }[] | null {
  const rate = effectiveRate(p);
  if (p.format === 'mp3') {
    const dflt = defaultMp3Bitrate(p.channels);
    return [
      { value: 'default', label: `${dflt} kbit/s constant (default for ${p.channels === 1 ? 'mono' : 'stereo'})` },
      ...mp3Bitrates(rate).filter((k) => k !== dflt).map((k) => ({ value: `cbr:${k}`, label: `${k} kbit/s constant` })),
      ...VBR_LEVELS.map((l) => ({ value: `vbr:${l.v}`, label: l.label })),
    ];
  }
  if (p.format === 'opus') return [{ value: 'default', label: `${p.channels === 1 ? 48 : 96} kbit/s (default)` }, ...OPUS_BITRATES.map((k) => ({ value: `cbr:${k}`, label: `${k} kbit/s` }))];
  if (p.format === 'm4b') return [{ value: 'default', label: `${p.channels === 1 ? 64 : 96} kbit/s AAC (default)` }, ...AAC_BITRATES.map((k) => ({ value: `cbr:${k}`, label: `${k} kbit/s AAC` }))];
  return null;
}

export function bitrateValue(p: ExportPrefs): string {
  if (p.format === 'mp3' && p.vbr !== null) return `vbr:${p.vbr}`;
  return p.bitrate === null ? 'default' : `cbr:${p.bitrate}`;
}

export function withBitrate(p: ExportPrefs, value: string): ExportPrefs {
  const [kind, n] = value.split(':');
  if (kind === 'vbr') return { ...p, vbr: Number(n), bitrate: null };
  if (kind === 'cbr') return { ...p, vbr: null, bitrate: Number(n) };
  return { ...p, vbr: null, bitrate: null };
}

/** Applies a change and drops what no longer fits, so the form never shows a file it would not make. */
export function change(p: ExportPrefs, patch: Partial<ExportPrefs>): ExportPrefs {
  const next = { ...p, ...patch };
  if (patch.format && patch.format !== p.format) {
    next.bitrate = null;
    next.vbr = null;
    if (next.format === 'm4b' && next.chapters === 'none') next.chapters = 'marks';
    if (next.format !== 'm4b' && next.chapters === 'marks') next.chapters = 'none';
  }
  if (next.format === 'mp3' && next.bitrate !== null && !mp3Bitrates(effectiveRate(next)).includes(next.bitrate)) next.bitrate = null;
  if (next.format !== 'mp3') next.vbr = null;
  if (next.chapters === 'files') next.stems = false;
  return next;
}

/** What will come out, in one line, for the dialog's foot. */
export function summary(p: ExportPrefs): string {
  const acx = p.preset === 'acx';
  const format = acx ? 'MP3' : p.format.toUpperCase();
  const rate = kHz(effectiveRate(p));
  const ch = acx || p.channels === 1 ? 'mono' : 'stereo';
  const quality = acx
    ? '192 kbit/s constant'
    : p.format === 'wav' || p.format === 'flac'
      ? `${p.bitDepth}-bit`
      : (bitrateOptions(p)?.find((o) => o.value === bitrateValue(p))?.label ?? '').replace(/ \(default.*\)$/, '');
  return `${format} · ${quality} · ${rate} · ${ch}`;
}
