// The recorder's life cycle in one hook: which microphones exist, opening the chosen one (only when
// asked: the browser's recording indicator should mean the person turned the microphone on), a
// 3-2-1 count-in, the take with its automatic stop at 20 s, and what to say when permission is
// refused or the device disappears. The mic closes when the take is done or the screen is left.
import { useCallback, useEffect, useRef, useState } from 'react';
import { MicInput, type CaptureKind } from '../../audio/recorder';
import { listMicrophones, watchMicrophones, type Microphone } from '../../audio/recorder-devices';
import { micProblem, type MicProblem } from '../../audio/recorder-errors';
import type { MeterReading } from '../../audio/recorder-levels';
import { MAX_TAKE_SEC, type Take } from '../../audio/recorder-take';

export type MicPhase = 'off' | 'opening' | 'ready' | 'countin' | 'recording';

const DEVICE_KEY = 'koe.clone.mic';
export const COUNT_IN = 3;

export interface MicView {
  phase: MicPhase;
  mics: Microphone[];
  /** The device chosen in the picker; '' is the system default. */
  deviceId: string;
  /** The opened device's name. */
  label: string;
  capture: CaptureKind | null;
  problem: MicProblem | null;
  /** A passing word about the device (it was unplugged). */
  notice: string | null;
  countdown: number;
}

function storedDevice(): string {
  try {
    return localStorage.getItem(DEVICE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function useMicrophone(onTake: (take: Take, note: string | null) => void, desktop: boolean) {
  const [view, setView] = useState<MicView>({ phase: 'off', mics: [], deviceId: storedDevice(), label: '', capture: null, problem: null, notice: null, countdown: 0 });
  const mic = useRef<MicInput | null>(null);
  const reading = useRef<MeterReading | null>(null);
  const countTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /**
   * Bumped by every open and close. An open still waiting for the browser when the person turned
   * the microphone off, picked another or left the screen must not leave a live microphone behind.
   */
  const generation = useRef(0);
  const takeRef = useRef(onTake);
  takeRef.current = onTake;
  const patch = useCallback((p: Partial<MicView>) => setView((v) => ({ ...v, ...p })), []);

  useEffect(() => {
    let live = true;
    void listMicrophones().then((mics) => live && patch({ mics }), () => {});
    const off = watchMicrophones((mics) => patch({ mics }));
    return () => {
      live = false;
      off();
    };
  }, [patch]);

  const clearCount = () => {
    if (countTimer.current) clearTimeout(countTimer.current);
    countTimer.current = null;
  };

  const close = useCallback(() => {
    generation.current += 1;
    clearCount();
    mic.current?.close();
    mic.current = null;
    reading.current = null;
    patch({ phase: 'off', capture: null, countdown: 0 });
  }, [patch]);

  useEffect(() => close, [close]);

  const finish = useCallback(
    (take: Take | null, note: string | null) => {
      close();
      if (take && take.pcm.length > 0) takeRef.current(take, note);
    },
    [close],
  );

  const open = useCallback(
    async (deviceId: string) => {
      const gen = ++generation.current;
      clearCount();
      mic.current?.close();
      mic.current = null;
      reading.current = null;
      patch({ phase: 'opening', problem: null, notice: null, deviceId });
      try {
        const input = await MicInput.open(deviceId || null, {
          onLevels: (r) => (reading.current = r),
          onTakeFull: (take) => finish(take, `The recording stopped by itself at ${MAX_TAKE_SEC} s, the longest a reference can be.`),
          onEnded: (take) => {
            const name = input.label || 'The microphone';
            if (take) finish(take, `${name} was disconnected ${(take.pcm.length / take.sampleRate).toFixed(1)} s into the recording. What was recorded until then is kept.`);
            else {
              close();
              patch({ notice: `${name} was disconnected. Plug it back in or pick another microphone, then turn it on again.` });
            }
          },
        });
        if (gen !== generation.current) {
          input.close();
          return;
        }
        mic.current = input;
        // Labels appear only once the page may use a microphone: list again now.
        const mics = await listMicrophones().catch(() => [] as Microphone[]);
        if (gen !== generation.current) return;
        patch({ phase: 'ready', label: input.label, capture: input.capture, mics });
      } catch (e) {
        if (gen === generation.current) patch({ phase: 'off', problem: micProblem(e, { desktop }) });
      }
    },
    [desktop, finish, patch],
  );

  const selectDevice = useCallback(
    (deviceId: string) => {
      try {
        localStorage.setItem(DEVICE_KEY, deviceId);
      } catch {
        // The choice lasts this session only.
      }
      if (mic.current) void open(deviceId);
      else patch({ deviceId });
    },
    [open, patch],
  );

  const resetClip = useCallback(() => {
    mic.current?.resetClip();
    // The meter draws the last reading until the next block; it must not show the old latch.
    if (reading.current) reading.current = { ...reading.current, clipped: false };
  }, []);

  const record = useCallback(() => {
    if (!mic.current || countTimer.current) return;
    resetClip();
    let n = COUNT_IN;
    patch({ phase: 'countin', countdown: n, notice: null });
    const tick = () => {
      n -= 1;
      if (!mic.current) return;
      if (n > 0) {
        patch({ countdown: n });
        countTimer.current = setTimeout(tick, 1000);
      } else {
        countTimer.current = null;
        mic.current.startTake();
        patch({ phase: 'recording', countdown: 0 });
      }
    };
    countTimer.current = setTimeout(tick, 1000);
  }, [patch, resetClip]);

  const stop = useCallback(() => {
    const input = mic.current;
    if (!input) return;
    if (countTimer.current) {
      clearCount();
      patch({ phase: 'ready', countdown: 0 });
      return;
    }
    finish(input.stopTake(), null);
  }, [finish, patch]);

  const meter = useRef({ current: () => reading.current }).current;
  const elapsed = useCallback(() => mic.current?.recordedSec ?? 0, []);

  return { view, meter, elapsed, open, close, selectDevice, record, stop, resetClip };
}
