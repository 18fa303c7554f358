// The few pieces of WebAssembly bytecode our hand-assembled SIMD loops are built from (the
// resampler's dot products, simd-polyphase.ts; float → 16-bit PCM, simd-int16.ts): named opcodes,
// LEB128 numbers, and a one-function module that imports its memory. Written out rather than
// compiled from another language so the project needs no toolchain and the bytes can be read.

// Opcodes (WebAssembly core spec + fixed-width SIMD, now standard).
export const BLOCK = 0x02, LOOP = 0x03, IF = 0x04, END = 0x0b, BR_IF = 0x0d, VOID = 0x40;
export const LOCAL_GET = 0x20, LOCAL_SET = 0x21, LOCAL_TEE = 0x22;
export const F32_STORE = 0x38, I32_CONST = 0x41, F32_CONST = 0x43;
export const I32_EQZ = 0x45, I32_LT_U = 0x49, I32_GE_U = 0x4f;
export const I32_ADD = 0x6a, I32_MUL = 0x6c, I32_DIV_U = 0x6e, I32_REM_U = 0x70, I32_SHL = 0x74, F32_ADD = 0x92;
export const I32 = 0x7f, V128 = 0x7b;
const SIMD = 0xfd;
export const V128_LOAD = [SIMD, 0x00];
export const V128_STORE = [SIMD, 0x0b];
export const V128_CONST = [SIMD, 0x0c];
export const I8X16_SHUFFLE = [SIMD, 0x0d];
export const F32X4_SPLAT = [SIMD, 0x13];
export const F32X4_EXTRACT_LANE = [SIMD, 0x1f];
export const V128_AND = [SIMD, 0x4e];
export const V128_OR = [SIMD, 0x50];
export const F64X2_PROMOTE_LOW_F32X4 = [SIMD, 0x5f];
export const I16X8_NARROW_I32X4_S = [SIMD, 0x85, 0x01];
export const F32X4_ABS = [SIMD, 0xe0, 0x01];
export const F32X4_ADD = [SIMD, 0xe4, 0x01];
export const F32X4_MUL = [SIMD, 0xe6, 0x01];
/** pmax(a, b) = a < b ? b : a: a NaN in b leaves a, as a JavaScript comparison does. */
export const F32X4_PMAX = [SIMD, 0xeb, 0x01];
export const F64X2_ADD = [SIMD, 0xf0, 0x01];
export const F64X2_MUL = [SIMD, 0xf2, 0x01];
export const F64X2_MIN = [SIMD, 0xf4, 0x01];
export const F64X2_MAX = [SIMD, 0xf5, 0x01];
export const I32X4_TRUNC_SAT_F64X2_S_ZERO = [SIMD, 0xfc, 0x01];

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128, as i32.const wants it (a plain uleb of 64 or more would read as negative). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

export const get = (i: number) => [LOCAL_GET, i];
export const set = (i: number) => [LOCAL_SET, i];
export const tee = (i: number) => [LOCAL_TEE, i];
export const i32c = (v: number) => [I32_CONST, ...sleb(v)];
/** v128.load / v128.store with byte alignment and a constant offset. */
export const load = (offset: number) => [...V128_LOAD, 0x00, ...uleb(offset)];
export const store = (offset: number) => [...V128_STORE, 0x00, ...uleb(offset)];
export const zeroV128 = [F32_CONST, 0, 0, 0, 0, ...F32X4_SPLAT];

/**
 * `body` run `count` times (a local; none when it is 0), with local `i` counting from 0: the loop
 * every kernel here is built on. Leaves nothing on the stack.
 */
export function countedLoop(count: number, i: number, body: readonly number[]): number[] {
  return [
    BLOCK, VOID,
    ...get(count), I32_EQZ, BR_IF, 0,
    ...i32c(0), ...set(i),
    LOOP, VOID,
    ...body,
    ...get(i), ...i32c(1), I32_ADD, ...tee(i), ...get(count), I32_LT_U, BR_IF, 0,
    END,
    END,
  ];
}

/** v128.const of two float64 lanes. */
export function f64x2Const(a: number, b: number): number[] {
  const bytes = new Uint8Array(new Float64Array([a, b]).buffer);
  return [...V128_CONST, ...bytes];
}

/** v128.const of four float32 lanes, all `v`. */
export function f32x4Const(v: number): number[] {
  return [...V128_CONST, ...new Uint8Array(new Float32Array([v, v, v, v]).buffer)];
}

/** v128.const of two uint64 lanes given as hex strings (bit masks). */
export function u64x2Const(hex: string): number[] {
  const v = BigInt(`0x${hex}`);
  const bytes = new Uint8Array(new BigUint64Array([v, v]).buffer);
  return [...V128_CONST, ...bytes];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/**
 * A module of one exported function `name` taking `params` i32 arguments and returning nothing,
 * with `body` (locals declaration included), importing its memory as e.m.
 */
export function oneFunctionModule(name: string, params: number, body: number[]): Uint8Array {
  const str = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
  const types = [1, 0x60, params, ...Array<number>(params).fill(I32), 0];
  const imports = [1, ...str('e'), ...str('m'), 0x02, 0x00, 0x01]; // memory, min 1 page
  const funcs = [1, 0];
  const exports = [1, ...str(name), 0x00, 0];
  const code = [1, ...uleb(body.length), ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types), ...section(2, imports), ...section(3, funcs), ...section(7, exports), ...section(10, code),
  ]);
}

// Just the slice of the WebAssembly API used here: the Node typings of this project (no DOM lib)
// do not declare it as a value.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (desc: { initial: number }) => WasmMemory;
}
export const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** Compiles `bytes`, or null where WebAssembly (or its SIMD) is unavailable. */
export function compileOrNull(bytes: Uint8Array): object | null {
  try {
    return wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
  } catch {
    return null;
  }
}

export const PAGE = 65536;
