// The true-peak meter's interpolation (true-peak.ts) four samples at a time in WebAssembly SIMD.
// Near a limited mix's ceiling the meter can skip little (every stretch within a few dB of the peak
// so far has to be interpolated), and three 16-tap phases a sample in JavaScript cost as much as the
// limiter itself on a loudness-normalized export. Each output is max(|x[n]|, |phase ¼|, |phase ½|,
// |phase ¾|), as interpolatedPeakAt computes it; the sums run in float32 here, float64 there, which
// moves a peak by about one part in ten million (0.000001 dB). Null where WebAssembly SIMD is
// unavailable; the meter keeps its JavaScript loop.
import {
  END, F32X4_ABS, F32X4_ADD, F32X4_MUL, F32X4_PMAX, I32, I32_ADD, PAGE, V128,
  compileOrNull, countedLoop, f32x4Const, get, i32c, load, oneFunctionModule, set, store, wasm,
} from './wasm-asm';

// peaks(src, dst, groups): 4 outputs a group; src points 7 samples before the group's first point.
const P = { src: 0, dst: 1, groups: 2 };
const L = { i: 3, x: 4, a: 5, b: 6, c: 7 };

function body(rows: readonly Float64Array[]): number[] {
  const taps = rows[0]!.length;
  const half = taps / 2;
  const turn: number[] = [];
  for (let j = 0; j < taps; j++) {
    // The three phases share each load of four samples.
    turn.push(...get(P.src), ...load(4 * j), ...set(L.x));
    rows.forEach((row, k) => {
      const acc = [L.a, L.b, L.c][k]!;
      if (j === 0) turn.push(...get(L.x), ...f32x4Const(Math.fround(row[j]!)), ...F32X4_MUL, ...set(acc));
      else turn.push(...get(acc), ...get(L.x), ...f32x4Const(Math.fround(row[j]!)), ...F32X4_MUL, ...F32X4_ADD, ...set(acc));
    });
  }
  turn.push(
    ...get(P.dst),
    ...get(P.src), ...load(4 * (half - 1)), ...F32X4_ABS,
    ...get(L.a), ...F32X4_ABS, ...F32X4_PMAX,
    ...get(L.b), ...F32X4_ABS, ...F32X4_PMAX,
    ...get(L.c), ...F32X4_ABS, ...F32X4_PMAX,
    ...store(0),
  );
  return [
    2, 1, I32, 4, V128, // locals: i (i32); x, a, b, c (v128)
    ...countedLoop(P.groups, L.i, [
      ...turn,
      ...get(P.src), ...i32c(16), I32_ADD, ...set(P.src),
      ...get(P.dst), ...i32c(16), I32_ADD, ...set(P.dst),
    ]),
    END,
  ];
}

/** Points per call (a multiple of 4). */
const CHUNK = 16384;

const modules = new Map<readonly Float64Array[], object | null>();

/**
 * peaks(x, from, to, out): out[k] = the interpolated peak at x[from + k] for from ≤ n < to. The
 * caller guarantees x[from − half + 1 .. to + half − 1] (the interpolation's context). Null without
 * WebAssembly SIMD.
 */
export function createPeakKernel(rows: readonly Float64Array[]): ((x: Float32Array, from: number, to: number, out: Float32Array) => void) | null {
  if (!modules.has(rows)) modules.set(rows, compileOrNull(oneFunctionModule('peaks', 3, body(rows))));
  const mod = modules.get(rows);
  if (!mod || !wasm) return null;
  const taps = rows[0]!.length;
  const before = taps / 2 - 1;
  // Input: the chunk with its context and a group's worth of slack; output after it.
  const inLen = CHUNK + taps + 4;
  const memory = new wasm.Memory({ initial: Math.ceil(((inLen + CHUNK) * 4) / PAGE) });
  const peaks = new wasm.Instance(mod, { e: { m: memory } }).exports.peaks as (src: number, dst: number, groups: number) => void;
  const input = new Float32Array(memory.buffer, 0, inLen);
  const output = new Float32Array(memory.buffer, inLen * 4, CHUNK);
  return (x, from, to, out) => {
    for (let at = from; at < to; at += CHUNK) {
      const n = Math.min(CHUNK, to - at);
      const groups = (n + 3) >> 2;
      // The last group's spare lanes read whatever follows; their outputs are not copied out.
      const need = Math.min(x.length, at + 4 * groups + taps - before) - (at - before);
      input.set(x.subarray(at - before, at - before + need));
      peaks(0, inLen * 4, groups);
      out.set(output.subarray(0, n), at - from);
    }
  };
}

