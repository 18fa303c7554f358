// What a loaded ONNX graph says about its inputs and outputs, as onnxruntime-node reports it. Each
// engine checks its own graphs against this at load (kokoro/graph-io.ts, pocket/graph-io.ts), so a
// file from a different export is refused with what differs instead of failing on the first
// sentence; the description is shared so a session, a verifier's worker reply and a test fake can
// all be checked by the same code.

export interface ValueMeta {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: ReadonlyArray<number | string>;
}

/** What onnxruntime-node exposes about a loaded graph (metadata since 1.21). */
export interface GraphDescription {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly ValueMeta[];
  readonly outputMetadata?: readonly ValueMeta[];
}
