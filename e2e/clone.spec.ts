// Voice cloning through the UI, in Chromium with a fake microphone that plays a WAV the
// embedded engine speaks at test time, against `koe serve` with the Pocket TTS fixture model (the
// real graphs' input and output names and shapes). Record → checks → consent → clone with progress →
// the voice in Voices speaks its preview → rename, export, import, delete. Also: a file imported by
// the chooser, a file that is not audio, a take too short to clone (an error with no override), a
// refused or missing microphone, and a microphone unplugged while recording.
import { test, expect, startServe, CHROMIUM, CHROMIUM_ARGS } from './harness';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWav } from './wav';
import { encodeWav } from '../src-main/audio/wav';

const POCKET = join(process.cwd(), 'models', 'fixtures', 'pocket');
test.skip(!existsSync(join(POCKET, 'en', 'encoder.onnx')), 'run `npm run fixtures` first');
/** The recorder's automatic stop (MAX_TAKE_SEC in src-renderer/src/audio/recorder-take.ts). */
const MAX_TAKE_SEC = 20;

// About 13 s of espeak speech: enough for a 9 s take wherever the looping file starts.
const SPEECH = [
  'The quick brown fox jumps over the lazy dog, while the wind whistles through the old oak trees.',
  'Every morning I walk to the bakery and buy fresh bread with butter and strawberry jam.',
  'Would you like some coffee, or a cup of tea?',
].join(' ');

type Playback = { chunks: number; samples: number; streams: number };

/**
 * The browser globals the page-side helpers touch. The e2e folder is compiled without the DOM
 * library (it runs in Node); these few shapes keep the page code typed all the same.
 */
interface Track {
  stop(): void;
  dispatchEvent(e: unknown): boolean;
}
interface PageWorld {
  Event: new (type: string) => unknown;
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (parts: unknown[], name: string, opts: { type: string }) => unknown;
  MutationObserver: new (cb: () => void) => { observe(target: unknown, opts: object): void };
  document: { body: unknown; querySelector(selector: string): { getAttribute(name: string): string | null } | null };
  navigator: { mediaDevices: { getUserMedia(c: unknown): Promise<{ getAudioTracks(): Track[] }> } };
  BaseAudioContext: { prototype: object };
  DOMException: new (message: string, name: string) => unknown;
  atob(s: string): string;
  __e2eTracks: Track[];
  __lamp: string[];
  __stage(stage: string): void;
}
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

const playback = (page: Page) => page.evaluate(() => (globalThis as unknown as { __koePlayback: Playback }).__koePlayback);

let root: string;
let files: { speech: string; short: string; long: string; quiet: string; clipped: string; notAudio: string };
let server: { proc: ChildProcess; url: string };
let browser: Browser;

