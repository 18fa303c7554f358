// The microphone: opens a device without the browser's voice-call processing, feeds the input meter,
// records takes of raw PCM, and notices a device that disappears. Capture runs in an AudioWorklet
// (recorder.worklet.ts, a same-origin file the CSP allows); where worklets cannot load (an old
// engine, a file:// page that refuses the module), it falls back to a ScriptProcessorNode, which
// works everywhere but runs on the page's thread and can drop blocks when the page is busy.
// MediaRecorder was rejected: it hands back Opus in WebM, which the core would have to decode, and
// its lossy coding is exactly what a cloning reference should not go through.
import { LevelMeter, type MeterReading } from './recorder-levels';
import { MAX_TAKE_SEC, TakeBuffer, type Take } from './recorder-take';
import workletUrl from './recorder.worklet.ts?worker&url';

export type CaptureKind = 'audio-worklet' | 'script-processor';

export interface MicEvents {
  /** Every captured block (~20–40 ms): drives the meter. */
  onLevels(reading: MeterReading): void;
  /** The device went away (unplugged, or the system took it). The input is closed already. */
  onEnded(take: Take | null): void;
  /** The take reached its longest length and stopped itself. */
  onTakeFull?(take: Take): void;
}

const SCRIPT_BLOCK = 2048;

export class MicInput {
  private readonly meter = new LevelMeter();
  private takeBuffer: TakeBuffer | null = null;
  private closed = false;
  private readonly track: MediaStreamTrack;

  private constructor(
    private readonly ctx: AudioContext,
    private readonly stream: MediaStream,
    private readonly nodes: AudioNode[],
    readonly capture: CaptureKind,
    private readonly events: MicEvents,
  ) {
    this.track = stream.getAudioTracks()[0]!;
    this.track.addEventListener('ended', this.onTrackEnded);
  }

  /**
   * Call from the click that asked for it: the AudioContext is made before the first await, while
   * the browser still counts the click as the user's gesture.
   */
  static async open(deviceId: string | null, events: MicEvents): Promise<MicInput> {
    const ctx = new AudioContext({ latencyHint: 'interactive' });
    let stream: MediaStream | null = null;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: {
          ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
          // Echo cancellation, noise suppression and gain riding reshape the voice the clone learns.
          echoCancellation: false,
          noiseSuppression: false,
          autoGainControl: false,
          channelCount: { ideal: 1 },
        },
      });
      if (ctx.state === 'suspended') await ctx.resume().catch(() => {});
      const source = ctx.createMediaStreamSource(stream);
      // Some engines only pull nodes that lead to the destination: a silent gain keeps the tap alive.
      const sink = ctx.createGain();
      sink.gain.value = 0;
      sink.connect(ctx.destination);
      // Blocks can arrive before the constructor below has run; those few milliseconds are dropped.
      let input: MicInput | null = null;
      const onBlock = (block: Float32Array) => input?.block(block);
      const tap = await workletTap(ctx, source, sink, onBlock).catch(() => scriptTap(ctx, source, sink, onBlock));
      const mic = new MicInput(ctx, stream, [source, tap.node, sink], tap.kind, events);
      input = mic;
      return mic;
    } catch (e) {
      stream?.getTracks().forEach((t) => t.stop());
      void ctx.close().catch(() => {});
      throw e;
    }
  }

  get sampleRate(): number {
    return this.ctx.sampleRate;
  }

  /** The device actually opened (the "default" alias resolves to a real one). */
  get deviceId(): string | null {
    return this.track.getSettings().deviceId ?? null;
  }

  get label(): string {
    return this.track.label;
  }

  get recording(): boolean {
    return this.takeBuffer !== null;
  }

  /** Seconds recorded so far, by samples captured: the audio clock, not the wall clock. */
  get recordedSec(): number {
    return this.takeBuffer?.seconds ?? 0;
  }

  startTake(maxSec = MAX_TAKE_SEC): void {
    this.meter.resetClip();
    this.takeBuffer = new TakeBuffer(this.ctx.sampleRate, maxSec);
  }

  stopTake(): Take | null {
    const t = this.takeBuffer?.take() ?? null;
    this.takeBuffer = null;
    return t;
  }

  resetClip(): void {
    this.meter.resetClip();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.track.removeEventListener('ended', this.onTrackEnded);
    this.takeBuffer = null;
    for (const n of this.nodes) n.disconnect();
    this.stream.getTracks().forEach((t) => t.stop());
    void this.ctx.close().catch(() => {});
  }

  private block(block: Float32Array): void {
    if (this.closed) return;
    this.events.onLevels(this.meter.push(block, this.ctx.currentTime));
    const tb = this.takeBuffer;
    if (tb && !tb.append(block)) {
      const take = this.stopTake();
      if (take) this.events.onTakeFull?.(take);
    }
  }

  private readonly onTrackEnded = () => {
    if (this.closed) return;
    // Keep what was recorded before the device went: it may be long enough to clone from.
    const take = this.stopTake();
    this.close();
    this.events.onEnded(take && take.pcm.length > 0 ? take : null);
  };
}

async function workletTap(ctx: AudioContext, source: AudioNode, sink: AudioNode, onBlock: (b: Float32Array) => void): Promise<{ node: AudioNode; kind: CaptureKind }> {
  if (!ctx.audioWorklet) throw new Error('AudioWorklet is not available');
  await ctx.audioWorklet.addModule(workletUrl);
  const node = new AudioWorkletNode(ctx, 'koe-capture', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
  node.port.onmessage = (e: MessageEvent<Float32Array>) => onBlock(e.data);
  source.connect(node);
  node.connect(sink);
  return { node, kind: 'audio-worklet' };
}

function scriptTap(ctx: AudioContext, source: AudioNode, sink: AudioNode, onBlock: (b: Float32Array) => void): { node: AudioNode; kind: CaptureKind } {
  const channels = Math.max(1, Math.min(2, source.channelCount));
  const node = ctx.createScriptProcessor(SCRIPT_BLOCK, channels, 1);
  node.onaudioprocess = (e) => {
    const buf = e.inputBuffer;
    const out = new Float32Array(buf.length);
    for (let c = 0; c < buf.numberOfChannels; c++) {
      const ch = buf.getChannelData(c);
      for (let i = 0; i < out.length; i++) out[i]! += ch[i]! / buf.numberOfChannels;
    }
    onBlock(out);
  };
  source.connect(node);
  node.connect(sink);
  return { node, kind: 'script-processor' };
}
