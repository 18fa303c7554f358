// `koe render` with a Mandarin Kokoro voice (the project's fixture model): a character the reader
// cannot read is named after the file is written, with its script line and speaker, and the rest
// of the script still speaks.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from './wav';

const FIXTURES = join(process.cwd(), 'models', 'fixtures');
test.skip(!existsSync(join(FIXTURES, 'kokoro', 'onnx', 'model.onnx')), 'run `npm run fixtures` first');

const work = mkdtempSync(join(tmpdir(), 'koe-cli-warn-'));
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

test('koe render names what the Mandarin reader skipped, by line', () => {
  const script = join(work, 'scene.txt');
  // U+2A6A5 has no reading in pinyin-pro's dictionary.
  writeFileSync(script, 'Li: 你好。\n\nLi: 他写了\u{2A6A5}字。\n');
  const out = join(work, 'scene.wav');
  const r = spawnSync(process.execPath, ['bin/koe.js', 'render', script, '--out', out, '--voice', 'kokoro:zf_xiaobei', '--data-dir', join(work, 'data')], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, KOE_MODELS_DIR: FIXTURES },
  });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/^Wrote .*scene\.wav \(/m);
  expect(r.stderr).toContain('Warning: line 3 (Li): Mandarin: no reading is known for “\u{2A6A5}” in “他写了\u{2A6A5}字。”; it is skipped.');
  expect(readWav(out).durationSec).toBeGreaterThan(0.2);
});
