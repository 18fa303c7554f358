// The whole project as one mono buffer in the v1 linear layout (the CLI's plain WAV render), and the
// file name an export gets. The studio exports through the timeline instead (timeline-export.ts).
import { mixToBuffers } from '../audio/export/mixer';
import { renderLinearTimeline, type LinearOptions } from './linear-timeline';

export type MixOptions = LinearOptions;

export async function renderProjectMix(opts: MixOptions): Promise<Float32Array> {
  const timeline = await renderLinearTimeline(opts);
  const pcm = mixToBuffers(timeline).mix[0]!;
  opts.onProgress?.(1, 'Mixed');
  return pcm;
}

export function exportFileName(projectName: string, ext = 'wav'): string {
  const base = projectName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'Koe export';
  return `${base}.${ext}`;
}
