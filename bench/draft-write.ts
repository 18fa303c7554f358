// The draft an autosave writes to localStorage before each save of a 1 MB script, in Chromium with
// the studio's own drafts module (bundled for the page): the head, written whole (what every
// autosave wrote before drafts became a journal, and what a compaction writes now), against one
// autosave's journal entries (the splice of a key typed in the middle, then the "saved" mark).
// Both in one page and one run, so a loaded machine slows them alike.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/harness';
import { bookScript } from './editor-book';
import type { BenchRow } from './serve';

async function draftsModule(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: 'src-renderer/src/project/drafts.ts', formats: ['iife'], name: 'KoeDrafts', fileName: 'drafts' } },
  });
  const first = (Array.isArray(out) ? out[0]! : out) as { output: { code?: string }[] };
  return first.output[0]!.code!;
}

// Page code as text: this file is type-checked for Node, without the DOM's types.
const MEASURE = `((args) => {
  const D = window.KoeDrafts;
  const snap = (script) => ({ name: 'Book', script, speakers: [{ name: 'Anna', voiceId: null }, { name: 'Ben', voiceId: null }, { name: 'Narrator', voiceId: null }] });
  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  let text = args.book;
  const whole = [];
  for (let i = 0; i < args.wholeRuns; i++) {
    D.forgetDraftWriters();
    text = text.slice(0, 500000) + 'w' + text.slice(500000);
    const t0 = performance.now();
    D.writeDraft('bench', snap(text), i);
    whole.push(performance.now() - t0);
    D.clearDraft('bench');
  }
  D.forgetDraftWriters();
  D.writeDraft('bench', snap(text), 0);
  const journal = [];
  let heads = 0;
  for (let i = 0; i < args.saves; i++) {
    text = text.slice(0, 500001 + i) + 'k' + text.slice(500001 + i);
    const before = localStorage.getItem('koe.draft.bench.gen');
    const t0 = performance.now();
    D.writeDraft('bench', snap(text), i);
    D.settleDraft('bench', snap(text), i + 1);
    journal.push(performance.now() - t0);
    if (localStorage.getItem('koe.draft.bench.gen') !== before) heads++;
  }
  D.forgetDraftWriters();
  const t0 = performance.now();
  const read = D.readDraft('bench');
  const readMs = performance.now() - t0;
  D.clearDraft('bench');
  return { whole: pct(whole, 0.5), journal50: pct(journal, 0.5), journal95: pct(journal, 0.95), heads, readMs, settled: read === null };
})`;

export async function benchDraftWrite(): Promise<BenchRow[]> {
  if (!existsSync(CHROMIUM)) return [];
  const code = await draftsModule();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // A real origin, so the page has localStorage.
    await page.route('http://bench.koe/**', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>drafts</title>' }));
    await page.goto('http://bench.koe/');
    await page.addScriptTag({ content: code });
    const saves = 200;
    const m = (await page.evaluate(`${MEASURE}(${JSON.stringify({ book: bookScript(), wholeRuns: 15, saves })})`)) as { whole: number; journal50: number; journal95: number; heads: number; readMs: number; settled: boolean };
    if (!m.settled) throw new Error('draft bench: a settled draft still reads as unsaved text');
    const r = (x: number) => Math.round(x * 100) / 100;
    return [
      { name: '1 MB script: draft written whole (every autosave before the journal; a compaction now), median', value: r(m.whole), unit: 'ms', target: 'info', pass: null },
      { name: `1 MB script: draft per autosave now, journal entries (median of ${saves})`, value: r(m.journal50), unit: 'ms', target: '≤ 2', pass: m.journal50 <= 2 },
      { name: `1 MB script: draft per autosave now (p95 of ${saves}; ${m.heads} compactions)`, value: r(m.journal95), unit: 'ms', target: 'info', pass: null },
      { name: '1 MB script: reading the draft back on open (the head, then its journal)', value: r(m.readMs), unit: 'ms', target: 'info', pass: null },
    ];
  } finally {
    await browser.close();
  }
}

// `KOE_BENCH_ONLY=drafts npx vite-node bench/draft-write.ts` runs this one alone.
if (process.env.KOE_BENCH_ONLY === 'drafts') {
  for (const r of await benchDraftWrite()) process.stdout.write(`${r.pass === true ? 'ok ' : r.pass === false ? 'MISS' : '   '}  ${r.name.padEnd(92)} ${String(r.value).padStart(8)} ${r.unit.padEnd(4)} target ${r.target}\n`);
}
