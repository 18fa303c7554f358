// The codec thread's side of ThreadedEncoder (encode-thread.ts): one encoder per thread, its bytes
// posted back to the export's file writer, requests handled strictly in order.
import { KoeError } from '../../contract/errors';
import type { ByteSink } from './encoder';
import { createEncoder } from './encoders';
import { ResamplingEncoder } from './resampling-encoder';
import { LocalMasteredOutput, Mastering } from './mastering';
import type { EncodeReply, EncodeRequest } from './encode-thread';

interface Port {
  on(event: 'message', fn: (m: EncodeRequest) => void): void;
  postMessage(m: EncodeReply, transfer?: ArrayBuffer[]): void;
}

/** A sink whose bytes go back to the main thread; positions are counted here, as the file will have them. */
function postingSink(port: Port): ByteSink {
  let written = 0;
  const own = (chunk: Uint8Array) => {
    // Encoders may reuse their output buffers: send a copy, transferred.
    const copy = chunk.slice();
    return { copy, transfer: [copy.buffer as ArrayBuffer] };
  };
  return {
    get bytesWritten() {
      return written;
    },
    write(chunk) {
      const { copy, transfer } = own(chunk);
      written += copy.length;
      port.postMessage({ op: 'bytes', chunk: copy }, transfer);
      return Promise.resolve();
    },
    writeAt(chunk, position) {
      const { copy, transfer } = own(chunk);
      port.postMessage({ op: 'bytesAt', chunk: copy, position }, transfer);
      return Promise.resolve();
    },
  };
}

export function serveEncoding(port: Port): void {
  let output: LocalMasteredOutput | null = null;
  let broken = false;
  let queue = Promise.resolve();
  const handle = async (m: EncodeRequest): Promise<void> => {
    switch (m.op) {
      case 'open': {
        const inner = m.format ? await createEncoder(m.format, postingSink(port), m.opts) : null;
        const encoder = !inner || m.opts.sampleRate === m.fromRate ? inner : new ResamplingEncoder(inner, m.fromRate, m.opts.sampleRate, m.opts.channels);
        output = new LocalMasteredOutput(new Mastering(m.fromRate, m.opts.channels, m.master), encoder);
        port.postMessage({ op: 'opened' });
        return;
      }
      case 'write':
        await output!.write(m.block);
        port.postMessage({ op: 'wrote' });
        return;
      case 'finish': {
        const stats = await output!.finish();
        port.postMessage({ op: 'finished', stats });
        return;
      }
    }
  };
  port.on('message', (m) => {
    queue = queue.then(async () => {
      if (broken) return;
      try {
        await handle(m);
      } catch (e) {
        broken = true;
        output?.dispose();
        port.postMessage({ op: 'failed', code: e instanceof KoeError ? e.code : null, message: e instanceof Error ? e.message : String(e) });
      }
    });
  });
}
