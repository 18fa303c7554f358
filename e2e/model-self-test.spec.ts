// A Kokoro model that loads and runs but speaks silence: `app.health` (koe doctor) runs its self-test,
// which fails; the Models screen then marks it "Failed self-test" with the reasons and figures.
import { test, expect, startServe } from './harness';
import { connectRpc } from './rpc-client';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = join(process.cwd(), 'models', 'fixtures');
const SILENT = join(FIXTURES, 'self-test', 'silent.onnx');
test.skip(!existsSync(SILENT), 'run `npm run fixtures` first');

test('a model that fails its self-test is marked on the Models screen with why', async ({ browserInstance }, testInfo) => {
  test.skip(!browserInstance, 'server face only');
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-selftest-e2e-'));
  const modelsDir = join(dataDir, 'models');
  mkdirSync(join(modelsDir, 'kokoro', 'onnx'), { recursive: true });
  mkdirSync(join(modelsDir, 'kokoro', 'voices'), { recursive: true });
  copyFileSync(SILENT, join(modelsDir, 'kokoro', 'onnx', 'model.onnx'));
  copyFileSync(join(FIXTURES, 'kokoro', 'voices', 'af_heart.bin'), join(modelsDir, 'kokoro', 'voices', 'af_heart.bin'));
  const standIn = (rel: string) => {
    const b = readFileSync(join(modelsDir, rel));
    return { bytes: b.length, sha256: createHash('sha256').update(b).digest('hex') };
  };
  writeFileSync(join(modelsDir, 'fixtures.json'), JSON.stringify({ files: { 'kokoro/onnx/model.onnx': standIn('kokoro/onnx/model.onnx'), 'kokoro/voices/af_heart.bin': standIn('kokoro/voices/af_heart.bin') } }));
  const { proc, url } = await startServe(dataDir, [], { KOE_MODELS_DIR: modelsDir });
  const context = await browserInstance!.newContext();
  try {
    const u = new URL(url);
    const rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
    const { checks } = (await rpc.call('app.health', {})) as { checks: { id: string; status: string; detail: string }[] };
    expect(checks.find((c) => c.id === 'selftest:kokoro-v1.0-fp32')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/silent/) });
    rpc.close();

    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(url);
    await page.getByTestId('nav-models').click();
    const row = page.getByTestId('model-kokoro-v1.0-fp32');
    await expect(row.getByTestId('model-selftest')).toContainText('Failed self-test');
    await expect(row.getByTestId('model-selftest')).toContainText(/the output is silent/);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('model-failed-self-test.png') });
  } finally {
    await context.close();
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
