// Runs on the audio rendering thread: copies the microphone's samples out, mixed to mono, in blocks
// of BLOCK frames. Built by Vite as its own same-origin file (imported with `?worker&url`), because
// the page's CSP (script-src 'self') refuses the blob: and data: URLs worklets are often loaded from.
// Posting every 128-frame render quantum would wake the page 375 times a second; a 1024-frame block
// is ~21 ms at 48 kHz, still smooth for the meter.

declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, ctor: new () => AudioWorkletProcessor): void;

const BLOCK = 1024;

class CaptureProcessor extends AudioWorkletProcessor {
  private block = new Float32Array(BLOCK);
  private filled = 0;

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const frames = channels[0]!.length;
    const gain = 1 / channels.length;
    for (let i = 0; i < frames; i++) {
      let x = 0;
      for (const ch of channels) x += ch[i]!;
      this.block[this.filled++] = x * gain;
      if (this.filled === BLOCK) {
        this.port.postMessage(this.block, [this.block.buffer]);
        this.block = new Float32Array(BLOCK);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('koe-capture', CaptureProcessor);

export {};
