// Which ONNX Runtime execution providers to try, in order, and how many threads to give the CPU.
// Each accelerated provider is tried on its own and CPU is always last, so a machine without the
// accelerator (or with a broken driver) still speaks. Detection never loads a provider library:
// CUDA is only tried when onnxruntime-node's CUDA provider file is installed, because asking for it
// otherwise just fails (and prints a native error) on every start.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';

export type ProviderName = 'coreml' | 'dml' | 'cuda' | 'cpu';

export interface PlatformInfo {
  platform: NodeJS.Platform;
  arch: string;
  /** Backends onnxruntime-node was built with (`listSupportedBackends()` names). */
  supported: readonly string[];
  /** Whether the CUDA provider library is installed next to the binding. */
  cudaInstalled: boolean;
}

/** CoreML on Apple Silicon, DirectML on Windows, CUDA where installed, then CPU. */
export function preferredProviders(info: PlatformInfo): ProviderName[] {
  const order: ProviderName[] = [];
  const has = (name: string): boolean => info.supported.includes(name);
  if (info.platform === 'darwin' && info.arch === 'arm64' && has('coreml')) order.push('coreml');
  if (info.platform === 'win32' && has('dml')) order.push('dml');
  if (has('cuda') && info.cudaInstalled) order.push('cuda');
  order.push('cpu');
  return order;
}

/** onnxruntime-node downloads its CUDA provider only on request; without it CUDA cannot work. */
export function cudaProviderInstalled(platform: NodeJS.Platform = process.platform, arch: string = process.arch): boolean {
  if (platform !== 'linux' && platform !== 'win32') return false;
  try {
    const require = createRequire(import.meta.url);
    const root = dirname(dirname(require.resolve('onnxruntime-node')));
    const binDir = join(root, 'bin', 'napi-v6', platform, arch);
    const lib = platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
    return existsSync(join(binDir, lib));
  } catch {
    return false;
  }
}

/**
 * Physical cores: ONNX Runtime's math kernels gain nothing from SMT siblings and lose to the
 * contention. Linux says exactly; elsewhere, Apple Silicon has no SMT and x86 laptops usually
 * have two threads per core.
 */
export function physicalCores(): number {
  const logical = Math.max(1, availableParallelism());
  if (process.platform === 'linux') {
    try {
      const base = '/sys/devices/system/cpu';
      const cores = new Set<string>();
      for (const d of readdirSync(base)) {
        if (!/^cpu\d+$/.test(d)) continue;
        const topo = join(base, d, 'topology');
        if (!existsSync(topo)) continue;
        cores.add(`${readFileSync(join(topo, 'physical_package_id'), 'utf8').trim()}:${readFileSync(join(topo, 'core_id'), 'utf8').trim()}`);
      }
      if (cores.size > 0) return Math.min(logical, cores.size);
    } catch {
      // fall through to the estimate
    }
  }
  if (process.arch === 'arm64') return logical;
  const model = cpus()[0]?.model ?? '';
  return /Intel|AMD/i.test(model) && logical >= 4 ? Math.max(1, Math.floor(logical / 2)) : logical;
}

/** Threads for one session: every physical core (the app runs one synthesis at a time). */
export function defaultIntraOpThreads(): number {
  return Math.max(1, physicalCores());
}

/**
 * Providers to try in order for a session: the ones asked for (or the platform's preference), with
 * CPU always last, so every failure has somewhere to fall back to. Shared by every ONNX engine.
 */
export function providerOrder(supported: readonly string[], requested?: readonly string[]): string[] {
  const wanted = requested ? [...requested] : preferredProviders({ platform: process.platform, arch: process.arch, supported: [...supported], cudaInstalled: cudaProviderInstalled() });
  return [...wanted.filter((p) => p !== 'cpu'), 'cpu'];
}
