// What every English reader returns, and the sticky-match helper they share. Readers look at the
// text at one position and say how far their reading reaches, so the main pass can resume there.
import type { NumberStyle } from './numbers';

export interface EnglishOptions {
  /** en-gb and most of the world write 25/12/2024; the US writes 12/25/2024. */
  dayFirst: boolean;
  numbers: NumberStyle;
}

export interface Reading {
  out: string;
  /** Offset just after what was read. */
  end: number;
}

/** A space or no-break space between a number and what belongs to it. */
export const SP = '[ \\u00a0]';

export const sticky = (src: string, flags = ''): RegExp => new RegExp(src, `y${flags}`);

/** Runs a sticky pattern at `pos`. */
export function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}
