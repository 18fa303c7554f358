// The script parser on a thread of its own, for long scripts: a megabyte takes 100–200 ms to parse,
// which on the page's thread is a key press that waits. Plain data goes back (structured clone).
import { parseScript } from '../../../src-main/script/parse';

export interface ParseRequest {
  id: number;
  text: string;
  notSpeakers: readonly string[];
}

export interface ParseReply {
  id: number;
  result: ReturnType<typeof parseScript>;
}

// Typed as the little a dedicated worker's global needs: this file is compiled with the DOM's types.
const scope = self as unknown as { onmessage: ((e: MessageEvent<ParseRequest>) => void) | null; postMessage(reply: ParseReply): void };
scope.onmessage = (e) => {
  const { id, text, notSpeakers } = e.data;
  scope.postMessage({ id, result: parseScript(text, { notSpeakers }) });
};
