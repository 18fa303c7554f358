// SSML (W3C Speech Synthesis Markup Language 1.1) → a Koe script. People bring SSML from cloud TTS
// consoles; what it says maps onto the script and its inline markup: <voice name> becomes a speaker
// tag, <p> a paragraph, <break> a [pause], <prosody rate> a [rate], <emphasis> *stars*, <phoneme>
// misaki's [word](/ipa/), <sub> its alias, <say-as> the written form the normalizer reads the way
// asked. Whatever has no place in a script is listed in the notices with its line, never dropped
// silently. saxes parses: a strict, streaming XML parser that reports where a file stops being
// well-formed (htmlparser2, already here for EPUB, forgives broken XML, which would hide mistakes).
import { SaxesParser, type SaxesTag } from 'saxes';
import { KoeError } from '../contract/errors';
import { looksLikeSsml } from '../script/ssml-sniff';

export { looksLikeSsml };

export interface SsmlScript {
  script: string;
  /** What was approximated or left out, each naming the element and its line. */
  notices: string[];
}

const STRENGTH_MS: Readonly<Record<string, number>> = { none: 0, 'x-weak': 100, weak: 250, medium: 500, strong: 800, 'x-strong': 1200 };
const RATE_WORDS: Readonly<Record<string, number>> = { 'x-slow': 0.6, slow: 0.8, medium: 1, default: 1, fast: 1.25, 'x-fast': 1.5 };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Elements that only carry information about the document: reported once each, content kept. */
const KEPT_WITH_NOTICE = new Set(['lang', 'audio', 'desc', 'token', 'w']);
const SILENT_IGNORED = new Set(['meta', 'metadata', 'lexicon', 'mark']);

interface Frame {
  name: string;
  attrs: Record<string, string>;
  line: number;
  /** Text gathered inside elements whose output is decided at their end (say-as, phoneme, sub, emphasis). */
  text: string;
}

