// The Japanese/Chinese reader in its own worker thread (the production entry core/text-worker.ts,
// run from source through the test shim): it answers as the analyzers do in place, and a thread
// that cannot start fails the request with a clear error instead of hanging it.
import { describe, expect, it } from 'vitest';
import { KoeError } from '../../contract/errors';
import { cjkAnalyzersInThread } from './cjk-thread';
import { JapaneseG2P } from './japanese/japanese';
import { MandarinG2P } from './mandarin/mandarin';

const shim = new URL('../../../test-support/ts-worker.mjs', import.meta.url);
const entry = new URL('../../core/text-worker.ts', import.meta.url).href;

describe('the Japanese/Chinese reader thread', { timeout: 120_000 }, () => {
  it('reads Japanese and Mandarin in the thread', async () => {
    const cjk = cjkAnalyzersInThread(shim, { entry });
    // 東京 トーキョー; 银行 yin2 hang2 (CC-CEDICT).
    expect((await new JapaneseG2P(cjk.japanese, null).phonemize('東京')).phonemes).toBe('toːkʲoː');
    expect((await new MandarinG2P(cjk.mandarin, null).phonemize('银行')).phonemes).toBe('i↗nxa↗ŋ');
    expect(cjk.availability('j')).toEqual({ available: true, reason: null });
  });

  it('fails a request when the thread cannot run', async () => {
    const cjk = cjkAnalyzersInThread(shim, { entry: new URL('./no-such-entry.ts', import.meta.url).href });
    await expect(cjk.japanese.analyze('東京')).rejects.toBeInstanceOf(KoeError);
  });
});
