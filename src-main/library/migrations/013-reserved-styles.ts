// Version 13 is reserved for the cloned voices' several styles (built on another branch). This
// placeholder changes nothing; it exists only so that 014 can be applied on this branch, and is
// replaced by the real 013 when both are merged.
import type { Migration } from './types';

export const reservedStyles: Migration = {
  version: 13,
  name: 'reserved-styles',
  up() {},
};
