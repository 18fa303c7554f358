// AAC in ADTS frames: what OpenAI's speech API calls `aac`, a format with no container to finish,
// so it can be sent as it is encoded. The same AAC encoder as M4B (libavcodec's, through mediabunny);
// mediabunny frames it as ADTS, each frame written once, in order.
import { aac } from './encode-m4b';
import type { ByteSink } from './encoder';

export interface AdtsEncoder {
  write(pcm: Float32Array): Promise<void>;
  finish(): Promise<void>;
  dispose(): void;
}

export async function createAdtsEncoder(sink: ByteSink, sampleRate: number, kbps = 64): Promise<AdtsEncoder> {
  const mb = await aac();
  const writable = new WritableStream<import('mediabunny').StreamTargetChunk>({
    write: async (chunk) => sink.writeAt(chunk.data, chunk.position),
  });
  const output = new mb.Output({ format: new mb.AdtsOutputFormat(), target: new mb.StreamTarget(writable, { chunked: false }) });
  const source = new mb.AudioSampleSource({ codec: 'aac', bitrate: kbps * 1000 });
  output.addAudioTrack(source);
  await output.start();
  let frames = 0;
  return {
    async write(pcm) {
      if (pcm.length === 0) return;
      const sample = new mb.AudioSample({ data: pcm, format: 'f32-planar', numberOfChannels: 1, sampleRate, timestamp: frames / sampleRate });
      try {
        await source.add(sample);
      } finally {
        sample.close();
      }
      frames += pcm.length;
    },
    finish: () => output.finalize(),
    dispose() {
      void output.cancel().catch(() => {});
    },
  };
}
