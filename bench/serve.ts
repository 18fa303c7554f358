// What the benchmarks that drive the server face share: the row they report, `koe serve` started on
// a free port (from the built CLI, so run `npm run build` first), and a long generated scene.
import { spawn } from 'node:child_process';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target: string;
  /** null when the target is informational. */
  pass?: boolean | null;
}

export interface Served {
  pid: number;
  url: string;
  /** Launch to the printed URL. */
  ms: number;
  stop(): Promise<void>;
}

export async function startServe(dataDir: string): Promise<Served> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['out/main/cli.js', 'serve', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`koe serve exited with ${code}`)));
  });
  const ms = performance.now() - t0;
  return {
    pid: proc.pid!,
    url,
    ms,
    stop: () =>
      new Promise<void>((r) => {
        proc.once('exit', () => r());
        proc.kill('SIGTERM');
      }),
  };
}

/** `lines` lines for three speakers in turn, each saying `phrase` with its number. */
export function sceneScript(lines: number, phrase: string): string {
  const who = ['Anna', 'Ben', 'Cara'];
  return Array.from({ length: lines }, (_, i) => `${who[i % 3]}: Line ${i + 1} of ${phrase}`).join('\n');
}
