// Book-scale benchmarks in Chromium against the server face: a generated 1 MB, three-speaker script
// with chapters (open to an editable page, keystroke to painted while typing in the middle, a 1 MB
// paste until typing is possible again) and a 10,000-line timeline (open, zoom to fit, scroll).
//
// Keystroke to painted: from the keydown's timestamp to a task posted from the next animation frame
// (it runs after that frame's style, layout and paint). Headless Chromium paces frames at 60 Hz, so
// that span includes up to 16.7 ms of waiting for the next frame that no page can shorten; the target
// is therefore checked on the editor's own work per key (its input handling, then its frame), and
// the span with the wait is reported beside it, both with a bare <textarea> as the floor. The store
// follows the editor after a pause in typing for long scripts; the work it then does (parse, the
// panels) is reported on its own, as the longest task seen after the pause, since a key pressed
// during it waits for it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/harness';
import { connectRpc } from '../e2e/rpc-client';
import { sceneScript, startServe, type BenchRow } from './serve';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number) => Math.round(x * 10) / 10;

/** About 1 MB: three speakers in turn, a `## Chapter` every 300 lines, a pause or direction now and then. */
export function bookScript(bytes = 1_000_000): string {
  const who = ['Anna', 'Ben', 'Narrator'];
  const rows: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    if (i % 300 === 0) rows.push(`## Chapter ${i / 300 + 1}`);
    const extra = i % 7 === 0 ? ' [pause 400ms] And then, after a breath, more.' : i % 11 === 0 ? ' (quietly) Nobody heard it.' : '';
    const row = `${who[i % 3]}: Line ${i + 1}, a sentence long enough to be realistic for a novel read aloud.${extra}`;
    rows.push(row);
    size += row.length + 1;
  }
  return rows.join('\n');
}

// Page code as text (this file is type-checked for Node, without the DOM's types).
// Per key, besides key to painted: the editor's own work, which is the key's input handling (to after
// the microtasks that follow the input event, where the editor reads the change) plus its frame, from
// the animation callback to after paint. The time between the two is the wait for the display's next
// frame. A key with no input event counts that wait as work.
const RECORD_KEYS = `(() => {
  const rec = (window.__keys = { lat: [], work: [], longTasks: [] });
  let inputEnd = 0;
  addEventListener('input', () => queueMicrotask(() => { inputEnd = performance.now(); }));
  addEventListener('keydown', (e) => {
    const t0 = e.timeStamp;
    inputEnd = 0;
    requestAnimationFrame(() => {
      const frame = performance.now();
      const handled = inputEnd && inputEnd < frame ? inputEnd : frame;
      setTimeout(() => {
        const end = performance.now();
        rec.lat.push(end - t0);
        rec.work.push(handled - t0 + (end - frame));
      }, 0);
    });
  }, { capture: true });
  try { new PerformanceObserver((l) => { for (const e of l.getEntries()) rec.longTasks.push(e.duration); }).observe({ type: 'longtask' }); } catch {}
})()`;

// Installed once per page: a second copy would add its own per-key work to what is measured.
const RESET_KEYS = 'window.__keys.lat = []; window.__keys.work = []; window.__keys.longTasks = []';

/**
 * Runs in the page before its own scripts, each frame until both are seen: the editor holding all
 * `lines` lines (editable), then the line list's count filled in (the worker's parse is back).
 * Each moment goes out as a console message with the page's clock (from navigation start).
 */
function OPEN_PROBE(lines: number): void {
  const g = globalThis as unknown as {
    __koeEditor?: { lineCount(): number };
    document: { querySelector(s: string): { textContent: string | null } | null };
    requestAnimationFrame(f: () => void): void;
    performance: { now(): number };
  };
  let editable = false;
  const tick = (): void => {
    if (!editable && g.__koeEditor?.lineCount() === lines && g.document.querySelector('[data-testid="script-editor"]')) {
      editable = true;
      console.log('koe-bench:editable', g.performance.now());
    }
    if (editable && /^\d+$/.test(g.document.querySelector('#lines-heading .count')?.textContent ?? '')) {
      console.log('koe-bench:filled', g.performance.now());
      return;
    }
    g.requestAnimationFrame(tick);
  };
  g.requestAnimationFrame(tick);
}

