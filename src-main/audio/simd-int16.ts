// Float → 16-bit PCM for WAV files, eight samples at a time in WebAssembly SIMD: the last step of a
// 44.1 kHz WAV export, which in JavaScript cost a quarter as much as the resampler before it. The
// rule is encode-wav.ts's to the bit (the tests compare the two on edge cases and millions of
// random samples): clamp to ±1, scale by 32767 in double precision, round half away from zero, NaN
// to 0. float64 lanes keep the product exact, as it is in JavaScript, so no sample can round the
// other way. Null where WebAssembly SIMD is unavailable; the caller keeps its JavaScript loop.
import {
  END, F64X2_ADD, F64X2_MAX, F64X2_MIN, F64X2_MUL, F64X2_PROMOTE_LOW_F32X4, I16X8_NARROW_I32X4_S, I32, I32X4_TRUNC_SAT_F64X2_S_ZERO, I32_ADD, I8X16_SHUFFLE, PAGE, V128, V128_AND, V128_OR,
  compileOrNull, countedLoop, f64x2Const, get, i32c, load, oneFunctionModule, set, store, tee, u64x2Const, wasm,
} from './wasm-asm';

// conv(src, dst, groups): groups × 8 floats at src → groups × 8 int16 at dst.
const P = { src: 0, dst: 1, groups: 2 };
const L = { i: 3, v: 4, y: 5, t0: 6, t1: 7, scale: 8, hi: 9, lo: 10, sign: 11, half: 12 };

/** The f64x2 on the stack, as two rounded int32 lanes (and two zero lanes). */
const round2 = [
  ...get(L.scale), ...F64X2_MUL, ...get(L.lo), ...F64X2_MAX, ...get(L.hi), ...F64X2_MIN,
  ...tee(L.y), ...get(L.y), ...get(L.sign), ...V128_AND, ...get(L.half), ...V128_OR, ...F64X2_ADD,
  ...I32X4_TRUNC_SAT_F64X2_S_ZERO,
];
const upperHalf = [...I8X16_SHUFFLE, 8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
const lowLanesOfBoth = [...I8X16_SHUFFLE, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

/** Four floats at src + offset as four int32 lanes. */
const four = (offset: number) => [
  ...get(P.src), ...load(offset), ...set(L.v),
  ...get(L.v), ...F64X2_PROMOTE_LOW_F32X4, ...round2, ...set(L.t0),
  ...get(L.v), ...get(L.v), ...upperHalf, ...F64X2_PROMOTE_LOW_F32X4, ...round2, ...set(L.t1),
  ...get(L.t0), ...get(L.t1), ...lowLanesOfBoth,
];

const body = [
  2, 1, I32, 9, V128, // locals: i (i32); v, y, t0, t1, scale, hi, lo, sign, half (v128)
  ...f64x2Const(32767, 32767), ...set(L.scale),
  ...f64x2Const(32767, 32767), ...set(L.hi),
  ...f64x2Const(-32767, -32767), ...set(L.lo),
  ...u64x2Const('8000000000000000'), ...set(L.sign),
  ...f64x2Const(0.5, 0.5), ...set(L.half),
  ...countedLoop(P.groups, L.i, [
    ...get(P.dst), ...four(0), ...four(16), ...I16X8_NARROW_I32X4_S, ...store(0),
    ...get(P.src), ...i32c(32), I32_ADD, ...set(P.src),
    ...get(P.dst), ...i32c(16), I32_ADD, ...set(P.dst),
  ]),
  END,
];

/** Samples per call into WebAssembly memory (a multiple of 8). */
const CHUNK = 65536;

let mod: object | null | undefined;

/** Writes `pcm` as 16-bit samples into `out` (same length), or null without WebAssembly SIMD. */
export function createInt16Converter(): ((pcm: Float32Array, out: Int16Array) => void) | null {
  mod ??= compileOrNull(oneFunctionModule('conv', 3, body));
  if (!mod || !wasm) return null;
  const memory = new wasm.Memory({ initial: Math.ceil((CHUNK * 6) / PAGE) });
  const conv = new wasm.Instance(mod, { e: { m: memory } }).exports.conv as (src: number, dst: number, groups: number) => void;
  const input = new Float32Array(memory.buffer, 0, CHUNK);
  const output = new Int16Array(memory.buffer, CHUNK * 4, CHUNK);
  return (pcm, out) => {
    for (let at = 0; at < pcm.length; at += CHUNK) {
      const n = Math.min(CHUNK, pcm.length - at);
      input.set(pcm.subarray(at, at + n));
      const whole = n & ~7;
      conv(0, CHUNK * 4, whole >> 3);
      out.set(output.subarray(0, whole), at);
      for (let i = whole; i < n; i++) out[at + i] = toInt16(pcm[at + i]!);
    }
  };
}

/** The same rule for one sample (the tail of a chunk). */
function toInt16(x: number): number {
  const y = x > 1 ? 32767 : x < -1 ? -32767 : x * 32767;
  const r = y >= 0 ? y + 0.5 : y - 0.5;
  return r === r ? Math.trunc(r) : 0;
}
