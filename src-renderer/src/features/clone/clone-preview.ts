// Speaks a given line in a given voice through the studio's streaming player: the line a new clone
// comes with (`previewText`), which says more about a cloned voice than the generic preview
// sentence. Sets the same preview state the voice cards read, so Stop and the transport agree.
import { player } from '../../audio/player';
import { IDLE_PLAYBACK } from '../../store/slices';
import { getStudio, setStudio } from '../../store/studio';
import { clearErrors, reportError } from '../../store/ui-actions';

export function playLineInVoice(voiceId: string, text: string): void {
  const pb = getStudio().playback;
  if (pb.mode === 'preview' && pb.previewVoiceId === voiceId) {
    player.stop();
    setStudio({ playback: IDLE_PLAYBACK });
    return;
  }
  clearErrors('playback');
  setStudio({ playback: { ...IDLE_PLAYBACK, mode: 'preview', previewVoiceId: voiceId, linesTotal: 1, buffering: true } });
  let buffering = true;
  let tenth = -1;
  player.play([{ key: -1, text, voiceId, silenceBeforeSec: 0 }], {
    // The transport's clock reads tenths of a second: the store changes no faster than that.
    onPlayhead: (p) => {
      const t = Math.floor(p.positionSec * 10);
      if (p.buffering === buffering && t === tenth) return;
      buffering = p.buffering;
      tenth = t;
      const cur = getStudio().playback;
      if (cur.previewVoiceId === voiceId) setStudio({ playback: { ...cur, buffering, positionSec: p.positionSec, lineFraction: p.segmentFraction } });
    },
    onFinish: (outcome) => {
      const cur = getStudio().playback;
      if (cur.mode === 'preview' && cur.previewVoiceId === voiceId) setStudio({ playback: IDLE_PLAYBACK });
      if (outcome.status === 'failed' && outcome.error) reportError('playback', 'Voice preview', outcome.error);
    },
  });
}
