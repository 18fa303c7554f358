// The desktop window's checks that need no Electron binary: whole-origin matching.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ app: {}, session: {}, shell: {}, net: {}, protocol: {} }));
const { isTrustedUrl, setTrustedOrigin } = await import('./security');

describe('trusted origins', () => {
  it('matches the whole origin, not a prefix', () => {
    setTrustedOrigin('http://localhost:5173');
    expect(isTrustedUrl('http://localhost:5173/index.html')).toBe(true);
    expect(isTrustedUrl('http://localhost:5173.evil.com/')).toBe(false);
    expect(isTrustedUrl('http://localhost:51730/')).toBe(false);
    expect(isTrustedUrl('not a url')).toBe(false);
  });

  it('trusts koe://app and nothing on file://', () => {
    setTrustedOrigin('koe://app');
    expect(isTrustedUrl('koe://app/index.html')).toBe(true);
    expect(isTrustedUrl('koe://app.evil/index.html')).toBe(false);
    expect(isTrustedUrl('file:///home/me/.ssh/id_ed25519')).toBe(false);
  });
});
