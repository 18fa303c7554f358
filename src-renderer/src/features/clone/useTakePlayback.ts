// Listening to the take under review: a recording plays its trimmed selection, a file plays whole.
// One playback at a time, stopped when the step closes; `cursor` tells the waveform where it is.
import { useCallback, useEffect, useRef, useState } from 'react';
import { playTake, stopTakePlayback, type TakePlayback } from '../../audio/recorder-playback';
import type { Take } from '../../audio/recorder-take';
import type { Source } from './clone-flow';

export function useTakePlayback(source: Source, take: Take | null) {
  const [playing, setPlaying] = useState(false);
  const playback = useRef<TakePlayback | null>(null);

  useEffect(() => () => stopTakePlayback(), []);

  const togglePlay = () => {
    if (playback.current) {
      playback.current.stop();
      return;
    }
    if (!take) return;
    const from = source.kind === 'recording' ? source.trim.startSec : 0;
    const to = source.kind === 'recording' ? source.trim.endSec : take.pcm.length / take.sampleRate;
    const p = playTake(take, from, to);
    playback.current = p;
    setPlaying(true);
    void p.done.then(() => {
      if (playback.current === p) playback.current = null;
      setPlaying(false);
    });
  };

  const cursor = useCallback(() => playback.current?.position() ?? null, []);
  return { playing, togglePlay, cursor };
}
