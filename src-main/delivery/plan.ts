// What an export will deliver, settled from what was asked and the preset chosen, before anything
// renders: format, rate, bitrate, channels, the level to reach and how it is measured, the ceiling,
// room tone, and how chapters are delivered. Contradictions (an ACX export in WAV, chapter marks in
// an MP3, a range cut into chapters) are refused here with a sentence that says what to change.
import type { ParsedArgs } from '../contract/calls';
import { KoeError } from '../contract/errors';
import type { ExportFormat } from '../audio/export/encoder';
import { PRESETS, type DeliveryPreset } from '../audio/export/presets';

export type ExportArgs = ParsedArgs<'export.mix'> | ParsedArgs<'export.script'>;

export interface DeliveryPlan {
  format: ExportFormat;
  sampleRate: number | undefined;
  bitrateKbps: number | undefined;
  /** MP3: LAME's VBR quality, in place of a constant bitrate. */
  vbrQuality: number | undefined;
  channels: 1 | 2;
  bitDepth: 16 | 24;
  loudnessTarget: number | null;
  level: 'lufs' | 'rms';
  ceiling: number;
  roomTone: { headSec: number; tailSec: number; bedDbfs: number } | undefined;
  preset: DeliveryPreset | null;
  chapters: 'none' | 'marks' | 'files';
}

function refuse(message: string): never {
  throw new KoeError('invalid_args', message);
}

export function planDelivery(args: ExportArgs): DeliveryPlan {
  const preset = args.preset ? PRESETS[args.preset] : null;
  const req = preset?.requires;
  if (preset && args.loudness !== null) refuse(`The ${preset.label} preset sets the level itself (${preset.target} ${preset.level === 'rms' ? 'dBFS RMS' : 'LUFS'}); leave the loudness out, or choose no preset.`);
  if (req) {
    const needs = `${req.format.toUpperCase()} at ${req.bitrateKbps} kbit/s, ${req.sampleRate / 1000} kHz, ${req.channels === 1 ? 'mono' : 'stereo'}, one file per chapter`;
    if (args.format !== undefined && args.format !== req.format) refuse(`${preset.label} files are ${needs}; ${args.format.toUpperCase()} is not accepted there.`);
    if (args.bitrate !== undefined && args.bitrate !== req.bitrateKbps) refuse(`${preset.label} files are ${needs}; ${args.bitrate} kbit/s is not accepted there.`);
    if (args.sampleRate !== undefined && args.sampleRate !== req.sampleRate) refuse(`${preset.label} files are ${needs}; ${args.sampleRate / 1000} kHz is not accepted there.`);
    if (args.channels !== req.channels) refuse(`${preset.label} files are ${needs}; choose mono.`);
    if (args.chapters !== undefined && args.chapters !== 'files') refuse(`${preset.label} takes one file per chapter; choose a folder to export into.`);
    if (args.vbr !== undefined) refuse(`${preset.label} files are ${needs}, a constant bitrate; leave VBR out.`);
  }
  const format: ExportFormat = args.format ?? req?.format ?? 'wav';
  if (args.vbr !== undefined && format !== 'mp3') refuse(`VBR quality is an MP3 choice; ${format.toUpperCase()} does not take it.`);
  if (args.vbr !== undefined && args.bitrate !== undefined) refuse('An MP3 has a constant bitrate or a VBR quality, not both; choose one.');
  const chapters = req?.perChapter ? 'files' : (args.chapters ?? (format === 'm4b' ? 'marks' : 'none'));
  if (chapters === 'marks' && format !== 'm4b') refuse(`Chapter marks go into M4B audiobooks; for ${format.toUpperCase()} choose one file per chapter instead.`);
  const dest = args.destination.kind;
  if (chapters === 'files' && dest === 'file') refuse('One file per chapter needs a folder to export into, not a file name.');
  if (chapters !== 'files' && dest === 'folder') refuse('A folder destination is for one file per chapter; choose a file name, or one file per chapter.');
  if (chapters === 'files' && args.range) refuse('A range cannot also be cut into chapters; export the range, or the chapters.');
  if (chapters === 'files' && args.stems) refuse('Stems are made for a whole export, not per chapter; export the stems on their own.');
  return {
    format,
    sampleRate: args.sampleRate ?? req?.sampleRate ?? preset?.sampleRate ?? (format === 'm4b' ? 44100 : undefined),
    bitrateKbps: args.bitrate ?? req?.bitrateKbps,
    vbrQuality: args.vbr,
    channels: req?.channels ?? args.channels,
    bitDepth: args.bitDepth,
    loudnessTarget: preset ? preset.target : args.loudness,
    level: preset?.level ?? 'lufs',
    ceiling: preset?.truePeakCeiling ?? -1,
    roomTone: preset?.roomTone,
    preset,
    chapters,
  };
}
