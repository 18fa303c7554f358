// Which stored line each line of a re-parsed script continues. A line keeps its id — and with it
// its takes, selected take, clip position, gain, fades, trims and undo steps — when the script
// still has it: unchanged (found by a diff of the two line sequences), moved elsewhere (same
// speaker and text, no longer in order), or edited in place (a run of removed lines replaced by a
// run of added lines at the same spot). Fixing a typo must not throw the line's placement away;
// its takes then go stale by the usual rule (made from other text or another voice) and a
// re-render adds a new one.
import { diffArrays } from 'diff';

export interface LineKey {
  speaker: string;
  text: string;
}

/**
 * Beyond this many inserted plus removed lines the diff gives up (its cost grows with the number
 * of changes times the length) and only exact speaker-and-text matches are kept: a script replaced
 * wholesale has no edits in place worth finding.
 */
const MAX_EDIT_LENGTH = 1000;
/** Largest removed × added block aligned by text likeness; bigger ones keep exact matches only. */
const MAX_ALIGN_CELLS = 40_000;
/** How alike two texts must be (Sørensen–Dice over letter pairs) to be one line edited. */
const MIN_LIKENESS = 0.5;

interface Hunk {
  removed: number[];
  added: number[];
}

/** For each new line, the index of the old line it continues, or null for a line to create. */
export function matchLines(old: readonly LineKey[], next: readonly LineKey[]): (number | null)[] {
  const match: (number | null)[] = next.map(() => null);
  const oldKeys = old.map(keyOf);
  const nextKeys = next.map(keyOf);
  const changes = diffArrays(oldKeys, nextKeys, { maxEditLength: MAX_EDIT_LENGTH });
  const hunks: Hunk[] = [];
  if (changes) {
    let o = 0;
    let n = 0;
    let hunk: Hunk | null = null;
    for (const c of changes) {
      const count = c.count ?? c.value.length;
      if (c.removed) {
        hunk ??= { removed: [], added: [] };
        for (let k = 0; k < count; k++) hunk.removed.push(o++);
      } else if (c.added) {
        hunk ??= { removed: [], added: [] };
        for (let k = 0; k < count; k++) hunk.added.push(n++);
      } else {
        if (hunk) hunks.push(hunk);
        hunk = null;
        for (let k = 0; k < count; k++) match[n++] = o++;
      }
    }
    if (hunk) hunks.push(hunk);
  } else {
    hunks.push({ removed: old.map((_, i) => i), added: next.map((_, i) => i) });
  }

  // Moves: a line removed in one place and added unchanged in another is the same line.
  const unplaced = new Map<string, number[]>();
  for (const h of hunks) for (const i of h.removed) push(unplaced, oldKeys[i]!, i);
  const taken = new Set<number>();
  for (const h of hunks) {
    for (const j of h.added) {
      const i = unplaced.get(nextKeys[j]!)?.shift();
      if (i === undefined) continue;
      match[j] = i;
      taken.add(i);
    }
  }

  // Edits in place: what is left of each block of removed and added lines.
  for (const h of hunks) {
    const removed = h.removed.filter((i) => !taken.has(i));
    const added = h.added.filter((j) => match[j] === null);
    if (removed.length === 0 || added.length === 0) continue;
    if (removed.length === added.length) {
      // As many lines out as in, at the same spot: each one rewritten where it stands.
      added.forEach((j, k) => (match[j] = removed[k]!));
    } else if (removed.length * added.length <= MAX_ALIGN_CELLS) {
      for (const [i, j] of alignByLikeness(removed.map((i) => old[i]!), added.map((j) => next[j]!))) match[added[j]!] = removed[i]!;
    }
  }
  return match;
}

/**
 * Pairs removed with added lines, in order, maximising total likeness: a line edited next to a
 * line inserted or deleted in the same save still finds its edit. Pairs below MIN_LIKENESS stay
 * apart. Returns [removed index, added index] pairs.
 */
function alignByLikeness(removed: readonly LineKey[], added: readonly LineKey[]): [number, number][] {
  const m = removed.length;
  const n = added.length;
  const grams = (l: LineKey) => bigrams(l.text);
  const rg = removed.map(grams);
  const ag = added.map(grams);
  const score = (i: number, j: number) => {
    const d = dice(rg[i]!, ag[j]!);
    if (d < MIN_LIKENESS) return 0;
    // Same speaker breaks ties between equally alike texts.
    return d + (removed[i]!.speaker === added[j]!.speaker ? 0.01 : 0);
  };
  // best[i][j]: the best total over removed[i..] and added[j..].
  const best = Array.from({ length: m + 1 }, () => new Float64Array(n + 1));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--) {
      const s = score(i, j);
      best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, s > 0 ? s + best[i + 1]![j + 1]! : 0);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    const s = score(i, j);
    if (s > 0 && best[i]![j] === s + best[i + 1]![j + 1]!) {
      pairs.push([i++, j++]);
    } else if (best[i]![j] === best[i + 1]![j]) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

function bigrams(text: string): Map<string, number> {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  const out = new Map<string, number>();
  for (let k = 0; k + 1 < t.length; k++) {
    const g = t.slice(k, k + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let total = 0;
  let shared = 0;
  for (const c of a.values()) total += c;
  for (const c of b.values()) total += c;
  if (total === 0) return 0;
  for (const [g, c] of a) shared += Math.min(c, b.get(g) ?? 0);
  return (2 * shared) / total;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function keyOf(l: LineKey): string {
  return `${l.speaker}\u0000${l.text}`;
}