/** The moments OPEN_PROBE reports, as they arrive. */
function pageMarks(page: Page): { wait(name: string, timeoutMs?: number): Promise<number>; clear(): void } {
  const seen = new Map<string, number>();
  page.on('console', (m) => {
    const [tag, at] = m.text().split(' ');
    if (tag?.startsWith('koe-bench:') && !seen.has(tag.slice(10))) seen.set(tag.slice(10), Number(at));
  });
  return {
    clear: () => seen.clear(),
    async wait(name, timeoutMs = 60_000) {
      for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
        const at = seen.get(name);
        if (at !== undefined) return at;
      }
      throw new Error(`editor bench: the page never reported '${name}'`);
    },
  };
}

const PASTE = `(async (text) => {
  const el = document.querySelector('[data-testid="script-editor"]');
  const dt = new DataTransfer();
  dt.setData('text/plain', text);
  const t0 = performance.now();
  el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
})`;

const CLICK_AND_PAINT = `((testId) => new Promise((resolve) => {
  const t0 = performance.now();
  document.querySelector('[data-testid="' + testId + '"]').click();
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
}))`;

/**
 * Scrolls the lanes a step each frame. Per frame, the work from its scroll event (which runs first in
 * the frame) to after its paint and the tasks queued before it (React's render of newly visible
 * clips is one): a task posted from the frame's animation callback, then one more hop.
 */
const SCROLL = `(async (frames) => {
  const el = document.querySelector('[data-testid="tl-scroller"]');
  const work = [];
  let longTasks = 0;
  let obs = null;
  try { obs = new PerformanceObserver((l) => (longTasks += l.getEntries().length)); obs.observe({ type: 'longtask' }); } catch {}
  const step = Math.max(40, Math.min(600, (el.scrollWidth - el.clientWidth) / frames));
  let t0 = null;
  const onScroll = () => {
    if (t0 !== null) return;
    t0 = performance.now();
    requestAnimationFrame(() => setTimeout(() => setTimeout(() => { work.push(performance.now() - t0); t0 = null; }, 0), 0));
  };
  el.addEventListener('scroll', onScroll, { passive: true });
  for (let i = 0; i < frames; i++) {
    el.scrollLeft += step;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(() => setTimeout(r, 0), 0)));
  }
  el.removeEventListener('scroll', onScroll);
  obs && obs.disconnect();
  return { work, longTasks };
})`;

const TYPED = ' and then the storm came over the hills and the lights went out at once'.repeat(2).slice(0, 120);

type Keys = { lat: number[]; work: number[]; longTasks: number[] };

async function bareTextareaLatency(browser: Browser, keys: string, delayMs: number): Promise<Keys> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  try {
    await page.setContent('<textarea style="width: 800px; height: 600px"></textarea>');
    await page.focus('textarea');
    await page.evaluate(RECORD_KEYS);
    await page.keyboard.type(keys, { delay: delayMs });
    await page.waitForTimeout(100);
    return (await page.evaluate('window.__keys')) as Keys;
  } finally {
    await page.close();
  }
}

async function typeInMiddle(page: Page, keys: string, delayMs: number): Promise<void> {
  await page.evaluate(() => {
    const hook = (globalThis as unknown as { __koeEditor: { text(): string; setCaret(n: number): void } }).__koeEditor;
    const t = hook.text();
    hook.setCaret(t.indexOf('\n', Math.floor(t.length / 2)));
  });
  await page.keyboard.type(keys, { delay: delayMs });
  // Keys that missed the editor (focus elsewhere) would be measured as fast while typing nothing.
  const landed = await page.evaluate((k) => (globalThis as unknown as { __koeEditor: { text(): string } }).__koeEditor.text().includes(k), keys);
  if (!landed) throw new Error('editor bench: the typed keys did not reach the editor');
}

