// Word error rate: the edits (substitutions, deletions, insertions) that turn what a recognizer heard
// into what was said, per word said. Words are compared case-free and without punctuation, so
// "It's easy." and "its easy" differ only in the apostrophe-bearing word.

/** Lower-case words, punctuation dropped except an apostrophe inside a word (it's, man's). */
export function werWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/** Fewest word edits from `reference` to `hypothesis` (Levenshtein distance over words). */
export function wordEdits(reference: readonly string[], hypothesis: readonly string[]): number {
  let prev = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const row = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const same = reference[i - 1] === hypothesis[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + same);
    }
    prev = row;
  }
  return prev[hypothesis.length]!;
}

/** Word error rate over a whole corpus (total edits / total reference words). */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = werWords(reference);
  if (ref.length === 0) throw new RangeError('a word error rate needs at least one reference word');
  return wordEdits(ref, werWords(hypothesis)) / ref.length;
}
