// Speed of the Japanese and Mandarin text paths, for `npm run bench`: how long the analyzers take
// to load (once per thread), a sentence after that (target ≤ 5 ms median, as for the other G2P
// paths: it sits in front of the first audio), how long the main thread stalls on the first
// request when the analyzers load in the reader thread versus in place, and the polyphone
// comparison behind the choice of Mandarin reader (pinyin-pro over a whole run vs per jieba word).
import { existsSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { POLYPHONES } from '../test-support/text/polyphones-zh';
import { cjkAnalyzersInThread } from '../src-main/text/g2p/cjk-thread';
import { kuromojiAnalyzer } from '../src-main/text/g2p/japanese/analyzer';
import { JapaneseG2P } from '../src-main/text/g2p/japanese/japanese';
import { MandarinG2P } from '../src-main/text/g2p/mandarin/mandarin';
import { jiebaPinyinSegmenter } from '../src-main/text/g2p/mandarin/segmenter';

export interface CjkBenchRow {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass?: boolean | null;
}

const JA_SENTENCES: readonly string[] = [
  '今日はとても良い天気ですね。',
  '東京駅から新幹線に乗って大阪へ行きました。',
  '私は毎朝コーヒーを飲みながら新聞を読みます。',
  'このアプリを使えば、誰でも簡単に音声を作ることができます。',
  '彼女は図書館で三時間も勉強していた。',
  '明日の会議は午後二時から始まる予定です。',
  '子供たちは公園で元気に遊んでいます。',
  '日本の伝統的な料理を食べてみたいと思っています。',
];

const ZH_SENTENCES: readonly string[] = [
  '今天天气很好，我们一起去公园散步吧。',
  '我去银行取钱，然后回家吃饭。',
  '这个应用可以让任何人轻松地制作语音。',
  '他在北京大学学习中国历史已经三年了。',
  '请把门关好，外面的风很大。',
  '明天下午两点我们在会议室开会。',
  '孩子们在操场上快乐地玩耍。',
  '这本书讲述了一个古老而美丽的传说。',
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

async function perSentence(read: (s: string) => Promise<unknown>, sentences: readonly string[]): Promise<number> {
  for (let i = 0; i < 5; i++) for (const s of sentences) await read(s);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    for (const s of sentences) {
      const t0 = performance.now();
      await read(s);
      times.push(performance.now() - t0);
    }
  }
  return median(times);
}

/** The longest the event loop went without a turn while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(tick);
  }
  return Math.max(worst, performance.now() - last);
}

function polyphoneScore(read: (sentence: string) => string[]): number {
  let right = 0;
  for (const [sentence, word, reading] of POLYPHONES) {
    const at = [...sentence.slice(0, sentence.indexOf(word))].length;
    const got = read(sentence).slice(at, at + [...word].length).map((s) => s.replace(/0$/, '5')).join(' ');
    if (got === reading) right++;
  }
  return right;
}

export async function benchG2PCjk(): Promise<CjkBenchRow[]> {
  const rows: CjkBenchRow[] = [];
  const textWorker = 'out/main/text-worker.js';
  if (existsSync(textWorker)) {
    // First, while nothing is loaded in this thread: the stall a server would see.
    const thread = cjkAnalyzersInThread(new URL(`../${textWorker}`, import.meta.url));
    const viaThread = await longestStall(() => new JapaneseG2P(thread.japanese, null).phonemize('東京'));
    rows.push({ name: 'G2P ja: longest main-thread stall, first request, reader thread', value: round(viaThread, 0), unit: 'ms', target: '≤ 100', pass: viaThread <= 100 });
  }
  const ja = kuromojiAnalyzer();
  let t0 = performance.now();
  const inPlace = await longestStall(() => ja.load());
  rows.push({ name: 'G2P ja: kuromoji + IPADIC load (in place)', value: round(performance.now() - t0, 0), unit: 'ms', target: 'info (once per thread)', pass: null });
  rows.push({ name: 'G2P ja: longest stall of the loading thread (why it is threaded)', value: round(inPlace, 0), unit: 'ms', target: 'info', pass: null });
  const jaG2P = new JapaneseG2P(ja, null);
  const jaMs = await perSentence((s) => jaG2P.phonemize(s), JA_SENTENCES);
  rows.push({ name: 'G2P ja: sentence after load (median)', value: round(jaMs), unit: 'ms', target: '≤ 5', pass: jaMs <= 5 });

  const zh = jiebaPinyinSegmenter();
  t0 = performance.now();
  await zh.load();
  rows.push({ name: 'G2P zh: jieba + pinyin-pro load', value: round(performance.now() - t0, 0), unit: 'ms', target: 'info (once per thread)', pass: null });
  const zhG2P = new MandarinG2P(zh, null);
  const zhMs = await perSentence((s) => zhG2P.phonemize(s), ZH_SENTENCES);
  rows.push({ name: 'G2P zh: sentence after load (median)', value: round(zhMs), unit: 'ms', target: '≤ 5', pass: zhMs <= 5 });

  // The choice of reader: pinyin-pro over the whole sentence (what the G2P does) against
  // pinyin-pro word by word after jieba's cut.
  const whole = polyphoneScore((s) => pinyin(s, { toneType: 'num', type: 'array', toneSandhi: false }));
  const { Jieba } = await import('@node-rs/jieba');
  const { dict } = await import('@node-rs/jieba/dict.js');
  const jieba = Jieba.withDict(dict);
  const perWord = polyphoneScore((s) => jieba.cut(s, true).flatMap((w) => pinyin(w, { toneType: 'num', type: 'array', toneSandhi: false })));
  rows.push({ name: `G2P zh polyphones right, pinyin-pro over the sentence (of ${POLYPHONES.length})`, value: whole, unit: 'words', target: 'info', pass: null });
  rows.push({ name: `G2P zh polyphones right, pinyin-pro per jieba word (of ${POLYPHONES.length})`, value: perWord, unit: 'words', target: 'info', pass: null });
  return rows;
}
