// Downloads of files whose names are not ASCII: the header is RFC 6266 (UTF-8 filename* with an
// ASCII fallback), a fetch may be retried once, and the store of waiting downloads is bounded.
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test-support/server';
import { Downloads } from '../core/downloads';
import { safeBaseName } from '../lib/file-name';

const t = useTestServer('koe-download-names');

async function exportAsDownload(name: string): Promise<string> {
  const ws = await t.connect();
  try {
    const project = await t.rpc(ws, 'projects.create', { name, script: 'Hello there.' });
    const r = await t.rpc(ws, 'project.exportKoe', { projectId: project.result.id, destination: { kind: 'download' } });
    expect(r.ok, JSON.stringify(r.error)).toBe(true);
    return r.result.downloadUrl as string;
  } finally {
    ws.close();
  }
}

describe('download names', () => {
  for (const [name, utf8] of [
    ['Café', "filename*=UTF-8''Caf%C3%A9.koe"],
    ['声の録音', "filename*=UTF-8''%E5%A3%B0%E3%81%AE%E9%8C%B2%E9%9F%B3.koe"],
  ] as const) {
    it(`serves "${name}" with a UTF-8 name and an ASCII fallback, and survives one retry`, async () => {
      const url = `${t.server.url}${await exportAsDownload(name)}?token=${t.server.token}`;
      const first = await fetch(url);
      expect(first.status).toBe(200);
      const header = first.headers.get('content-disposition')!;
      expect(header).toContain(utf8);
      expect(header).toMatch(/filename="[\x20-\x7e]+\.koe"/);
      const bytes = (await first.arrayBuffer()).byteLength;
      const retry = await fetch(url);
      expect(retry.status).toBe(200);
      expect((await retry.arrayBuffer()).byteLength).toBe(bytes);
      expect((await fetch(url)).status).toBe(404);
    });
  }

  it('drops invisible format characters from names', async () => {
    expect(safeBaseName('evil\u202egnp.exe', 'x')).toBe('evil gnp.exe');
    expect(safeBaseName('\u202e\u200b', 'Koe project')).toBe('Koe project');
    const url = `${t.server.url}${await exportAsDownload('\u202e')}?token=${t.server.token}`;
    expect((await fetch(url)).headers.get('content-disposition')).toContain('filename="Koe project.koe"');
  });
});

describe('the download store', () => {
  const item = (n: number) => ({ bytes: new Uint8Array(n), fileName: 'a.wav', contentType: 'audio/wav' });

  it('holds at most its byte and item limits, dropping the oldest', () => {
    const d = new Downloads({ items: 3, bytes: 100 });
    const ids = [d.add(item(40)), d.add(item(40)), d.add(item(40))];
    expect(d.bytesHeld).toBe(80);
    expect(d.take(ids[0]!)).toBeNull();
    d.add(item(1));
    d.add(item(1));
    expect(d.take(ids[1]!)).toBeNull();
    expect(d.bytesHeld).toBeLessThanOrEqual(100);
  });

  it('lets a fetched download be fetched once more, soon', () => {
    let now = 0;
    const d = new Downloads({ items: 8, bytes: 1000 }, () => now);
    const a = d.add(item(10));
    expect(d.take(a)).not.toBeNull();
    now += 61_000;
    expect(d.take(a)).toBeNull();
    expect(d.bytesHeld).toBe(0);
  });
});
