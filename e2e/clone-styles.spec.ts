// A cloned voice with a second style, in Chromium against `koe serve` with the Pocket TTS fixture
// model: a voice cloned with `koe clone`, a line of it rendered on the timeline, then in Clone "Add
// a style…" imports another recording (the same checks and consent as a clone), the style shows in
// the voice's list, the line's style picker in the timeline picks it, the line goes stale, and its
// re-render is a new take with other audio. Screenshots: the voice's styles, the line's picker.
import { test, expect, onFreshStudio, typeScript } from './harness';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRpc } from './rpc-client';

const POCKET = join(process.cwd(), 'models', 'fixtures', 'pocket');
test.skip(!existsSync(join(POCKET, 'en', 'encoder.onnx')), 'run `npm run fixtures` first');

const NEUTRAL = [
  'The quick brown fox jumps over the lazy dog, while the wind whistles through the old oak trees.',
  'Every morning I walk to the bakery and buy fresh bread with butter and strawberry jam.',
].join(' ');
const EXCITED = [
  'We did it! I cannot believe it, we actually won the whole championship tonight!',
  'Everybody is cheering, the music is loud, and nobody wants to go home yet!',
].join(' ');
const CONSENT = 'This is my own voice, and I agree to it being cloned for this studio.';

let root: string;
test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'koe-styles-e2e-'));
});
test.afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function koe(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ['bin/koe.js', ...args], { stdio: 'pipe', env: { ...process.env, ...env } }).toString().trim();
}

function render(text: string, out: string): string {
  writeFileSync(`${out}.txt`, text);
  koe(['render', `${out}.txt`, '--out', out, '--data-dir', join(root, 'render-data'), '--sample-rate', '48000', '--bit-depth', '16']);
  return out;
}

async function peaksOf(page: Page, projectId: string, lineId: number): Promise<{ takeId: number; peaks: string }> {
  // The page takes the token out of its address bar and keeps it in its origin's storage.
  const token = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('koe.token'));
  const rpc = await connectRpc(new URL(page.url()).origin, token!);
  try {
    const r = await rpc.call('timeline.peaks', { projectId, lineIds: [lineId] });
    return r.clips[0];
  } finally {
    rpc.close();
  }
}

test('a second style, imported in Clone, picked for a line in the timeline, re-renders the line in it', async () => {
  const modelsDir = join(root, 'models');
  mkdirSync(modelsDir, { recursive: true });
  cpSync(POCKET, join(modelsDir, 'pocket'), { recursive: true });
  const dataDir = join(root, 'data');
  const neutral = render(NEUTRAL, join(root, 'neutral.wav'));
  const excited = render(EXCITED, join(root, 'excited.wav'));
  const voiceId = koe(['clone', neutral, '--name', 'Maya', '--consent', CONSENT, '--who', 'Test Speaker', '--accept-warnings', '--data-dir', dataDir], { KOE_MODELS_DIR: modelsDir });
  expect(voiceId).toMatch(/^pocket:clone-/);

  await onFreshStudio(dataDir, { KOE_MODELS_DIR: modelsDir }, async (page) => {
    const shot = (name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
    await page.getByTestId('script-editor').waitFor();
    await typeScript(page, 'Maya: I still cannot believe we won the whole thing tonight.');
    await page.getByTestId('voice-picker-Maya').selectOption(voiceId);
    await expect(page.getByTestId('save-status')).toHaveText(/Saved/);

    // The line, rendered in the voice's one style.
    await page.getByTestId('nav-timeline').click();
    await page.getByTestId('render-all').click();
    const clip = page.locator('.tl-clip').first();
    await expect(clip).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const lineId = Number((await clip.getAttribute('data-testid'))!.slice('clip-'.length));
    const projectId = await page.evaluate(() => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('koe.lastProject'));
    await clip.click();
    // With one style there is nothing to pick yet, and the picker says so.
    await expect(page.getByTestId('line-style')).toBeDisabled();
    await expect(page.getByTestId('line-style-why')).toContainText('Maya has one style');

    // Clone → Add a style… → import the excited recording → checks → consent → the style is listed.
    await page.getByTestId('nav-clone').click();
    await expect(page.getByTestId(`clone-styles-${voiceId}`)).toContainText('neutral');
    await page.getByTestId(`clone-add-style-${voiceId}`).click();
    await expect(page.getByTestId('clone-style-target')).toContainText('Adding a style to Maya');
    await page.getByTestId('clone-tab-import').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('clone-choose-file').click();
    await (await chooser).setFiles(excited);
    await expect(page.getByTestId('clone-review')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('clone-checks')).toBeVisible({ timeout: 30_000 });
    if ((await page.getByTestId('clone-checks').getAttribute('data-verdict')) === 'warning') await page.getByTestId('clone-accept-warnings').check();
    await page.getByTestId('clone-continue').click();
    await expect(page.getByTestId('clone-consent-text')).toContainText('my own voice');
    await page.getByTestId('clone-consent-check').check();
    await page.getByTestId('clone-consent-who').fill('Test Speaker');
    await page.getByTestId('clone-name').fill('excited');
    await expect(page.getByTestId('clone-create')).toHaveText('Add style');
    await page.getByTestId('clone-create').click();
    await expect(page.getByTestId('clone-style-excited')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('clone-style-target')).toHaveCount(0);
    await expect(page.getByTestId('clone-style-delete-neutral')).toBeDisabled();
    await page.getByTestId(`clone-row-${voiceId}`).screenshot({ path: test.info().outputPath('voice-styles.png') });
    await shot('clone-with-styles');

    // The timeline: the line's picker offers the voice's styles; picking one stales the take.
    const before = await peaksOf(page, projectId!, lineId);
    await page.getByTestId('nav-timeline').click();
    await page.getByTestId(`clip-${lineId}`).click();
    const picker = page.getByTestId('line-style');
    await expect(picker).toBeEnabled();
    await expect(picker.locator('option')).toHaveText(['Automatic', 'neutral (default)', 'excited']);
    await picker.selectOption('excited');
    await expect(page.getByTestId(`clip-${lineId}`)).toHaveAttribute('data-state', 'stale');
    await page.getByTestId('clip-panel').screenshot({ path: test.info().outputPath('line-style-picker.png') });

    // Re-rendered: a new take, in use, with other audio than the first.
    await page.getByTestId('rerender').click();
    await expect(page.getByTestId(`clip-${lineId}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(page.getByTestId('take-list').locator('li')).toHaveCount(2);
    const after = await peaksOf(page, projectId!, lineId);
    expect(after.takeId).not.toBe(before.takeId);
    expect(after.peaks).not.toBe(before.peaks);
    await shot('timeline-restyled');

    // Back to automatic: the first take matches the line again.
    await picker.selectOption('');
    await expect(page.getByTestId(`clip-${lineId}`)).toHaveAttribute('data-state', 'stale');
    await expect(page.getByTestId('take-list').locator('.tl-take-stale')).toHaveCount(1);
  });
});
