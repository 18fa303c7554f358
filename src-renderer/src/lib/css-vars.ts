// Typed CSS custom properties for React's `style` prop. React writes them through the CSSOM, which a
// strict CSP (no inline style attributes) allows; colours and progress stay in CSS this way.
import type { CSSProperties } from 'react';

export function cssVars(vars: Record<`--${string}`, string | number>): CSSProperties {
  return vars as CSSProperties;
}