function ordinalSuffix(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

function parseRate(value: string): number | null {
  const v = value.trim().toLowerCase();
  if (v in RATE_WORDS) return RATE_WORDS[v]!;
  const pct = /^([+-]?\d+(?:\.\d+)?)%$/.exec(v);
  if (pct) return v.startsWith('+') || v.startsWith('-') ? 1 + Number(pct[1]) / 100 : Number(pct[1]) / 100;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function breakMs(attrs: Record<string, string>): number | null {
  const time = attrs.time?.trim().toLowerCase();
  if (time) {
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s)$/.exec(time);
    return m ? Math.round(Number(m[1]) * (m[2] === 's' ? 1000 : 1)) : null;
  }
  return STRENGTH_MS[(attrs.strength ?? 'medium').trim().toLowerCase()] ?? null;
}

/** <say-as>: the written form that the text front end reads the way the element asks. */
function sayAs(text: string, attrs: Record<string, string>): string | null {
  const how = (attrs['interpret-as'] ?? '').toLowerCase();
  const t = text.trim();
  switch (how) {
    case 'cardinal':
    case 'number':
      return t.replace(/,/g, '');
    case 'ordinal': {
      const n = Number(t.replace(/,/g, ''));
      return Number.isInteger(n) ? `${n}${ordinalSuffix(n)}` : null;
    }
    case 'characters':
    case 'spell-out':
    case 'verbatim':
      return [...t.replace(/\s+/g, '')].map((c) => c.toUpperCase()).join(' ');
    case 'digits':
      return [...t.replace(/\D/g, '')].join(' ');
    case 'telephone':
      return `${t.startsWith('+') ? 'plus ' : ''}${(t.match(/\d+/g) ?? []).map((g) => [...g].join(' ')).join(', ')}`;
    case 'date':
      return sayDate(t, (attrs.format ?? 'ymd').toLowerCase());
    case 'time':
      return t;
    default:
      return null;
  }
}

function sayDate(t: string, format: string): string | null {
  const parts = t.split(/[-/.\s]+/).filter(Boolean).map(Number);
  if (parts.some((x) => !Number.isInteger(x)) || parts.length !== format.length) return null;
  const get = (c: string): number | undefined => parts[format.indexOf(c)];
  const y = get('y');
  const m = get('m');
  const d = get('d');
  const month = m !== undefined ? MONTHS[m - 1] : undefined;
  if (m !== undefined && !month) return null;
  if (d !== undefined && (d < 1 || d > 31)) return null;
  if (month && d !== undefined) return y !== undefined ? `${month} ${d}, ${y}` : `${month} ${d}`;
  if (month) return y !== undefined ? `${month} ${y}` : month;
  return y !== undefined ? String(y) : null;
}

/** A voice name as a script speaker: letters first, at most three words and 40 characters. */
function speakerName(name: string): string | null {
  const clean = name.replace(/[^\p{L}\p{M}\p{N} .'_-]+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!clean || !/^\p{L}/u.test(clean) || clean.length > 40 || clean.split(' ').length > 3) return null;
  return clean;
}

export function ssmlToScript(xml: string, fileName: string): SsmlScript {
  const notices: string[] = [];
  const noticed = new Set<string>();
  const notice = (key: string, text: string): void => {
    if (noticed.has(key)) return;
    noticed.add(key);
    notices.push(text);
  };
  const lines: { speaker: string | null; text: string }[] = [];
  const speakers: (string | null)[] = [null];
  const stack: Frame[] = [];
  let line = '';
  let rootSeen = false;

  const emit = (s: string): void => {
    // Inside an element whose output waits for its end, text is gathered there.
    const holder = [...stack].reverse().find((f) => f.name === 'say-as' || f.name === 'phoneme' || f.name === 'sub' || f.name === 'emphasis');
    if (holder) holder.text += s;
    else line += s;
  };
  const flush = (): void => {
    // Elements are padded with spaces so words never glue; none belongs before punctuation.
    const text = line.replace(/\s+/g, ' ').replace(/ (?=[,.;:!?](?:\s|$))/g, '').trim();
    if (text) lines.push({ speaker: speakers.at(-1) ?? null, text });
    line = '';
  };
  const paragraph = (): void => {
    flush();
    if (lines.length && lines.at(-1)!.text !== '') lines.push({ speaker: null, text: '' });
  };

  const parser = new SaxesParser({ position: true });
  parser.on('opentag', (tag: SaxesTag) => {
    const name = tag.name.replace(/^.*:/, '');
    // Without the xmlns option saxes gives plain string attributes.
    const attrs = tag.attributes as Record<string, string>;
    const at = parser.line;
    if (!rootSeen) {
      rootSeen = true;
      if (name !== 'speak') throw new KoeError('invalid_args', `${fileName} is XML but not SSML: its root element is <${tag.name}>, not <speak>. Nothing was imported.`);
    }
    stack.push({ name, attrs, line: at, text: '' });
    switch (name) {
      case 'speak':
      case 's':
      case 'sub':
      case 'say-as':
      case 'phoneme':
        break;
      case 'p':
        paragraph();
        break;
      case 'break': {
        const ms = breakMs(attrs);
        if (ms === null) notice(`break@${at}`, `<break> on line ${at} has a time Koe Studio cannot read (“${attrs.time}”); a pause of 500 ms was used.`);
        if (ms !== 0) emit(` [pause ${ms ?? 500}ms] `);
        break;
      }
      case 'prosody': {
        if (attrs.rate !== undefined) {
          const rate = parseRate(attrs.rate);
          if (rate === null) notice(`rate@${at}`, `<prosody rate="${attrs.rate}"> on line ${at} is not a rate Koe Studio can read; the words are kept at the normal rate.`);
          else {
            const clamped = Math.min(2, Math.max(0.5, Math.round(rate * 100) / 100));
            if (clamped !== rate) notice(`rateclamp@${at}`, `<prosody rate="${attrs.rate}"> on line ${at} is outside 0.5–2×; ${clamped}× was used.`);
            emit(` [rate ${clamped}]`);
          }
        }
        for (const a of ['pitch', 'volume', 'contour', 'range', 'duration']) {
          if (attrs[a] !== undefined) notice(`${a}@${at}`, `<prosody ${a}="${attrs[a]}"> on line ${at} has no equivalent in a Koe script (pitch is set per line in the studio); the words are kept.`);
        }
        break;
      }
      case 'emphasis':
        break;
      case 'voice': {
        const speaker = speakerName(attrs.name ?? '');
        if (!speaker) notice(`voice@${at}`, `<voice> on line ${at} has no usable name (“${attrs.name ?? ''}”); its words stay with the speaker before it.`);
        flush();
        speakers.push(speaker ?? speakers.at(-1) ?? null);
        break;
      }
      default:
        if (SILENT_IGNORED.has(name)) notice(`el:${name}`, `<${tag.name}> (first on line ${at}) is not spoken and has no place in a script; it was left out.`);
        else if (KEPT_WITH_NOTICE.has(name)) notice(`el:${name}`, `<${tag.name}> (first on line ${at}) is not supported; its text was kept as ordinary words.`);
        else notice(`el:${name}`, `<${tag.name}> (first on line ${at}) is not an SSML element Koe Studio knows; its text was kept as ordinary words.`);
    }
  });
  parser.on('text', (t: string) => {
    const top = stack.at(-1);
    if (!top || SILENT_IGNORED.has(top.name)) return;
    emit(t);
  });
  parser.on('closetag', (tag: SaxesTag) => {
    const f = stack.pop()!;
    const name = f.name;
    const inner = f.text.replace(/\s+/g, ' ').trim();
    switch (name) {
      case 'p':
        paragraph();
        break;
      case 's':
        emit(' ');
        break;
      case 'prosody':
        if (f.attrs.rate !== undefined && parseRate(f.attrs.rate) !== null) emit('[/rate] ');
        break;
      case 'emphasis':
        if ((f.attrs.level ?? 'moderate') === 'reduced' || f.attrs.level === 'none') {
          notice(`reduced@${f.line}`, `<emphasis level="${f.attrs.level}"> on line ${f.line} has no equivalent; the words are read normally.`);
          emit(` ${inner} `);
        } else if (inner) emit(` *${inner}* `);
        break;
      case 'sub':
        emit(` ${(f.attrs.alias ?? inner).trim()} `);
        if (f.attrs.alias === undefined) notice(`sub@${f.line}`, `<sub> on line ${f.line} has no alias; its text was read as written.`);
        break;
      case 'say-as': {
        const said = sayAs(inner, f.attrs);
        if (said === null) notice(`sayas@${f.line}`, `<say-as interpret-as="${f.attrs['interpret-as'] ?? ''}"${f.attrs.format ? ` format="${f.attrs.format}"` : ''}> on line ${f.line} is not supported for “${inner}”; it is read as written.`);
        emit(` ${said ?? inner} `);
        break;
      }
      case 'phoneme': {
        const alphabet = (f.attrs.alphabet ?? 'ipa').toLowerCase();
        const ph = (f.attrs.ph ?? '').trim();
        if (alphabet === 'ipa' && ph && !/[[\]()/\n]/.test(ph) && inner) emit(` [${inner}](/${ph}/) `);
        else {
          notice(`phoneme@${f.line}`, `<phoneme alphabet="${alphabet}"> on line ${f.line} is not IPA (or has no ph); “${inner}” is read with its usual pronunciation.`);
          emit(` ${inner} `);
        }
        break;
      }
      case 'voice':
        flush();
        speakers.pop();
        break;
      default:
        break;
    }
    void tag;
  });

  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof KoeError) throw e;
    // saxes says "line:column: reason"; the place travels in details too, for a face that points at it.
    const raw = (e as Error).message;
    const place = /^(?:[^:\d][^:]*:)?(\d+):(\d+): /.exec(raw);
    const message = raw.replace(/^(?:[^:\d][^:]*:)?(\d+):(\d+): /, 'line $1, column $2: ').replace(/\.$/, '');
    const details = place ? { line: place[1]!, column: place[2]!, reason: raw.slice(place[0].length).replace(/\.$/, '') } : undefined;
    throw new KoeError('invalid_args', `${fileName} is not well-formed SSML (${message}). Nothing was imported.`, details);
  }
  flush();
  if (!lines.some((l) => l.text)) throw new KoeError('invalid_args', `${fileName} has no words to speak. Nothing was imported.`);

  const tagged = lines.some((l) => l.speaker !== null);
  const out: string[] = [];
  let prev: string | null | undefined;
  for (const l of lines) {
    if (!l.text) {
      if (out.length && out.at(-1) !== '') out.push('');
      prev = undefined;
      continue;
    }
    const speaker = l.speaker ?? (tagged ? 'Narrator' : null);
    out.push(speaker && speaker !== prev ? `${speaker}: ${l.text}` : l.text);
    prev = speaker;
  }
  while (out.at(-1) === '') out.pop();
  return { script: `${out.join('\n')}\n`, notices };
}