// windowMax(src, dst, windows): for each window k, the lane-wise max of |x| over the 80 floats at
// src + 256k (20 vectors), stored at dst + 16k; two accumulators halve the pmax chain.
const W = { src: 0, dst: 1, windows: 2 };
const WL = { k: 3, a: 4, b: 5 };
/** Window stride and span in samples: 64 points, and their 80-sample context (rounded up to whole vectors). */
export const WINDOW_STRIDE = 64;
export const WINDOW_SPAN = 80;

function windowMaxBody(): number[] {
  const turn: number[] = [
    ...get(W.src), ...load(0), ...F32X4_ABS, ...set(WL.a),
    ...get(W.src), ...load(16), ...F32X4_ABS, ...set(WL.b),
  ];
  for (let v = 2; v < WINDOW_SPAN / 4; v++) {
    const acc = v % 2 === 0 ? WL.a : WL.b;
    turn.push(...get(acc), ...get(W.src), ...load(16 * v), ...F32X4_ABS, ...F32X4_PMAX, ...set(acc));
  }
  turn.push(...get(W.dst), ...get(WL.a), ...get(WL.b), ...F32X4_PMAX, ...store(0));
  return [
    2, 1, I32, 2, V128, // locals: k (i32); a, b (v128)
    ...countedLoop(W.windows, WL.k, [
      ...turn,
      ...get(W.src), ...i32c(4 * WINDOW_STRIDE), I32_ADD, ...set(W.src),
      ...get(W.dst), ...i32c(16), I32_ADD, ...set(W.dst),
    ]),
    END,
  ];
}

/** Windows per call. */
const WINDOWS = 1024;
let windowModule: object | null | undefined;

/**
 * windowMax(x, from, windows, out): out[k] = max |x[i]| for from + 64k ≤ i < from + 64k + 80, the
 * caller guaranteeing those samples exist. The true-peak meter's test for skipping a stretch, four
 * lanes at a time. Null without WebAssembly SIMD.
 */
export function createWindowMax(): ((x: Float32Array, from: number, windows: number, out: Float32Array) => void) | null {
  windowModule ??= compileOrNull(oneFunctionModule('windowMax', 3, windowMaxBody()));
  if (!windowModule || !wasm) return null;
  const inLen = WINDOWS * WINDOW_STRIDE + WINDOW_SPAN;
  const memory = new wasm.Memory({ initial: Math.ceil(((inLen + 4 * WINDOWS) * 4) / PAGE) });
  const run = new wasm.Instance(windowModule, { e: { m: memory } }).exports.windowMax as (src: number, dst: number, windows: number) => void;
  const input = new Float32Array(memory.buffer, 0, inLen);
  const lanes = new Float32Array(memory.buffer, inLen * 4, 4 * WINDOWS);
  return (x, from, windows, out) => {
    for (let done = 0; done < windows; done += WINDOWS) {
      const n = Math.min(WINDOWS, windows - done);
      const at = from + done * WINDOW_STRIDE;
      input.set(x.subarray(at, at + (n - 1) * WINDOW_STRIDE + WINDOW_SPAN));
      run(0, inLen * 4, n);
      for (let k = 0; k < n; k++) {
        const a = lanes[4 * k]!;
        const b = lanes[4 * k + 1]!;
        const c = lanes[4 * k + 2]!;
        const d = lanes[4 * k + 3]!;
        out[done + k] = Math.max(Math.max(a, b), Math.max(c, d));
      }
    }
  };
}
