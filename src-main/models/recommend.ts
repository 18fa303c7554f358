// Which Kokoro variant to suggest. The smallest file is not the fastest (published measurements
// find 8-bit slower than fp32 on CPU), so the choice comes from benchmark results on this machine
// and provider when there are any, and from the published finding until then. The reason is part
// of the answer because the UI must say why.
import { CPU_8BIT_NOTE, type CatalogAsset } from './catalog';

export interface BenchResult {
  assetId: string;
  /** Execution provider as onnxruntime names it: cpu, coreml, dml, cuda… */
  provider: string;
  /** Real-time factor: seconds of compute per second of audio; lower is faster. */
  rtf: number;
}

export interface Recommendation {
  id: string;
  reason: string;
  /** True when the choice comes from measurements on this machine. */
  measured: boolean;
}

// Among equally fast variants, prefer the one closest to the reference weights.
const PRECISION_ORDER = ['fp32', 'fp16', 'q8', 'q8f16', 'uint8', 'uint8f16', 'q4', 'q4f16'];

export function recommendVariant(catalog: readonly CatalogAsset[], provider: string, results: readonly BenchResult[] = []): Recommendation {
  const models = catalog.filter((a) => a.kind === 'kokoro-model');
  const rank = (a: CatalogAsset) => {
    const i = PRECISION_ORDER.indexOf(a.variant ?? '');
    return i < 0 ? PRECISION_ORDER.length : i;
  };
  const reference = [...models].sort((a, b) => rank(a) - rank(b))[0];
  if (!reference) throw new Error('the catalog has no Kokoro model');

  const byId = new Map(models.map((m) => [m.id, m]));
  const usable = results.filter((r) => r.provider === provider && byId.has(r.assetId) && Number.isFinite(r.rtf) && r.rtf > 0);
  // Several runs of one variant: its best run counts (the others include warm-up noise).
  const best = new Map<string, number>();
  for (const r of usable) best.set(r.assetId, Math.min(best.get(r.assetId) ?? Infinity, r.rtf));
  if (best.size > 0) {
    const ranked = [...best].sort((a, b) => a[1] - b[1] || rank(byId.get(a[0])!) - rank(byId.get(b[0])!));
    const [id, rtf] = ranked[0]!;
    const others = ranked.slice(1).map(([o, r]) => `${byId.get(o)!.variant} ${r.toFixed(2)}`);
    const also = others.length ? ` (others: ${others.join(', ')})` : '';
    return { id, measured: true, reason: `Fastest measured on this machine with ${providerName(provider)}: real-time factor ${rtf.toFixed(2)}${also}.` };
  }
  const why = provider === 'cpu'
    ? `Not measured on this machine yet; ${CPU_8BIT_NOTE}, and ${reference.variant} is the reference quality.`
    : `Not measured with ${providerName(provider)} yet; ${reference.variant} is the reference quality and runs on every provider.`;
  return { id: reference.id, measured: false, reason: why };
}

function providerName(p: string): string {
  return ({ cpu: 'the CPU', coreml: 'Core ML', dml: 'DirectML', cuda: 'CUDA' } as Record<string, string>)[p] ?? p;
}
