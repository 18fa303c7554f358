import { describe, expect, it } from 'vitest';
import { formatBytes, formatEta, formatRate } from './format';

describe('download formatting', () => {
  it('sizes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.50 KB');
    expect(formatBytes(325_532_232)).toBe('310 MB');
    expect(formatBytes(-1)).toBe('—');
  });
  it('rates and times left', () => {
    expect(formatRate(0)).toBe('');
    expect(formatRate(2_500_000)).toBe('2.38 MB/s');
    expect(formatEta(null)).toBe('');
    expect(formatEta(12.2)).toBe('13 s left');
    expect(formatEta(125)).toBe('2 min 5 s left');
    expect(formatEta(7300)).toBe('2 h 2 min left');
  });
});
