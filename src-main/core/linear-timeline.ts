// The v1 layout as an export timeline: lines in script order with the project gap (plus any
// [pause]), one track per speaker with the speaker's gain and pan. The CLI's stems, subtitles,
// loudness and formats go through the same exporter the timeline editor will feed.
import { KoeError } from '../contract/errors';
import type { Project, Settings } from '../contract/schemas';
import { SAMPLE_RATE } from '../contract/schemas';
import type { ExportTimeline } from '../audio/export/timeline';
import { parseScript } from '../script/parse';
import type { SpeechService } from './speech';

export interface LinearOptions {
  project: Project;
  settings: Settings;
  speech: SpeechService;
  signal?: AbortSignal;
  onProgress?(fraction: number, stage: string): void;
}

export async function renderLinearTimeline(opts: LinearOptions): Promise<ExportTimeline> {
  const { project, settings, speech } = opts;
  const parsed = parseScript(project.script);
  if (parsed.lines.length === 0) throw new KoeError('invalid_args', 'The script has no lines to export. Type a line such as "Ana: Hello there."');
  const speakerOf = new Map(project.speakers.map((s) => [s.name, s] as const));
  const voiceFor = (name: string) => speakerOf.get(name)?.voiceId ?? settings.defaultVoiceId;
  // Every voice is checked before anything renders, so a deleted voice fails fast and names the speaker.
  for (const line of parsed.lines) {
    try {
      speech.resolveVoice(voiceFor(line.speaker), line.text);
    } catch (e) {
      if (e instanceof KoeError) throw new KoeError(e.code, `Speaker "${line.speaker}": ${e.message}`);
      throw e;
    }
  }
  const timeline: ExportTimeline = {
    sampleRate: SAMPLE_RATE,
    tracks: parsed.speakers.map((name) => ({ id: name, name, gainDb: speakerOf.get(name)?.gain ?? 0, pan: speakerOf.get(name)?.pan ?? 0 })),
    clips: [],
  };
  let at = 0;
  for (const [i, line] of parsed.lines.entries()) {
    opts.onProgress?.(i / parsed.lines.length, `Rendering line ${i + 1} of ${parsed.lines.length}`);
    at += Math.round((((i > 0 ? settings.gapMs : 0) + line.pauseBeforeMs) / 1000) * SAMPLE_RATE);
    if (!line.text.trim()) continue;
    const pcm = await speech.render({ text: line.text, voiceId: voiceFor(line.speaker), params: { speed: settings.speed, pitch: 50 }, projectId: project.id }, opts.signal);
    timeline.clips.push({ id: `line-${i + 1}`, trackId: line.speaker, startSample: at, pcm, text: line.text });
    at += pcm.length;
  }
  opts.onProgress?.(1, 'Rendered');
  return timeline;
}
