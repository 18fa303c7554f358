// Types for the npm `espeak-ng` package, which ships an Emscripten build without declarations.
// Only the members Koe Studio relies on are described; see espeak-wasm.ts for how they are used.
declare module 'espeak-ng' {
  export interface ESpeakNgModule {
    FS: { readFile(path: string): Uint8Array; writeFile(path: string, data: string | Uint8Array): void };
  }
  export interface ESpeakNgOverrides {
    /** Start the runtime without running main (the caller runs it). */
    noInitialRun?: boolean;
    print?: (line: string) => void;
    printErr?: (line: string) => void;
    quit?: (status: number, toThrow: unknown) => void;
    /** `receive` takes a WebAssembly.Instance (typed loosely: the project's type libraries lack WebAssembly). */
    instantiateWasm?: (imports: object, receive: (instance: unknown) => void) => object;
  }
  const ESpeakNg: (overrides?: ESpeakNgOverrides) => Promise<ESpeakNgModule>;
  export default ESpeakNg;
}
