// The check report: each delivered file measured against its preset's rules, rule by rule, so a
// creator sees before uploading what a platform would reject. ACX files are decoded in pieces as
// they are read (a two-hour chapter never sits in memory) and their MP3 frames are walked to prove
// the bitrate is constant; loudness presets are judged on what the export measured on the file.
import type { ExportResult } from './export-job';
import type { PresetRules } from './presets';
import { TruePeakMeter } from './true-peak';

export interface CheckLine {
  id: string;
  label: string;
  /** What was measured, in words ("-19.8 dBFS"). */
  value: string;
  /** What the rule allows ("−23 to −18 dBFS"). */
  limit: string;
  pass: boolean;
}

export interface FileCheck {
  fileName: string;
  pass: boolean;
  checks: CheckLine[];
}

const db = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)}` : '−∞');
const within = (x: number, r: { min: number; max: number }) => x >= r.min && x <= r.max;

/** Loudness presets: judged on the delivered levels the export measured (decoded for MP3/Opus). */
export function checkLoudness(fileName: string, r: Pick<ExportResult, 'integratedLufs' | 'truePeakDbtp' | 'encodedLufs' | 'encodedTruePeakDbtp'>, rules: PresetRules): FileCheck {
  const lufs = r.encodedLufs ?? r.integratedLufs;
  const tp = r.encodedTruePeakDbtp ?? r.truePeakDbtp;
  const checks: CheckLine[] = [];
  if (rules.lufs) checks.push({ id: 'loudness', label: 'Integrated loudness', value: `${db(lufs)} LUFS`, limit: `${rules.lufs.min} to ${rules.lufs.max} LUFS`, pass: within(lufs, rules.lufs) });
  if (rules.truePeakMax !== undefined) checks.push({ id: 'true-peak', label: 'True peak', value: `${db(tp)} dBTP`, limit: `≤ ${rules.truePeakMax} dBTP`, pass: tp <= rules.truePeakMax + 0.05 });
  return { fileName, pass: checks.every((c) => c.pass), checks };
}

/** Walks MPEG audio frame headers across chunk boundaries: bitrates, sample rate, channel mode. */
class Mp3Frames {
  private carry = new Uint8Array(0);
  private skip = 0;
  private first = true;
  readonly bitrates = new Set<number>();
  sampleRate = 0;
  mono = false;
  frames = 0;

  push(chunk: Uint8Array): void {
    let b = chunk;
    if (this.carry.length) {
      b = new Uint8Array(this.carry.length + chunk.length);
      b.set(this.carry);
      b.set(chunk, this.carry.length);
    }
    let at = Math.min(this.skip, b.length);
    this.skip -= at;
    if (this.first && b.length >= 10 && b[0] === 0x49 && b[1] === 0x44 && b[2] === 0x33) {
      at = 10 + ((b[6]! & 0x7f) << 21) + ((b[7]! & 0x7f) << 14) + ((b[8]! & 0x7f) << 7) + (b[9]! & 0x7f);
      if (at > b.length) {
        this.skip = at - b.length;
        this.first = false;
        this.carry = new Uint8Array(0);
        return;
      }
    }
    this.first = false;
    while (at + 4 <= b.length) {
      const h = parseHeader(b, at);
      if (!h) {
        at++;
        continue;
      }
      if (at + h.length > b.length) break;
      // The first frame of a LAME file is its Info/Xing frame: not audio, its bitrate is bookkeeping.
      const info = this.frames === 0 && hasTag(b, at, h);
      if (!info) this.bitrates.add(h.kbps);
      this.sampleRate = h.sampleRate;
      this.mono = h.mono;
      this.frames++;
      at += h.length;
    }
    this.carry = b.slice(at);
  }
}

const BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

function parseHeader(b: Uint8Array, at: number): { kbps: number; sampleRate: number; mono: boolean; length: number } | null {
  if (b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return null;
  const version = (b[at + 1]! >> 3) & 3;
  const layer = (b[at + 1]! >> 1) & 3;
  if (version === 1 || layer !== 1) return null; // reserved version, or not Layer III
  const bi = b[at + 2]! >> 4;
  const ri = (b[at + 2]! >> 2) & 3;
  if (bi === 0 || bi === 15 || ri === 3) return null;
  const kbps = (version === 3 ? BITRATES_V1 : BITRATES_V2)[bi]!;
  const sampleRate = RATES[version]![ri]!;
  const padding = (b[at + 2]! >> 1) & 1;
  const length = Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / sampleRate) + padding;
  return { kbps, sampleRate, mono: b[at + 3]! >> 6 === 3, length };
}

function hasTag(b: Uint8Array, at: number, h: { length: number }): boolean {
  const s = String.fromCharCode(...b.subarray(at, Math.min(b.length, at + h.length)));
  return s.includes('Info') || s.includes('Xing');
}

/** Levels of decoded audio as ACX measures them. */
class AcxStats {
  private sumSq = 0;
  private n = 0;
  peak = 0;
  private win: number;
  private winSum = 0;
  private winFill = 0;
  floorMs = Infinity; // lowest 500 ms mean square
  private speechWin: number;
  private sw = 0;
  private swFill = 0;
  private swIndex = 0;
  firstSpeech = -1; // in 10 ms windows
  lastSpeech = -1;
  readonly tp = new TruePeakMeter(1);

  constructor(readonly sampleRate: number) {
    this.win = Math.round(sampleRate / 2);
    this.speechWin = Math.round(sampleRate / 100);
  }

  push(x: Float32Array): void {
    this.tp.push([x]);
    const gate = Math.pow(10, -40 / 10); // a 10 ms window louder than −40 dBFS RMS is speech
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      const v2 = v * v;
      this.sumSq += v2;
      const a = v < 0 ? -v : v;
      if (a > this.peak) this.peak = a;
      this.winSum += v2;
      if (++this.winFill === this.win) {
        this.floorMs = Math.min(this.floorMs, this.winSum / this.win);
        this.winSum = 0;
        this.winFill = 0;
      }
      this.sw += v2;
      if (++this.swFill === this.speechWin) {
        if (this.sw / this.speechWin > gate) {
          if (this.firstSpeech < 0) this.firstSpeech = this.swIndex;
          this.lastSpeech = this.swIndex;
        }
        this.sw = 0;
        this.swFill = 0;
        this.swIndex++;
      }
    }
    this.n += x.length;
  }

  get seconds(): number {
    return this.n / this.sampleRate;
  }
  get rmsDb(): number {
    return this.n && this.sumSq > 0 ? 10 * Math.log10(this.sumSq / this.n) : -Infinity;
  }
}

/** ACX rules on a delivered MP3, read as `chunks`. */
export async function checkAcxMp3(fileName: string, chunks: AsyncIterable<Uint8Array>, rules: PresetRules): Promise<FileCheck> {
  const { MPEGDecoder } = await import('mpg123-decoder');
  const decoder = new MPEGDecoder();
  await decoder.ready;
  const frames = new Mp3Frames();
  let stats: AcxStats | null = null;
  try {
    for await (const chunk of chunks) {
      frames.push(chunk);
      const out = decoder.decode(chunk);
      if (out.samplesDecoded === 0) continue;
      stats ??= new AcxStats(out.sampleRate);
      // One channel is what the file holds when mono; otherwise ACX judges the left (mono is required anyway).
      stats.push(out.channelData[0]!.subarray(0, out.samplesDecoded));
    }
  } finally {
    decoder.free();
  }
  const checks: CheckLine[] = [];
  const s = stats;
  if (!s) return { fileName, pass: false, checks: [{ id: 'decode', label: 'Decodes as MP3', value: 'no audio', limit: 'MP3 audio', pass: false }] };
  s.tp.finish();
  const head = s.firstSpeech < 0 ? s.seconds : s.firstSpeech / 100;
  const tail = s.lastSpeech < 0 ? s.seconds : s.seconds - (s.lastSpeech + 1) / 100;
  const floor = Number.isFinite(s.floorMs) && s.floorMs > 0 ? 10 * Math.log10(s.floorMs) : -Infinity;
  const peakDb = s.peak > 0 ? 20 * Math.log10(s.peak) : -Infinity;
  if (rules.rms) checks.push({ id: 'rms', label: 'RMS level', value: `${db(s.rmsDb)} dBFS`, limit: `${rules.rms.min} to ${rules.rms.max} dBFS`, pass: within(s.rmsDb, rules.rms) });
  if (rules.samplePeakMax !== undefined) checks.push({ id: 'peak', label: 'Peak level', value: `${db(peakDb)} dBFS`, limit: `≤ ${rules.samplePeakMax} dBFS`, pass: peakDb <= rules.samplePeakMax });
  if (rules.noiseFloorMax !== undefined) checks.push({ id: 'noise-floor', label: 'Noise floor (quietest 0.5 s)', value: `${db(floor)} dBFS`, limit: `≤ ${rules.noiseFloorMax} dBFS`, pass: floor <= rules.noiseFloorMax });
  if (rules.headRoomTone) checks.push({ id: 'head', label: 'Room tone before the voice', value: `${head.toFixed(2)} s`, limit: `${rules.headRoomTone.min}–${rules.headRoomTone.max} s`, pass: within(head, rules.headRoomTone) });
  if (rules.tailRoomTone) checks.push({ id: 'tail', label: 'Room tone after the voice', value: `${tail.toFixed(2)} s`, limit: `${rules.tailRoomTone.min}–${rules.tailRoomTone.max} s`, pass: within(tail, rules.tailRoomTone) });
  if (rules.maxMinutes !== undefined) checks.push({ id: 'length', label: 'Length', value: `${(s.seconds / 60).toFixed(1)} min`, limit: `≤ ${rules.maxMinutes} min`, pass: s.seconds <= rules.maxMinutes * 60 });
  if (rules.sampleRate !== undefined) checks.push({ id: 'sample-rate', label: 'Sample rate', value: `${frames.sampleRate / 1000} kHz`, limit: `${rules.sampleRate / 1000} kHz`, pass: frames.sampleRate === rules.sampleRate });
  if (rules.channels !== undefined) checks.push({ id: 'channels', label: 'Channels', value: frames.mono ? 'mono' : 'stereo', limit: rules.channels === 1 ? 'mono' : 'stereo', pass: (rules.channels === 1) === frames.mono });
  if (rules.cbrKbps !== undefined) {
    const rates = [...frames.bitrates];
    const cbr = rates.length === 1 && rates[0] === rules.cbrKbps;
    checks.push({ id: 'bitrate', label: 'Bitrate', value: rates.length === 1 ? `${rates[0]} kbit/s constant` : `variable (${rates.sort((a, b) => a - b).join(', ')} kbit/s)`, limit: `${rules.cbrKbps} kbit/s constant`, pass: cbr });
  }
  return { fileName, pass: checks.every((c) => c.pass), checks };
}
