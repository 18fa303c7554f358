// Plays the timeline as the core mixes it. The core renders the whole mix to a WAV (the exporter's
// mixer, so what plays is exactly what exports) and an HTMLAudioElement plays it; the playhead
// follows `audio.currentTime` on animation frames. Mixing the clips on the page with Web Audio was
// the other way, but it would be a second mixer to keep in step with the export's gains and fades.
// The download URL works once, and a media element may fetch in several ranged requests, so the WAV
// is fetched whole into a blob: URL first.
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../client';
import { currentToken, withToken } from '../../client/token';

export interface MixPlayback {
  playing: boolean;
  preparing: boolean;
  positionSec: number | null;
  error: string | null;
  toggle: () => void;
}

export function useMixPlayback(projectId: string | null): MixPlayback {
  const audio = useRef<HTMLAudioElement | null>(null);
  const frame = useRef(0);
  const [playing, setPlaying] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const [positionSec, setPositionSec] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const stop = useCallback(() => {
    cancelAnimationFrame(frame.current);
    audio.current?.pause();
    if (audio.current?.src.startsWith('blob:')) URL.revokeObjectURL(audio.current.src);
    audio.current = null;
    setPlaying(false);
    setPositionSec(null);
  }, []);

  useEffect(() => stop, [stop, projectId]);

  const play = useCallback(async () => {
    if (!projectId) return;
    setError(null);
    setPreparing(true);
    try {
      const { downloadUrl } = await call('timeline.mixDownload', { projectId });
      const res = await fetch(withToken(downloadUrl, currentToken()));
      if (!res.ok) throw new Error(`the mix download answered ${res.status}`);
      const el = new Audio(URL.createObjectURL(await res.blob()));
      audio.current = el;
      el.onended = stop;
      el.onerror = () => {
        setError('The mix could not be played.');
        stop();
      };
      await el.play();
      setPlaying(true);
      const tick = () => {
        if (audio.current !== el) return;
        setPositionSec(el.currentTime);
        frame.current = requestAnimationFrame(tick);
      };
      tick();
    } catch (e) {
      setError(`Playback failed: ${errorMessage(e)}`);
      stop();
    } finally {
      setPreparing(false);
    }
  }, [projectId, stop]);

  const toggle = useCallback(() => {
    if (audio.current) stop();
    else void play();
  }, [play, stop]);

  return { playing, preparing, positionSec, error, toggle };
}