export async function benchEditorBook(): Promise<BenchRow[]> {
  if (!existsSync('out/main/cli.js') || !existsSync(CHROMIUM)) return [];
  const dataDir = mkdtempSync(join(tmpdir(), 'koe-bench-book-'));
  const s = await startServe(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const rows: BenchRow[] = [];
  const push = (row: BenchRow) => {
    rows.push(row);
    if (process.env.KOE_BENCH_VERBOSE) process.stderr.write(`${row.name}: ${row.value} ${row.unit}\n`);
  };
  try {
    const u = new URL(s.url);
    const rpc = await connectRpc(u.origin, u.searchParams.get('token')!);
    const book = bookScript();
    const lines = book.split('\n').length;
    await rpc.call('projects.create', { name: 'Timeline 10k', script: sceneScript(10_000, 'the long book, said plainly.') });
    // Created last, so the studio opens it first.
    await rpc.call('projects.create', { name: 'Book bench', script: book });
    rpc.close();

    // Open: navigation start to the editor holding the whole text and taking keys. The page notes
    // the moments itself (OPEN_PROBE): Playwright's waitForFunction would inject its own script,
    // about 0.5 MB, into the page while it loads and time its parse with the studio's.
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const marks = pageMarks(page);
    await page.addInitScript(OPEN_PROBE, lines);
    await page.goto(s.url);
    const openMs = await marks.wait('editable');
    push({ name: `1 MB script (${lines.toLocaleString('en')} lines, 3 speakers): open to editable`, value: Math.round(openMs), unit: 'ms', target: '≤ 1500', pass: openMs <= 1500 });
    // The panels fill in once the worker's parse of the opened text is back.
    const filledMs = await marks.wait('filled');
    push({ name: '1 MB script: open to the panels filled in (lines, speakers, chapters)', value: Math.round(filledMs), unit: 'ms', target: 'info', pass: null });
    await page.waitForTimeout(1000);

    // Opened again, and typed in at once: the panels must not draw themselves under these keys.
    marks.clear();
    await page.reload();
    await marks.wait('editable');
    await page.evaluate(RECORD_KEYS);
    await page.evaluate(() => (globalThis as unknown as { __koeEditor: { setCaret(n: number): void } }).__koeEditor.setCaret(0));
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('x');
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(200);
    const early = (await page.evaluate('window.__keys')) as Keys;
    push({ name: `1 MB script: keystroke to painted right after open, with the frame wait (worst of ${early.lat.length})`, value: round(Math.max(...early.lat)), unit: 'ms', target: 'info', pass: null });
    await page.waitForTimeout(1500);

    // Typing in the middle: 120 keys at 25 ms (a fast typist, never pausing long enough to sync)…
    await page.evaluate(RESET_KEYS);
    await typeInMiddle(page, TYPED, 25);
    await page.waitForTimeout(100);
    const typed = (await page.evaluate('window.__keys')) as Keys;
    // The target is on the editor's own work per key: the key's input task, then its frame from the
    // animation callback to after paint. The wait in between, for the display's next frame, is not the
    // editor's: headless Chromium paces frames at 60 Hz whatever the flags, so a bare <textarea> alone
    // reads 16–19 ms at p95 from key to painted. That figure, with the same measure on a bare
    // textarea in the same browser, is reported beside it.
    const workP95 = pct(typed.work, 0.95);
    push({ name: `1 MB script: keystroke to painted, the editor's work, typing in the middle (p95 of ${typed.work.length})`, value: round(workP95), unit: 'ms', target: '≤ 16', pass: workP95 <= 16 });
    push({ name: "1 MB script: keystroke to painted, the editor's work (median)", value: round(pct(typed.work, 0.5)), unit: 'ms', target: 'info', pass: null });
    push({ name: '1 MB script: keystroke to painted, with the wait for the 60 Hz frame (p95)', value: round(pct(typed.lat, 0.95)), unit: 'ms', target: 'info', pass: null });
    const floor = await bareTextareaLatency(browser, TYPED, 25);
    push({ name: `floor: bare textarea, the same keys: work (p95 of ${floor.work.length})`, value: round(pct(floor.work, 0.95)), unit: 'ms', target: 'info', pass: null });
    push({ name: 'floor: bare textarea, with the wait for the 60 Hz frame (p95)', value: round(pct(floor.lat, 0.95)), unit: 'ms', target: 'info', pass: null });
    // …then a pause, after which the store, the line list and the speakers catch up in one go.
    await page.evaluate('window.__keys.longTasks = []');
    await page.waitForTimeout(1500);
    const sync = (await page.evaluate('window.__keys.longTasks')) as number[];
    push({ name: '1 MB script: catch-up after a pause in typing (longest task)', value: round(Math.max(0, ...sync)), unit: 'ms', target: 'info', pass: null });

    // Paste 1 MB over everything, then press a key: until that key is painted.
    await page.getByTestId('script-editor').click();
    await page.keyboard.press('ControlOrMeta+a');
    const other = bookScript(1_000_000).replace(/Line /g, 'Row ');
    const t0 = Date.now();
    const pasteMs = (await page.evaluate(`${PASTE}(${JSON.stringify(other)})`)) as number;
    await page.evaluate(RESET_KEYS);
    await page.keyboard.press('x');
    await page.waitForFunction(() => ((globalThis as unknown as { __keys: { lat: number[] } }).__keys.lat.length > 0), undefined, { polling: 'raf' });
    const pasteToTypeMs = Date.now() - t0;
    push({ name: '1 MB paste: until typing is possible again (paste, then a key painted)', value: Math.round(pasteToTypeMs), unit: 'ms', target: '≤ 1000', pass: pasteToTypeMs <= 1000 });
    push({ name: '1 MB paste: the paste itself, to painted', value: round(pasteMs), unit: 'ms', target: 'info', pass: null });
    await page.waitForTimeout(1500);

    // The 10,000-line timeline: open (click to clips drawn), zoom to fit, scroll.
    await page.getByTestId('project-list').getByRole('button', { name: /^Timeline 10k/ }).click();
    await page.waitForFunction((n) => (globalThis as unknown as { __koeEditor?: { lineCount(): number } }).__koeEditor?.lineCount() === n, 10_000, { polling: 'raf' });
    const tOpen = Date.now();
    await page.getByTestId('nav-timeline').click();
    await page.locator('.tl-clip').first().waitFor();
    await page.getByTestId('tl-overview').waitFor();
    const timelineOpenMs = Date.now() - tOpen;
    push({ name: '10,000-line timeline: open (click to clips and overview drawn)', value: timelineOpenMs, unit: 'ms', target: '≤ 2000', pass: timelineOpenMs <= 2000 });
    const fits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('zoom-in').click();
      await page.waitForTimeout(200);
      fits.push((await page.evaluate(`${CLICK_AND_PAINT}('zoom-fit')`)) as number);
      await page.waitForTimeout(200);
    }
    const fit = Math.max(...fits);
    push({ name: `10,000-line timeline: zoom to fit, click to painted (worst of ${fits.length})`, value: round(fit), unit: 'ms', target: '≤ 100', pass: fit <= 100 });
    // Scroll at the default zoom, where only a few screens of clips are drawn at a time.
    for (let i = 0; i < 10; i++) await page.getByTestId('zoom-in').click();
    await page.waitForTimeout(300);
    const scrolled = (await page.evaluate(`${SCROLL}(240)`)) as { work: number[]; longTasks: number };
    const scrollP95 = pct(scrolled.work, 0.95);
    push({ name: `10,000-line timeline: scroll frame work (p95 of ${scrolled.work.length})`, value: round(scrollP95), unit: 'ms', target: '≤ 16', pass: scrollP95 <= 16 });
    push({ name: '10,000-line timeline: long tasks (> 50 ms) while scrolling', value: scrolled.longTasks, unit: '', target: 'info', pass: null });
    return rows;
  } finally {
    await browser.close();
    await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `KOE_BENCH_ONLY=book npx vite-node bench/editor-book.ts` runs this one alone (vite-node hides the
// script's path from process.argv).
if (process.env.KOE_BENCH_ONLY === 'book') {
  for (const r of await benchEditorBook()) process.stdout.write(`${r.pass === true ? 'ok ' : r.pass === false ? 'MISS' : '   '}  ${r.name.padEnd(78)} ${String(r.value).padStart(8)} ${r.unit.padEnd(4)} target ${r.target}\n`);
}
