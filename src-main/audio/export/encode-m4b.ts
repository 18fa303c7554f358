// M4B audiobooks: AAC-LC in an MP4 container with the book's title, author, narrator, cover and
// chapter marks. mediabunny (MPL-2.0, a maintained pure-TypeScript media toolkit) writes the MP4,
// and its AAC encoder extension (libavcodec's AAC encoder compiled to WebAssembly, shipped inside
// the npm package, so nothing downloads at install) encodes; both run in Node without WebCodecs.
// Chapter marks are added to the finished `moov` box (mp4-chapters.ts): mediabunny writes none.
//
// The file streams to the sink as it is muxed (moov at the end, so a ten-hour book never sits in
// memory); the sink's random-access writes cover the one patch the muxer makes (the mdat size).
import type { AudioEncoder, BookOptions, ByteSink, EncoderOptions } from './encoder';
import { withChapters } from './mp4-chapters';
import { SOFTWARE, SYNTHETIC_NOTICE, type ExportMetadata } from './tags';

export const AAC_RATES = [22050, 24000, 32000, 44100, 48000] as const;

/** Loads mediabunny with its AAC encoder registered (once per process); ADTS streaming shares it. */
let registered: Promise<void> | null = null;

export async function aac(): Promise<typeof import('mediabunny')> {
  const mb = await import('mediabunny');
  registered ??= import('@mediabunny/aac-encoder').then((m) => m.registerAacEncoder());
  await registered;
  return mb;
}

function tags(meta: ExportMetadata, book: BookOptions | undefined) {
  const cover = book?.cover;
  const own = meta.comment?.trim();
  return {
    ...(meta.title ? { title: meta.title, album: meta.album ?? meta.title } : {}),
    ...(meta.artist ? { artist: meta.artist, albumArtist: meta.artist } : {}),
    comment: own ? `${own}\n${SYNTHETIC_NOTICE}` : SYNTHETIC_NOTICE,
    genre: 'Audiobook',
    ...(meta.date ? { date: new Date(meta.date) } : {}),
    ...(cover ? { images: [{ data: cover.data, mimeType: cover.mimeType, kind: 'coverFront' as const }] } : {}),
    // Apple Books shows the narrator from the composer field; ©nrt is the audiobook tools' own.
    raw: { '©too': SOFTWARE, ...(book?.narrator ? { '©nrt': book.narrator, '©wrt': book.narrator } : {}) },
  };
}

class M4bEncoder implements AudioEncoder {
  readonly format = 'm4b' as const;
  private frames = 0;

  constructor(
    private readonly output: import('mediabunny').Output,
    private readonly source: import('mediabunny').AudioSampleSource,
    private readonly AudioSample: typeof import('mediabunny').AudioSample,
    private readonly opts: EncoderOptions,
    private readonly finishing: { on: boolean },
  ) {}

  async write(block: readonly Float32Array[]): Promise<void> {
    const n = block[0]?.length ?? 0;
    if (n === 0) return;
    const data = new Float32Array(n * block.length);
    block.forEach((c, i) => data.set(c.subarray(0, n), i * n));
    const sample = new this.AudioSample({ data, format: 'f32-planar', numberOfChannels: block.length, sampleRate: this.opts.sampleRate, timestamp: this.frames / this.opts.sampleRate });
    try {
      await this.source.add(sample);
    } finally {
      sample.close();
    }
    this.frames += n;
  }

  async finish(): Promise<void> {
    this.finishing.on = true;
    await this.output.finalize();
  }

  dispose(): void {
    void this.output.cancel().catch(() => {});
  }
}

export async function createM4bEncoder(sink: ByteSink, opts: EncoderOptions): Promise<AudioEncoder> {
  if (!(AAC_RATES as readonly number[]).includes(opts.sampleRate)) throw new RangeError(`M4B export needs a sample rate of ${AAC_RATES.join(', ')} Hz, got ${opts.sampleRate}`);
  const kbps = opts.bitrateKbps ?? (opts.channels === 1 ? 64 : 96);
  if (!Number.isInteger(kbps) || kbps < 24 || kbps > 320) throw new RangeError(`AAC bitrate must be 24–320 kbit/s, got ${opts.bitrateKbps}`);
  const mb = await aac();
  const chapters = opts.book?.chapters ?? [];
  const finishing = { on: false };
  // Each muxer write lands in the sink at its position; the moov box (written last, whole) gets the chapters.
  const writable = new WritableStream<import('mediabunny').StreamTargetChunk>({
    write: async (chunk) => {
      let data: Uint8Array = chunk.data;
      if (finishing.on && chapters.length && data.length >= 8 && String.fromCharCode(data[4]!, data[5]!, data[6]!, data[7]!) === 'moov') data = withChapters(data, chapters);
      await sink.writeAt(data, chunk.position);
    },
  });
  const output = new mb.Output({ format: new mb.Mp4OutputFormat({ fastStart: false }), target: new mb.StreamTarget(writable, { chunked: false }) });
  const source = new mb.AudioSampleSource({ codec: 'aac', bitrate: kbps * 1000 });
  output.addAudioTrack(source);
  output.setMetadataTags(tags(opts.metadata, opts.book));
  await output.start();
  return new M4bEncoder(output, source, mb.AudioSample, opts, finishing);
}
