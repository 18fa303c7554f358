// The execution-provider order every ONNX engine tries: the platform's accelerator first, CPU last.
import { describe, expect, it } from 'vitest';
import { preferredProviders } from './providers';

describe('execution providers', () => {
  it('prefers the platform accelerator, CUDA only when installed, CPU last', () => {
    const all = ['cpu', 'webgpu', 'cuda', 'coreml', 'dml'];
    expect(preferredProviders({ platform: 'darwin', arch: 'arm64', supported: all, cudaInstalled: false })).toEqual(['coreml', 'cpu']);
    expect(preferredProviders({ platform: 'darwin', arch: 'x64', supported: all, cudaInstalled: false })).toEqual(['cpu']);
    expect(preferredProviders({ platform: 'win32', arch: 'x64', supported: all, cudaInstalled: true })).toEqual(['dml', 'cuda', 'cpu']);
    expect(preferredProviders({ platform: 'linux', arch: 'x64', supported: all, cudaInstalled: true })).toEqual(['cuda', 'cpu']);
    expect(preferredProviders({ platform: 'linux', arch: 'x64', supported: all, cudaInstalled: false })).toEqual(['cpu']);
    expect(preferredProviders({ platform: 'darwin', arch: 'arm64', supported: ['cpu'], cudaInstalled: false })).toEqual(['cpu']);
  });
});
