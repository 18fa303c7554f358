// Plays back a take (or the trimmed part of it) so the person hears what will be cloned before
// sending it. Its own AudioContext at the take's rate, apart from the studio's streaming player,
// whose context runs at the engine's 24 kHz and whose sessions end the studio's playback state.
import type { Take } from './recorder-take';

export interface TakePlayback {
  /** Seconds into the take (not into the played part), for the waveform's cursor. */
  position(): number;
  stop(): void;
  readonly done: Promise<void>;
}

let ctx: AudioContext | null = null;
let current: TakePlayback | null = null;

function context(sampleRate: number): AudioContext {
  if (!ctx || ctx.state === 'closed' || ctx.sampleRate !== sampleRate) {
    void ctx?.close().catch(() => {});
    try {
      ctx = new AudioContext({ sampleRate });
    } catch {
      // An unusual rate the engine refuses: Web Audio resamples the buffer instead.
      ctx = new AudioContext();
    }
  }
  if (ctx.state === 'suspended') void ctx.resume();
  return ctx;
}

/** Starts playing `take` from `fromSec` to `toSec`; stops anything this module was playing. */
export function playTake(take: Take, fromSec: number, toSec: number): TakePlayback {
  current?.stop();
  const ac = context(take.sampleRate);
  const from = Math.max(0, Math.floor(fromSec * take.sampleRate));
  const to = Math.min(take.pcm.length, Math.ceil(toSec * take.sampleRate));
  const part = take.pcm.slice(from, Math.max(from + 1, to));
  const buffer = ac.createBuffer(1, part.length, take.sampleRate);
  buffer.copyToChannel(part, 0);
  const src = ac.createBufferSource();
  src.buffer = buffer;
  src.connect(ac.destination);
  const startedAt = ac.currentTime + 0.02;
  src.start(startedAt);
  let stopped = false;
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const playback: TakePlayback = {
    position: () => Math.min(toSec, fromSec + Math.max(0, ac.currentTime - startedAt)),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        src.stop();
      } catch {
        // Already ended.
      }
    },
    done,
  };
  src.onended = () => {
    stopped = true;
    src.disconnect();
    if (current === playback) current = null;
    resolve();
  };
  current = playback;
  return playback;
}

export function stopTakePlayback(): void {
  current?.stop();
}
