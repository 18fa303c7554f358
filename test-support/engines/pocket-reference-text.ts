// The reference runtime's own text preparation, from the `pocket-tts-onnx` npm package (a
// devDependency, test-only): its tokenizer and its chunking, run as the runtime runs them. The
// package's `exports` do not list these files, so they are loaded by path. Used as an oracle: Koe's
// prepared text must equal what this returns.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ReferenceSentencePiece {
  encode(text: string): number[];
  decode(ids: number[]): string;
}

interface ReferenceTextModule {
  prepareTextPrompt(text: string, padShortInputs: boolean, removeSemicolons: boolean): { prompt: string; framesAfterEosGuess: number };
  splitIntoBestSentences(sp: ReferenceSentencePiece, text: string, maxTokens: number, padShortInputs: boolean, removeSemicolons: boolean): string[];
}

interface ReferenceSentencePieceModule {
  SentencePiece: new (model: Uint8Array) => ReferenceSentencePiece;
}

export interface ReferenceRuntimeText {
  version: string;
  text: ReferenceTextModule;
  tokenizer(model: Uint8Array): ReferenceSentencePiece;
}

export async function referenceRuntimeText(): Promise<ReferenceRuntimeText> {
  const pkgJson = createRequire(import.meta.url).resolve('pocket-tts-onnx/package.json');
  const root = dirname(pkgJson);
  const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(join(root, rel)).href)) as T;
  const text = await load<ReferenceTextModule>('dist/text.js');
  const sp = await load<ReferenceSentencePieceModule>('dist/sentencepiece.js');
  const { version } = JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string };
  return { version, text, tokenizer: (model) => new sp.SentencePiece(model) };
}
