// What the level meters show: the master's and each lane's peak and short-term loudness for the 100 ms
// being heard, read from the figures the core computed with each playback window (the export's
// K-weighting, from the very samples played). A store of its own: it changes ten times a second
// while playing, and only the meters re-render.
import { create } from 'zustand';
import { METER_FLOOR_DB, type WindowMeters } from '../../../../src-main/contract/calls-timeline';

export interface LevelReading {
  /** Sample peak, dBFS. */
  peakDb: number;
  /** True peak (4× oversampled), dBTP: what the bar and figure show. */
  truePeakDb: number;
  lufs: number;
}

export interface MeterReading {
  master: LevelReading & { reductionDb: number };
  lanes: Record<string, LevelReading>;
}

export const SILENT: LevelReading = { peakDb: METER_FLOOR_DB, truePeakDb: METER_FLOOR_DB, lufs: METER_FLOOR_DB };

export const useMeters = create<{ reading: MeterReading | null }>()(() => ({ reading: null }));

/** The figures of step `step` of a window. */
export function readingAt(m: WindowMeters, step: number): MeterReading {
  const lanes: Record<string, LevelReading> = {};
  for (const l of m.lanes) lanes[l.speaker] = { peakDb: l.peakDb[step] ?? METER_FLOOR_DB, truePeakDb: l.truePeakDb[step] ?? METER_FLOOR_DB, lufs: l.lufs[step] ?? METER_FLOOR_DB };
  return { master: { peakDb: m.master.peakDb[step] ?? METER_FLOOR_DB, truePeakDb: m.master.truePeakDb[step] ?? METER_FLOOR_DB, lufs: m.master.lufs[step] ?? METER_FLOOR_DB, reductionDb: m.master.reductionDb[step] ?? 0 }, lanes };
}

/** The meter scale: −60 dB at the bottom, 0 dB at the top, as a 0–1 fill. */
export const METER_MIN_DB = -60;
export function meterFill(db: number): number {
  return Math.max(0, Math.min(1, (db - METER_MIN_DB) / -METER_MIN_DB));
}

/** A figure as the meter prints it: one decimal, signed above 0 dB (over full scale), or "−∞" for silence. */
export function formatLevel(db: number): string {
  if (db <= METER_MIN_DB) return '−∞';
  const t = db.toFixed(1);
  return t.startsWith('-') ? `−${t.slice(1)}` : db >= 0.05 ? `+${t}` : t;
}