function render(text: string, out: string, extra: string[] = []): void {
  const script = `${out}.txt`;
  writeFileSync(script, text);
  execFileSync(process.execPath, ['bin/koe.js', 'render', script, '--out', out, '--data-dir', join(root, 'render-data'), ...extra], { stdio: 'pipe' });
}

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'koe-clone-e2e-'));
  // 16-bit 48 kHz: what Chromium's fake capture device reads without surprises.
  files = { speech: join(root, 'speech.wav'), short: join(root, 'short.wav'), long: join(root, 'interview.wav'), quiet: join(root, 'quiet.wav'), clipped: join(root, 'clipped.wav'), notAudio: join(root, 'notes.wav') };
  render(SPEECH, files.speech, ['--sample-rate', '48000', '--bit-depth', '16']);
  render('Hi.', files.short, ['--bit-depth', '16']);
  // Over three minutes: too large for one WebSocket message, so the page picks the part to send.
  render(Array.from({ length: 14 }, () => SPEECH).join('\n'), files.long, ['--bit-depth', '16']);
  writeFileSync(files.notAudio, 'These are my notes for the session, not a recording.\n'.repeat(20));
  const wav = readWav(files.speech);
  expect(wav.durationSec).toBeGreaterThan(10);
  // 20 dB down: quiet enough for the level warning (not the error), so the override can be tested.
  const quiet = wav.channelData[0]!.map((x) => x * 0.1);
  writeFileSync(files.quiet, encodeWav(quiet, { sampleRate: wav.sampleRate, bitDepth: 16 }));
  // 24 dB too hot: flat-topped at full scale, as an overdriven microphone input is.
  const hot = wav.channelData[0]!.map((x) => Math.max(-1, Math.min(1, x * 16)));
  writeFileSync(files.clipped, encodeWav(hot, { sampleRate: wav.sampleRate, bitDepth: 16 }));
  expect(readWav(files.short).durationSec).toBeLessThan(1.5);
  expect(readWav(files.long).durationSec).toBeGreaterThan(150);

  const modelsDir = join(root, 'models');
  mkdirSync(modelsDir, { recursive: true });
  cpSync(POCKET, join(modelsDir, 'pocket'), { recursive: true });
  server = await startServe(join(root, 'data'), [], { KOE_MODELS_DIR: modelsDir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${files.speech}`],
  });
});

test.afterAll(async () => {
  await browser?.close();
  if (server) {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
  }
  if (root) rmSync(root, { recursive: true, force: true });
});

async function openClone(init?: (arg: string) => void, arg = ''): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1360, height: 900 } });
  if (init) await context.addInitScript(init, arg);
  const page = await context.newPage();
  page.on('pageerror', (e) => test.info().attach('pageerror', { body: String(e) }));
  await page.goto(server.url);
  await page.getByTestId('script-editor').waitFor();
  await page.getByTestId('nav-clone').click();
  await expect(page.getByTestId('clone-view')).toBeVisible();
  return { page, context };
}

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

/** Seconds on the recorder's clock, as shown. */
const timer = async (page: Page) => Number(await page.getByTestId('clone-timer').textContent());

/**
 * Notes, in the page, each number the count-in shows. Each shows for one second only, so a test
 * that looked for them from outside (after a screenshot, on a busy machine) could miss one.
 */
const WATCH_COUNT_IN = `(() => {
  const seen = (window.__countIn = []);
  new MutationObserver(() => {
    const n = document.querySelector('[data-testid="clone-countin"]')?.textContent;
    if (n && seen[seen.length - 1] !== n) seen.push(n);
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

test('record with the microphone, check, consent, clone, preview, then rename, export, import and delete', async () => {
  const { page, context } = await openClone();
  await expect(page.getByTestId('clone-prompt')).toContainText('harbour');
  // The cloning model is here: nothing is said up front about getting it.
  await expect(page.getByTestId('clone-record')).toBeDisabled();
  await expect(page.getByTestId('clone-needs-model')).toHaveCount(0);
  await page.getByTestId('clone-mic-on').click();
  await expect(page.getByTestId('clone-record')).toBeEnabled();
  // Capture runs in the AudioWorklet, loaded from a same-origin file under the page's CSP.
  await expect(page.getByTestId('clone-recorder')).toHaveAttribute('data-capture', 'audio-worklet');

  // The fake devices are listed by name once the page may use the microphone; pick one.
  const select = page.getByTestId('clone-mic-select');
  await expect(select.locator('option', { hasText: 'Fake Audio Input 1' })).toHaveCount(1);
  const fakeId = await select.locator('option', { hasText: 'Fake Audio Input 1' }).getAttribute('value');
  await select.selectOption(fakeId!);
  await expect(page.getByTestId('clone-record')).toBeEnabled();
  // The meter moves with the looping speech.
  await expect.poll(async () => Number((await page.getByTestId('clone-meter-peak').textContent())?.replace('−', '-')), { timeout: 10_000 }).toBeGreaterThan(-40);
  await shot(page, 'clone-1-mic-on');

  await page.evaluate(WATCH_COUNT_IN);
  await page.getByTestId('clone-record').click();
  await shot(page, 'clone-2-count-in');
  await expect(page.getByTestId('clone-clock')).toHaveAttribute('data-phase', 'recording');
  expect(await page.evaluate('window.__countIn')).toEqual(['3', '2', '1']);
  await expect.poll(() => timer(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('clone-take-hint')).toContainText('Keep going');
  await shot(page, 'clone-3-recording');
  await expect.poll(() => timer(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(9);
  const atStop = await timer(page);
  await page.getByTestId('clone-stop').click();

  // Review: the waveform of the take, its trim, and the checks of exactly that.
  await expect(page.getByTestId('clone-waveform')).toBeVisible();
  await expect(page.getByTestId('clone-checks')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('clone-check-speech')).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('clone-check-sample-rate')).toContainText('Hz');
  // The waveform is drawn: the canvas has coloured pixels.
  const inked = await page.getByTestId('clone-waveform').locator('canvas').evaluate((el) => {
    const c = el as unknown as Canvas;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n / (c.width * c.height);
  });
  expect(inked).toBeGreaterThan(0.02);
  // The take holds at least what the clock showed when Stop was pressed, and Stop ended it, not
  // the 20 s limit. How much later than the clock's reading the press lands depends on the
  // machine's load, so no wall-clock bound is put on it.
  const end = Number(await page.getByTestId('clone-trim-end').inputValue());
  expect(end).toBeGreaterThanOrEqual(9);
  expect(end).toBeGreaterThanOrEqual(atStop);
  expect(end).toBeLessThan(MAX_TAKE_SEC);
  await shot(page, 'clone-4-review');

  // Trim 0.3 s off the start: the checks run again on the shorter part.
  await page.getByTestId('clone-trim-start').fill('0.3');
  await page.getByTestId('clone-trim-start').press('Enter');
  await expect(page.getByTestId('clone-trim-handle-start')).toHaveAttribute('aria-valuenow', '0.3');
  await expect(page.getByTestId('clone-checks')).toBeVisible({ timeout: 30_000 });
  // And the handle moves with the keyboard.
  await page.getByTestId('clone-trim-handle-end').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('clone-trim-end')).toHaveValue((end - 0.1).toFixed(1));
  await expect(page.getByTestId('clone-checks')).toBeVisible({ timeout: 30_000 });

  // Listening to the take plays and stops.
  await page.getByTestId('clone-play-take').click();
  await expect(page.getByTestId('clone-waveform')).toHaveAttribute('data-playing', 'true');
  await page.getByTestId('clone-play-take').click();
  await expect(page.getByTestId('clone-waveform')).toHaveAttribute('data-playing', 'false');

  if ((await page.getByTestId('clone-checks').getAttribute('data-verdict')) === 'warning') await page.getByTestId('clone-accept-warnings').check();
  await page.getByTestId('clone-continue').click();

  // Consent: the core's statement; nothing goes until it is accepted with a name.
  await expect(page.getByTestId('clone-consent-text')).toContainText('my own voice');
  await expect(page.getByTestId('clone-create')).toBeDisabled();
  await page.getByTestId('clone-consent-check').check();
  await page.getByTestId('clone-consent-who').fill('Test Speaker');
  await expect(page.getByTestId('clone-create')).toBeDisabled();
  await page.getByTestId('clone-name').fill('Fake Mic Voice');
  await shot(page, 'clone-5-consent');
  const stages: string[] = [];
  await page.exposeFunction('__stage', (s: string) => stages.push(s));
  await page.evaluate(() => {
    const w = globalThis as unknown as PageWorld;
    new w.MutationObserver(() => {
      const el = w.document.querySelector('[data-testid="clone-progress"]');
      if (el) w.__stage(el.getAttribute('data-stage') ?? '');
    }).observe(w.document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
  });
  await page.getByTestId('clone-create').click();

  await expect(page.getByTestId('clone-done')).toBeVisible({ timeout: 60_000 });
  expect(stages.some((s) => s === 'encoding' || s === 'processing' || s === 'saving')).toBe(true);
  await expect(page.getByTestId('clone-done-name')).toHaveText('Fake Mic Voice');
  const voiceId = (await page.getByTestId('clone-done').getAttribute('data-voice-id'))!;
  expect(voiceId).toMatch(/^pocket:/);
  await expect(page.getByTestId(`clone-row-${voiceId}`)).toContainText('consent by Test Speaker');

  // The new voice's own preview line streams audio.
  let before = await playback(page);
  await page.getByTestId('clone-done-preview').click();
  await expect.poll(async () => (await playback(page)).chunks).toBeGreaterThan(before.chunks);
  await expect(page.getByTestId('clone-done-preview')).toHaveText('Stop');
  await shot(page, 'clone-6-done');
  await page.getByTestId('clone-done-preview').click();
  await expect(page.getByTestId('clone-done-preview')).toHaveText('Preview');

  // In Voices like any voice, and its card's preview streams too.
  await page.getByTestId('clone-show-voices').click();
  await page.getByTestId('voice-search').fill('Fake Mic');
  await expect(page.getByTestId(`voice-card-${voiceId}`)).toContainText('clone');
  before = await playback(page);
  await page.getByTestId(`voice-preview-${voiceId}`).click();
  await expect.poll(async () => (await playback(page)).chunks).toBeGreaterThan(before.chunks);
  await expect.poll(async () => (await playback(page)).samples).toBeGreaterThan(before.samples + 2400);

  // Rename in the clone manager; Voices follows.
  await page.getByTestId('voices-clone-open').click();
  await page.getByTestId(`clone-rename-${voiceId}`).click();
  await page.getByTestId(`clone-rename-input-${voiceId}`).fill('Studio Voice');
  await page.getByTestId(`clone-rename-save-${voiceId}`).click();
  await expect(page.getByTestId(`clone-name-${voiceId}`)).toHaveText('Studio Voice');

  // Tags: a too-long tag is refused with a message and changes nothing; good ones are stored.
  await page.getByTestId(`clone-tags-edit-${voiceId}`).click();
  await page.getByTestId(`clone-tags-input-${voiceId}`).fill(`warm, ${'x'.repeat(40)}`);
  await page.getByTestId(`clone-tags-save-${voiceId}`).click();
  await expect(page.getByTestId('clone-list-status')).toContainText('too long for a tag');
  await page.getByTestId(`clone-tags-input-${voiceId}`).fill('warm, narration, warm');
  await page.getByTestId(`clone-tags-save-${voiceId}`).click();
  // The chips come from clone.list, read again from the library after the save: stored, not just shown.
  await expect(page.getByTestId(`clone-tags-${voiceId}`).locator('.tag-chip')).toHaveText(['warm', 'narration']);
  await shot(page, 'clone-6b-tags');

  // Export downloads a .koevoice that carries the consent record; importing it makes a second voice.
  const downloading = page.waitForEvent('download');
  await page.getByTestId(`clone-export-${voiceId}`).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Studio-Voice.koevoice');
  const exported = join(root, 'exported.koevoice');
  await download.saveAs(exported);
  const voiceFile = JSON.parse(readFileSync(exported, 'utf8')) as { consent: { who: string } };
  expect(voiceFile.consent.who).toBe('Test Speaker');
  await page.getByTestId('clone-import-voice-input').setInputFiles(exported);
  await expect(page.getByTestId('clone-list-status')).toContainText('Imported “Studio Voice”');
  await expect(page.locator('[data-testid^="clone-row-"]')).toHaveCount(2);
  await shot(page, 'clone-7-manager');

  // Delete asks first, then removes the voice everywhere.
  await page.getByTestId(`clone-delete-${voiceId}`).click();
  await shot(page, 'clone-8-confirm-delete');
  await page.getByTestId(`clone-delete-confirm-${voiceId}`).click();
  await expect(page.getByTestId(`clone-row-${voiceId}`)).toHaveCount(0);
  await page.getByTestId('nav-voices').click();
  await page.getByTestId('voice-search').fill('Studio Voice');
  await expect(page.getByTestId(`voice-card-${voiceId}`)).toHaveCount(0);
  const copy = page.locator('[data-testid^="voice-card-pocket:"]');
  await expect(copy).toHaveCount(1); // the imported copy
  // Deleting a clone from its card goes through the clone's own delete (its recording goes too).
  const copyId = (await copy.getAttribute('data-testid'))!.slice('voice-card-'.length);
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId(`voice-delete-${copyId}`).click();
  await expect(copy).toHaveCount(0);
  await page.getByTestId('nav-clone').click();
  await expect(page.getByTestId('clone-list')).not.toContainText('Loading');
  await expect(page.getByTestId(`clone-row-${copyId}`)).toHaveCount(0);
  await context.close();
});

/** Drops a file on the drop zone as a person dragging it from their file manager would. */
async function dropFile(page: Page, path: string, name: string): Promise<void> {
  const zone = page.getByTestId('clone-drop');
  const dataTransfer = await page.evaluateHandle(
    ({ b64, name }) => {
      const w = globalThis as unknown as PageWorld;
      const bytes = Uint8Array.from(w.atob(b64), (c) => c.charCodeAt(0));
      const dt = new w.DataTransfer();
      dt.items.add(new w.File([bytes], name, { type: 'audio/wav' }));
      return dt;
    },
    { b64: readFileSync(path).toString('base64'), name },
  );
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await expect(zone).toHaveClass(/is-over/);
  await zone.dispatchEvent('drop', { dataTransfer });
}

test('import by the file chooser and by drag and drop: a WAV is checked, not-audio is refused, a 1 s file cannot be cloned, a long one is cut', async () => {
  const { page, context } = await openClone();
  await page.getByTestId('clone-tab-import').click();
  await shot(page, 'clone-import-1-empty');

  // Not audio, despite its .wav name: the core's sentence is shown, and nothing moves on.
  let chooser = page.waitForEvent('filechooser');
  await page.getByTestId('clone-choose-file').click();
  await (await chooser).setFiles(files.notAudio);
  await expect(page.getByTestId('clone-import-error')).toContainText('is not an audio file');
  await expect(page.getByTestId('clone-review')).toHaveCount(0);
  await shot(page, 'clone-import-2-not-audio');

  // An espeak WAV: read by the core, checked, ready for consent.
  chooser = page.waitForEvent('filechooser');
  await page.getByTestId('clone-choose-file').click();
  await (await chooser).setFiles(files.speech);
  await expect(page.getByTestId('clone-review')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('clone-checks-summary')).toContainText('WAV · 48000 Hz · mono');
  await expect(page.getByTestId('clone-check-speech')).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('clone-waveform')).toBeVisible();
  await expect(page.getByTestId('clone-continue')).toBeEnabled();
  await shot(page, 'clone-import-3-review');

  // One second of speech, dropped on the page: an error, no override, no way forward.
  await page.getByTestId('clone-redo').click();
  await dropFile(page, files.short, 'short.wav');
  await expect(page.getByTestId('clone-checks')).toHaveAttribute('data-verdict', 'error', { timeout: 30_000 });
  await expect(page.getByTestId('clone-check-speech')).toHaveAttribute('data-level', 'error');
  await expect(page.getByTestId('clone-check-speech')).toContainText('at least 6 s');
  await expect(page.getByTestId('clone-errors-block')).toContainText('cannot be overridden');
  await expect(page.getByTestId('clone-accept-warnings')).toHaveCount(0);
  await expect(page.getByTestId('clone-continue')).toBeDisabled();
  await shot(page, 'clone-import-4-too-short');

  // Three minutes: the page sends its best 20 s and says so.
  await page.getByTestId('clone-redo').click();
  chooser = page.waitForEvent('filechooser');
  await page.getByTestId('clone-choose-file').click();
  await (await chooser).setFiles(files.long);
  await expect(page.getByTestId('clone-source-note')).toContainText('too large to send whole', { timeout: 30_000 });
  await expect(page.getByTestId('clone-source-note')).toContainText('20 s with the most speech');
  await expect(page.getByTestId('clone-check-speech')).toHaveAttribute('data-level', 'ok');
  await expect(page.getByTestId('clone-continue')).toBeEnabled();
  await shot(page, 'clone-import-5-long');
  await context.close();
});

test('a take stopped after two seconds is flagged as too short, with no override (Space records and stops; the fallback capture path)', async () => {
  // Without AudioWorklet the recorder falls back to a ScriptProcessorNode.
  const { page, context } = await openClone(() => {
    Object.defineProperty((globalThis as unknown as PageWorld).BaseAudioContext.prototype, 'audioWorklet', { get: () => undefined });
  });
  await page.getByTestId('clone-mic-on').click();
  await expect(page.getByTestId('clone-record')).toBeEnabled();
  await expect(page.getByTestId('clone-recorder')).toHaveAttribute('data-capture', 'script-processor');
  await expect(page.getByTestId('clone-recorder')).toContainText('older audio path');

  // Space is the record key here, not the studio's Play all (which would be recorded into the take).
  const before = await playback(page);
  await page.locator('body').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('clone-clock')).toHaveAttribute('data-phase', 'countin');
  await expect(page.getByTestId('clone-clock')).toHaveAttribute('data-phase', 'recording');
  await expect.poll(() => timer(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  const atStop = await timer(page);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('clone-review')).toBeVisible();
  expect((await playback(page)).streams).toBe(before.streams);
  // Space ended the take (not the 20 s limit), holding at least what the clock showed; its length
  // past that depends on the machine's load, so it is not bounded here.
  const end = Number(await page.getByTestId('clone-trim-end').inputValue());
  expect(end).toBeGreaterThanOrEqual(atStop);
  expect(end).toBeLessThan(MAX_TAKE_SEC);
  await expect(page.getByTestId('clone-checks')).toHaveAttribute('data-verdict', 'error', { timeout: 30_000 });
  await expect(page.getByTestId('clone-check-speech')).toHaveAttribute('data-level', 'error');
  await expect(page.getByTestId('clone-accept-warnings')).toHaveCount(0);
  await expect(page.getByTestId('clone-continue')).toBeDisabled();
  await shot(page, 'clone-short-take');
  // Record again goes straight back to a live microphone.
  await page.getByTestId('clone-redo').click();
  await expect(page.getByTestId('clone-record')).toBeEnabled();
  await context.close();
});

test('a warning is cloned only after the person ticks the box for it', async () => {
  const { page, context } = await openClone();
  await page.getByTestId('clone-tab-import').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('clone-choose-file').click();
  await (await chooser).setFiles(files.quiet);
  await expect(page.getByTestId('clone-checks')).toHaveAttribute('data-verdict', 'warning', { timeout: 30_000 });
  await expect(page.getByTestId('clone-check-level')).toHaveAttribute('data-level', 'warning');
  await expect(page.getByTestId('clone-check-level')).toContainText('quiet');
  await expect(page.getByTestId('clone-continue')).toBeDisabled();
  await shot(page, 'clone-warning');
  await page.getByTestId('clone-accept-warnings').check();
  await page.getByTestId('clone-continue').click();
  await page.getByTestId('clone-consent-check').check();
  await page.getByTestId('clone-consent-who').fill('Quiet Speaker');
  await page.getByTestId('clone-name').fill('Quiet Voice');
  await page.getByTestId('clone-create').click();
  await expect(page.getByTestId('clone-done-name')).toHaveText('Quiet Voice', { timeout: 60_000 });
  await context.close();
});

test('a take stops by itself at 20 seconds', async () => {
  const { page, context } = await openClone();
  await page.getByTestId('clone-mic-on').click();
  await page.getByTestId('clone-record').click();
  await expect(page.getByTestId('clone-clock')).toHaveAttribute('data-phase', 'recording');
  await expect.poll(() => timer(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
  await expect(page.getByTestId('clone-take-hint')).toContainText('stops by itself');
  // No Stop click: the review appears when the take is full.
  await expect(page.getByTestId('clone-review')).toBeVisible({ timeout: 40_000 });
  await expect(page.getByTestId('clone-source-note')).toContainText('stopped by itself at 20 s');
  await expect(page.getByTestId('clone-trim-end')).toHaveValue('20.0');
  await expect(page.getByTestId('clone-checks')).toBeVisible({ timeout: 30_000 });
  await context.close();
});

test('an overdriven microphone lights the clip lamp, which stays lit until reset', async () => {
  const hotBrowser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${files.clipped}`],
  });
  try {
    const context = await hotBrowser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('script-editor').waitFor();
    await page.getByTestId('nav-clone').click();
    const lamp = page.getByTestId('clone-clip');
    await expect(lamp).toHaveAttribute('aria-pressed', 'false');
    await page.getByTestId('clone-mic-on').click();
    await expect(lamp).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
    await expect(page.getByTestId('clone-meter')).toHaveAttribute('data-level', 'hot');
    await shot(page, 'clone-clipping');
    // Reset puts it out; the still-overdriven input lights it again (perhaps within a frame, so the
    // lamp's states are recorded on the page rather than sampled).
    await lamp.evaluate((el) => {
      const w = globalThis as unknown as PageWorld;
      w.__lamp = [];
      new w.MutationObserver(() => w.__lamp.push(el.getAttribute('aria-pressed') ?? '')).observe(el, { attributes: true, attributeFilter: ['aria-pressed'] });
    });
    await lamp.click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageWorld).__lamp.join(',')), { timeout: 15_000 }).toMatch(/^false(,true)+$/);
    await context.close();
  } finally {
    await hotBrowser.close();
  }
});

test('a refused microphone and a missing one say what to do', async () => {
  // What the browser answers when the person (or the system) says no, or there is no device at all.
  const refuse = (name: string) => {
    const w = globalThis as unknown as PageWorld;
    Object.defineProperty(w.navigator.mediaDevices, 'getUserMedia', { value: () => Promise.reject(new w.DOMException('refused', name)) });
    Object.defineProperty(w.navigator.mediaDevices, 'enumerateDevices', { value: () => Promise.resolve([]) });
  };
  const denied = await openClone(refuse, 'NotAllowedError');
  await denied.page.getByTestId('clone-mic-on').click();
  await expect(denied.page.getByTestId('clone-mic-problem')).toHaveAttribute('data-kind', 'denied');
  await expect(denied.page.getByTestId('clone-mic-problem')).toContainText('address bar');
  await expect(denied.page.getByTestId('clone-record')).toBeDisabled();
  await shot(denied.page, 'clone-mic-denied');
  await denied.context.close();

  const missing = await openClone(refuse, 'NotFoundError');
  await missing.page.getByTestId('clone-mic-on').click();
  await expect(missing.page.getByTestId('clone-mic-problem')).toHaveAttribute('data-kind', 'no-device');
  await expect(missing.page.getByTestId('clone-mic-problem')).toContainText('import a recording');
  await missing.context.close();
});

/** What the browser does when a device goes away: the track ends (stop() alone fires no event). */
function unplug(): void {
  const w = globalThis as unknown as PageWorld;
  const t = w.__e2eTracks.at(-1)!;
  t.stop();
  t.dispatchEvent(new w.Event('ended'));
}

test('a microphone unplugged while recording stops the take and keeps it', async () => {
  // Keeps the page's microphone tracks where the test can reach them; the app is unchanged.
  const { page, context } = await openClone(() => {
    const w = globalThis as unknown as PageWorld;
    const md = w.navigator.mediaDevices;
    const original = md.getUserMedia.bind(md);
    w.__e2eTracks = [];
    md.getUserMedia = async (c: unknown) => {
      const s = await original(c);
      w.__e2eTracks.push(...s.getAudioTracks());
      return s;
    };
  });
  await page.getByTestId('clone-mic-on').click();
  await page.getByTestId('clone-record').click();
  await expect(page.getByTestId('clone-clock')).toHaveAttribute('data-phase', 'recording');
  await expect.poll(() => timer(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(7);
  await page.evaluate(unplug);
  await expect(page.getByTestId('clone-review')).toBeVisible();
  await expect(page.getByTestId('clone-source-note')).toContainText('disconnected');
  await expect(page.getByTestId('clone-source-note')).toContainText('is kept');
  const end = Number(await page.getByTestId('clone-trim-end').inputValue());
  expect(end).toBeGreaterThanOrEqual(7);
  await expect(page.getByTestId('clone-checks')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'clone-unplugged');

  // Unplugged while only listening: the meter stops and the page says what happened.
  await page.getByTestId('clone-redo').click();
  await expect(page.getByTestId('clone-record')).toBeEnabled();
  await page.evaluate(unplug);
  await expect(page.getByTestId('clone-mic-notice')).toContainText('was disconnected');
  await expect(page.getByTestId('clone-mic-on')).toBeVisible();
  await expect(page.getByTestId('clone-record')).toBeDisabled();
  await shot(page, 'clone-unplugged-idle');
  await context.close();
});

test('without the cloning model, Clone says so, links to Models, and stores nothing', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-clone-nomodel-'));
  const bare = await startServe(dataDir, [], { KOE_MODELS_DIR: join(dataDir, 'no-models') });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(bare.url);
    await page.getByTestId('script-editor').waitFor();
    await page.getByTestId('nav-voices').click();
    await page.getByTestId('voices-clone-open').click();
    // Said up front, before anything is recorded: what cloning still needs, its size, and a way to get it.
    await expect(page.getByTestId('clone-needs-model')).toContainText(/Pocket TTS model \((about )?\d/);
    await expect(page.getByTestId('clone-get-model')).toBeVisible();
    await shot(page, 'clone-needs-model');
    await page.getByTestId('clone-tab-import').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('clone-choose-file').click();
    await (await chooser).setFiles(files.speech);
    await page.getByTestId('clone-continue').click();
    await page.getByTestId('clone-consent-check').check();
    await page.getByTestId('clone-consent-who').fill('Test Speaker');
    await page.getByTestId('clone-name').fill('Nowhere Voice');
    await page.getByTestId('clone-create').click();
    await expect(page.getByTestId('clone-create-error')).toContainText('Download Pocket TTS in Models');
    await expect(page.getByTestId('clone-list-empty')).toBeVisible();
    await shot(page, 'clone-no-model');
    await page.getByRole('button', { name: 'Open Models' }).click();
    await expect(page.getByTestId('nav-models')).toHaveAttribute('aria-current', 'page');
  } finally {
    await context.close();
    bare.proc.kill('SIGTERM');
    await new Promise((r) => bare.proc.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
