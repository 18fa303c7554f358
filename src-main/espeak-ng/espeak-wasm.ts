// Runs the embedded eSpeak NG command line (an Emscripten build) and hands back what it printed and
// the files it wrote. Each run gets a fresh wasm instance: espeak's main is written for one run per
// process, and a fresh instance means no request can leave state behind for the next.
//
// A room of its own, below both of its users: the espeak engine speaks with it, and the text front
// end (text/g2p/espeak-ipa.ts) reads the phonemes of words no lexicon knows with it. Kept inside
// the espeak engine's folder, it made the text front end import upward from an engine.
//
// Starting an instance costs ~110 ms (the runtime unpacks 18 MB of voice data into its in-memory
// file system) against ~20–40 ms for main itself, so one instance is kept prepared ahead of time
// (warmEspeak) and main is called on it directly; the module is compiled only once. The price is
// ~35 MB held per thread. Rejected: passing arguments at creation (the package's documented way),
// which puts the whole start-up on every request's first chunk; and a native espeak-ng binary,
// which most desktops lack and would be one more thing to ship per platform.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ESpeakNgModule } from 'espeak-ng';

export interface EspeakRun {
  /** Lines the program printed to stdout. */
  stdout: string[];
  /** Lines printed to stderr, minus the runtime's own noise. */
  stderr: string[];
  /** Exit status of the program's main (0 = success). */
  status: number;
  readFile(path: string): Uint8Array;
}

/** Where the text to speak is placed in the in-memory file system before main runs. */
export const INPUT_FILE = '/input.txt';

// Emscripten reports a main that called exit() while the runtime is kept alive; it is not an error.
const RUNTIME_NOISE = /^program exited \(with status: -?\d+\), but keepRuntimeAlive\(\)/;

/** Node has WebAssembly, but the project's type libraries (ES2023 + @types/node 20) do not declare it. */
interface WasmModule {
  readonly __wasmModule: unique symbol;
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<{ exports: Partial<EspeakExports> }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The raw exports used to call main the way Emscripten's own (unexported) callMain does. */
interface EspeakExports {
  memory: { buffer: ArrayBuffer };
  malloc(bytes: number): number;
  __main_argc_argv(argc: number, argv: number): number;
  fflush(stream: number): number;
}

interface Prepared {
  exports: EspeakExports;
  fs: ESpeakNgModule['FS'];
  stdout: string[];
  stderr: string[];
  /** Set by the runtime's quit hook when main calls exit(). */
  exit: { status: number } | null;
}

let compiled: Promise<WasmModule> | null = null;
let spare: Promise<Prepared> | null = null;

/**
 * The .wasm next to the package's JS. The package has no `exports` map, so `package.json` resolves
 * from the dev tree and from the bundle's externalized node_modules alike. In a packaged app the
 * .wasm is unpacked from app.asar (electron-builder `asarUnpack`) and must be read from there.
 */
export function wasmPath(): string {
  const pkg = createRequire(import.meta.url).resolve('espeak-ng/package.json');
  const file = join(dirname(pkg), 'dist', 'espeak-ng.wasm');
  const unpacked = file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return unpacked !== file && existsSync(unpacked) ? unpacked : file;
}

/** Compiles the module once per thread; a failed compile is retried on the next call. */
export function compileEspeak(): Promise<WasmModule> {
  if (!compiled) {
    compiled = readFile(wasmPath()).then((bytes) => wasmApi.compile(bytes));
    compiled.catch(() => {
      compiled = null;
    });
  }
  return compiled;
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** A started runtime (file system unpacked) whose main has not run yet. */
async function prepare(): Promise<Prepared> {
  const [wasm, factory] = await Promise.all([compileEspeak(), import('espeak-ng').then((m) => m.default)]);
  let exports: Partial<EspeakExports> = {};
  // One object throughout: the hooks below fill in `exit` and the output lines on this very object.
  const p = { stdout: [], stderr: [], exit: null } as unknown as Prepared;
  // The factory's promise never settles if instantiation fails, so that failure is raced in.
  let instantiateFailed: (e: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (instantiateFailed = reject));
  const started = factory({
    noInitialRun: true,
    print: (line) => p.stdout.push(line),
    printErr: (line) => {
      if (!RUNTIME_NOISE.test(line)) p.stderr.push(line);
    },
    // The default sets process.exitCode on a failing main, which would fail the whole app later.
    quit: (status, toThrow) => {
      p.exit = { status };
      throw toThrow;
    },
    instantiateWasm: (imports, receive) => {
      wasmApi.instantiate(wasm, imports).then(
        (instance) => {
          exports = instance.exports;
          receive(instance);
        },
        (e: unknown) => instantiateFailed(asError(e)),
      );
      return {};
    },
  });
  const module = await Promise.race([started, failed]);
  if (typeof exports.__main_argc_argv !== 'function' || typeof exports.malloc !== 'function' || !exports.memory) {
    throw new Error('This espeak-ng build does not export what Koe Studio needs to run it (main, malloc, memory).');
  }
  p.exports = exports as EspeakExports;
  p.fs = module.FS;
  return p;
}

/** The prepared instance if there is one (a failed one is replaced), else a new one. */
function takePrepared(): Promise<Prepared> {
  const ready = spare;
  spare = null;
  return ready ? ready.catch(() => prepare()) : prepare();
}

/**
 * Starts preparing the next run's instance in the background. Its start-up blocks the thread for
 * ~110 ms, so callers invoke this once they have handed on their output, not between chunks.
 */
export function warmEspeak(): void {
  if (spare) return;
  spare = prepare();
  spare.catch(() => {}); // reported, if it matters, by the run that takes it
}

/** Calls main(argc, argv) with C strings placed on the instance's heap (it is discarded after). */
function callMain(p: Prepared, args: string[]): number {
  const enc = new TextEncoder();
  const strings = ['espeak-ng', ...args].map((a) => enc.encode(`${a}\0`));
  const table = (strings.length + 1) * 4;
  const argv = p.exports.malloc(table + strings.reduce((n, s) => n + s.length, 0));
  const heap = new Uint8Array(p.exports.memory.buffer);
  const view = new DataView(p.exports.memory.buffer);
  let at = argv + table;
  strings.forEach((s, i) => {
    heap.set(s, at);
    view.setUint32(argv + i * 4, at, true);
    at += s.length;
  });
  view.setUint32(argv + strings.length * 4, 0, true);
  let status: number;
  try {
    status = p.exports.__main_argc_argv(strings.length, argv);
  } catch (e) {
    if (!p.exit) throw new Error(`eSpeak NG crashed: ${asError(e).message}`);
    status = p.exit.status; // main called exit(), which unwinds by throwing
  }
  try {
    p.exports.fflush(0);
  } catch {
    // Nothing left to flush matters once main has finished.
  }
  return status;
}

/**
 * One run of `espeak-ng <args>`. `input` is written to INPUT_FILE first so text never travels as an
 * argument, where a leading `-` would be read as an option.
 */
export async function runEspeak(args: string[], input?: string): Promise<EspeakRun> {
  const p = await takePrepared();
  if (input !== undefined) p.fs.writeFile(INPUT_FILE, input);
  const status = callMain(p, args);
  return { stdout: p.stdout, stderr: p.stderr, status, readFile: (path) => p.fs.readFile(path) };
}
