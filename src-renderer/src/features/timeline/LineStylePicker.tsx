// The style a line is spoken in, when its speaker's voice is a cloned voice with styles: automatic
// (its directions choose: "(whispering)" picks a style named whisper, else the voice's default), or
// one of the voice's styles by hand. Only that voice's styles are offered; for any other voice the
// picker is disabled and says why. Like the line's speed, the pick stales the line's take until it
// is rendered again, and it is undoable.
import { useEffect, useState } from 'react';
import type { StyleInfo } from '../../../../src-main/contract/calls-clone';
import type { TimelineClip } from '../../../../src-main/contract/calls-timeline';
import { call } from '../../client';
import { selectVoices } from '../../store/selectors';
import { useStudio } from '../../store/studio';
import { editTimeline } from './timeline-store';

const AUTO = '';

function useStyles(voiceId: string | null, isClone: boolean): StyleInfo[] | null {
  const voices = useStudio(selectVoices);
  const [styles, setStyles] = useState<StyleInfo[] | null>(null);
  useEffect(() => {
    if (!voiceId || !isClone) {
      setStyles(null);
      return;
    }
    let live = true;
    call('clone.list', {}).then(
      (list) => live && setStyles(list.find((c) => c.voiceId === voiceId)?.styles ?? null),
      () => live && setStyles(null),
    );
    return () => {
      live = false;
    };
  }, [voiceId, isClone, voices]);
  return styles;
}

export function LineStylePicker({ clip, voiceId, busy }: { clip: TimelineClip; voiceId: string | null; busy: boolean }) {
  const voice = useStudio(selectVoices).find((v) => v.id === voiceId) ?? null;
  const isClone = voice?.kind === 'clone';
  const styles = useStyles(voiceId, isClone);
  const why = !voice ? 'The speaker has no voice yet.' : !isClone ? `${voice.name} is not a cloned voice; only cloned voices have styles.` : styles && styles.length < 2 ? `${voice.name} has one style; add more in Clone.` : null;
  const pickMissing = clip.style !== null && !!styles && !styles.some((s) => s.name.toLowerCase() === clip.style!.toLowerCase());
  const autoLabel = `Automatic${clip.style === null && clip.styleSpoken ? ` (${clip.styleSpoken}, from the direction)` : ''}`;

  return (
    <>
    <div className="tl-field" title={why ?? 'Which of the voice’s styles speaks this line (re-render to hear it)'}>
      <span>Style</span>
      <select
        className="select select-small"
        aria-label="Style of the line (re-render to hear it)"
        data-testid="line-style"
        disabled={busy || (why !== null && clip.style === null)}
        value={clip.style ?? AUTO}
        onChange={(e) => void editTimeline({ type: 'lineStyle', lineId: clip.lineId, style: e.target.value === AUTO ? null : e.target.value }, 'Line style')}
      >
        <option value={AUTO}>{autoLabel}</option>
        {isClone &&
          styles?.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
              {s.isDefault ? ' (default)' : ''}
            </option>
          ))}
        {clip.style !== null && (pickMissing || !isClone) && <option value={clip.style}>{clip.style} (not a style of this voice)</option>}
      </select>
    </div>
    {why && (
      <p className="tl-style-why" data-testid="line-style-why">
        {why}
      </p>
    )}
    </>
  );
}
