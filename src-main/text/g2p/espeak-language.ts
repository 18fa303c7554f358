// Spanish, French, Hindi, Italian and Brazilian Portuguese: Kokoro's pipeline reads these with
// espeak-ng and rewrites the IPA with misaki's EspeakG2P table (ENGINES 1.7). espeak drops
// punctuation, so the text is cut at punctuation, the runs of words between are read in one espeak
// run (a run stays whole so French liaison and elision still cross its words), and the marks are
// put back. User entries cut a run where they stand.
import { KoeError } from '../../contract/errors';
import type { EspeakBatcher } from './espeak-batch';
import { espeakToKokoro } from './espeak-rules';
import { joinTokens, splitText } from './text-tokens';
import type { G2PResult, G2PWord, WordSource } from './types';
import type { UserDictionaries } from './user-dictionary';
import { validateUserPhonemes } from './user-phonemes';

interface Slot {
  text: string;
  source: WordSource;
  spaceAfter: boolean;
  phonemes: string | null;
  /** Text espeak must read for this slot. */
  espeak?: string;
}

export async function phonemizeWithEspeak(
  text: string,
  voice: string,
  batcher: EspeakBatcher,
  user: UserDictionaries | null,
  signal?: AbortSignal,
): Promise<G2PResult> {
  const tokens = splitText(text);
  const slots: Slot[] = [];
  let run: string[] = [];
  const closeRun = (spaceAfter: boolean): void => {
    if (run.length === 0) return;
    const words = run.join(' ');
    slots.push({ text: words, source: 'espeak', spaceAfter, phonemes: null, espeak: words });
    run = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct') {
      closeRun(false);
      slots.push({ text: t.text === "'" ? '“' : t.text, source: 'punctuation', spaceAfter: t.spaceAfter, phonemes: t.text === "'" ? '“' : t.text });
      continue;
    }
    // A possessive 's is English grammar; elsewhere only whole matches count.
    const m = user?.match(tokens, i);
    if (m && !m.possessive) {
      closeRun(true);
      const last = tokens[m.end - 1]!;
      const written = tokens.slice(i, m.end).map((x) => x.text).join(' ');
      slots.push(userSlot(written, m.entry.word, m.entry.phonemes, m.entry.respelling, last.spaceAfter));
      i = m.end - 1;
      continue;
    }
    run.push(t.text);
    if (!t.spaceAfter || tokens[i + 1]?.kind !== 'word') closeRun(t.spaceAfter);
  }
  closeRun(false);

  const pieces = slots.filter((s) => s.espeak !== undefined).map((s) => s.espeak!);
  if (pieces.length > 0) {
    const ipa = await batcher.ipa(pieces, voice, signal);
    for (const s of slots) if (s.espeak !== undefined) s.phonemes = espeakToKokoro(ipa.get(s.espeak) ?? '');
  }
  const words: G2PWord[] = slots.map((s) => ({ text: s.text, phonemes: s.phonemes ?? '', source: s.source }));
  return { phonemes: joinTokens(slots.map((s) => ({ phonemes: s.phonemes ?? '', spaceAfter: s.spaceAfter }))), words };
}

function userSlot(written: string, word: string, phonemes: string | undefined, respelling: string | undefined, spaceAfter: boolean): Slot {
  if (phonemes?.trim()) {
    const v = validateUserPhonemes(phonemes);
    if (!v.ok) throw new KoeError('invalid_args', `The pronunciation of “${word}” cannot be used: ${v.message}`, { [word]: v.message });
    return { text: written, source: 'user', spaceAfter, phonemes: v.normalized };
  }
  // The respelling is read by espeak in the same language, in the same batch as the text.
  return { text: written, source: 'user', spaceAfter, phonemes: null, espeak: (respelling ?? '').trim() };
}
