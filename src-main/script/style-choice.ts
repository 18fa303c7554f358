// Which style of a cloned voice speaks a line. A line picked by hand in the studio names its style;
// otherwise the line's directions may choose one: a speaker's own mapping of a direction to a style
// (a DeliveryEffect's `style`), or a style named like the direction or one of its spoken forms
// ("(whispers)" finds a style called "Whisper"), the first direction of the line that finds one
// winning. Nothing found: the voice's default style. Pure, so the timeline (staleness), speech (the
// reference and the cache key) and the studio's picker agree.
//
// A style stands in for the directions that name it: a recorded whisper is not also turned down
// 10 dB, tilted and low-cut on top. Those directions' default effects are dropped; a speaker's own
// effect for one of them still applies (they asked for it), as do the line's other directions.
import { directionForms, type DirectionOverrides } from './directions';

export interface StyleChoice {
  /** The style's name as the voice spells it; null for the default style. */
  style: string | null;
  by: 'line' | 'direction' | null;
  /** A line's own pick the voice does not have (deleted, or the speaker's voice changed). */
  missing?: string;
  /** Directions whose default effect the style replaces. */
  replaced: string[];
}

const same = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

function styleFor(direction: string, styles: readonly string[], overrides: DirectionOverrides): string | null {
  const mapped = Object.hasOwn(overrides, direction) ? overrides[direction]!.style : undefined;
  if (mapped !== undefined) {
    const found = styles.find((s) => same(s, mapped));
    if (found) return found;
  }
  const forms = directionForms(direction);
  return styles.find((s) => forms.some((f) => same(s, f))) ?? null;
}

/**
 * `styles`: every style of the voice, the default one included; `defaultName` names it. `pick`: the
 * line's own pick, if any. `directions`: the line's vocabulary names in order.
 */
export function chooseStyle(styles: readonly string[], defaultName: string, pick: string | null | undefined, directions: readonly string[], overrides: DirectionOverrides = {}): StyleChoice {
  let style: string | null = null;
  let by: StyleChoice['by'] = null;
  if (pick) {
    const found = styles.find((s) => same(s, pick));
    if (!found) return { style: null, by: 'line', missing: pick, replaced: [] };
    style = found;
    by = 'line';
  } else {
    for (const d of directions) {
      const found = styleFor(d, styles, overrides);
      if (found) {
        style = found;
        by = 'direction';
        break;
      }
    }
  }
  if (style === null) return { style: null, by: null, replaced: [] };
  const replaced = directions.filter((d) => styleFor(d, styles, overrides) === style);
  return { style: same(style, defaultName) ? null : style, by, replaced };
}
