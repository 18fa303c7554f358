// Delivery presets a creator recognises, each the settings a platform asks for and the rules its
// files are checked against afterwards (delivery-check.ts). Podcast, streaming and broadcast are
// loudness targets; ACX (Audible) is an RMS range with a peak limit, a noise floor and room tone at
// both ends, one MP3 per chapter.
import type { ExportFormat } from './encoder';

export type PresetId = 'podcast' | 'streaming' | 'broadcast' | 'acx';
export const PRESET_IDS: readonly PresetId[] = ['podcast', 'streaming', 'broadcast', 'acx'];

export interface DeliveryPreset {
  id: PresetId;
  label: string;
  level: 'lufs' | 'rms';
  /** LUFS, or dBFS RMS for `rms`. */
  target: number;
  truePeakCeiling: number;
  /** The sample rate files are delivered at unless the export names another (audiobooks 44.1 kHz, video 48 kHz). */
  sampleRate: number;
  /** What the platform requires outright (the export is refused if asked otherwise). */
  requires?: { format: ExportFormat; channels: 1 | 2; sampleRate: number; bitrateKbps: number; perChapter: true };
  roomTone?: { headSec: number; tailSec: number; bedDbfs: number };
  rules: PresetRules;
}

export interface PresetRules {
  /** Integrated loudness window (LUFS), for loudness presets. */
  lufs?: { min: number; max: number };
  truePeakMax?: number;
  /** ACX: RMS window (dBFS), sample peak, noise floor, room tone at the ends, file length. */
  rms?: { min: number; max: number };
  samplePeakMax?: number;
  noiseFloorMax?: number;
  headRoomTone?: { min: number; max: number };
  tailRoomTone?: { min: number; max: number };
  maxMinutes?: number;
  sampleRate?: number;
  channels?: number;
  cbrKbps?: number;
}

export const PRESETS: Record<PresetId, DeliveryPreset> = {
  podcast: { id: 'podcast', label: 'Podcast', level: 'lufs', target: -16, truePeakCeiling: -1, sampleRate: 44100, rules: { lufs: { min: -17, max: -15 }, truePeakMax: -1 } },
  streaming: { id: 'streaming', label: 'Streaming', level: 'lufs', target: -14, truePeakCeiling: -1, sampleRate: 48000, rules: { lufs: { min: -15, max: -13 }, truePeakMax: -1 } },
  broadcast: { id: 'broadcast', label: 'Broadcast (EBU R128)', level: 'lufs', target: -23, truePeakCeiling: -1, sampleRate: 48000, rules: { lufs: { min: -23.5, max: -22.5 }, truePeakMax: -1 } },
  // Aims at the middle of ACX's RMS window, with peaks well under −3 dBFS after MP3 decoding; the
  // room tone bed (−72 dBFS) reads as a steady noise floor far under ACX's −60 instead of digital
  // silence, which ACX's reviewers flag.
  acx: {
    id: 'acx',
    label: 'ACX / Audible',
    level: 'rms',
    target: -20,
    truePeakCeiling: -3.5,
    sampleRate: 44100,
    requires: { format: 'mp3', channels: 1, sampleRate: 44100, bitrateKbps: 192, perChapter: true },
    // Engines leave a little silence around speech, so the head's 0.7 s of tone reads as 0.7–1.0 s before the voice.
    roomTone: { headSec: 0.7, tailSec: 2, bedDbfs: -72 },
    rules: { rms: { min: -23, max: -18 }, samplePeakMax: -3, noiseFloorMax: -60, headRoomTone: { min: 0.5, max: 1 }, tailRoomTone: { min: 1, max: 5 }, maxMinutes: 120, sampleRate: 44100, channels: 1, cbrKbps: 192 },
  },
};

export function isPresetId(x: unknown): x is PresetId {
  return typeof x === 'string' && (PRESET_IDS as readonly string[]).includes(x);
}
