// Units of measure that may follow a number ("5 km", "10kg", "100 MB"). Kept as data so adding a
// unit is one line; the matching regex is built from the table, longest symbol first, so "km/h"
// wins over "km" and "ms" over "m".

export interface Unit {
  one: string;
  many: string;
  /**
   * Only a unit when nothing word-like follows: "12 in." is inches, "12 in total" is not.
   * For symbols that are also common English words.
   */
  standalone?: boolean;
}

const u = (one: string, many = `${one}s`, standalone = false): Unit => (standalone ? { one, many, standalone } : { one, many });

export const UNITS: Record<string, Unit> = {
  // length
  mm: u('millimeter'), cm: u('centimeter'), m: u('meter'), km: u('kilometer'), Km: u('kilometer'), KM: u('kilometer'),
  in: u('inch', 'inches', true), ft: u('foot', 'feet'), yd: u('yard'), yds: u('yard'), mi: u('mile'),
  // mass
  mg: u('milligram'), g: u('gram'), kg: u('kilogram'), Kg: u('kilogram'), KG: u('kilogram'),
  lb: u('pound'), lbs: u('pound'), oz: u('ounce'),
  // volume
  ml: u('milliliter'), mL: u('milliliter'), cl: u('centiliter'), l: u('liter'), L: u('liter'), gal: u('gallon'),
  // area and volume by power
  'mm²': u('square millimeter'), 'cm²': u('square centimeter'), 'm²': u('square meter'), 'km²': u('square kilometer'),
  'cm³': u('cubic centimeter'), 'm³': u('cubic meter'),
  // speed and rates
  mph: u('mile per hour', 'miles per hour'), 'km/h': u('kilometer per hour', 'kilometers per hour'),
  kph: u('kilometer per hour', 'kilometers per hour'), kmh: u('kilometer per hour', 'kilometers per hour'),
  'm/s': u('meter per second', 'meters per second'), rpm: u('revolution per minute', 'revolutions per minute'),
  bpm: u('beat per minute', 'beats per minute'), fps: u('frame per second', 'frames per second'),
  // data
  KB: u('kilobyte'), kB: u('kilobyte'), MB: u('megabyte'), GB: u('gigabyte'), TB: u('terabyte'), PB: u('petabyte'),
  KiB: u('kibibyte'), MiB: u('mebibyte'), GiB: u('gibibyte'), TiB: u('tebibyte'),
  kbps: u('kilobit per second', 'kilobits per second'), Kbps: u('kilobit per second', 'kilobits per second'),
  Mbps: u('megabit per second', 'megabits per second'), Gbps: u('gigabit per second', 'gigabits per second'),
  // frequency, electricity, sound, screens
  Hz: u('hertz', 'hertz'), kHz: u('kilohertz', 'kilohertz'), MHz: u('megahertz', 'megahertz'), GHz: u('gigahertz', 'gigahertz'),
  W: u('watt'), kW: u('kilowatt'), MW: u('megawatt'), GW: u('gigawatt'), kWh: u('kilowatt hour'),
  V: u('volt'), mV: u('millivolt'), kV: u('kilovolt'), mA: u('milliamp'), mAh: u('milliamp hour'),
  dB: u('decibel'), px: u('pixel'),
  // time; bare "s" and "h" only follow a number, where they cannot be much else
  ns: u('nanosecond'), 'µs': u('microsecond'), 'μs': u('microsecond'), ms: u('millisecond'),
  s: u('second'), sec: u('second'), secs: u('second'), min: u('minute'), mins: u('minute'),
  h: u('hour'), hr: u('hour'), hrs: u('hour'), yr: u('year'), yrs: u('year'),
};

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Sticky: a unit symbol right after a number, optionally one space away. */
export const UNIT_RE = new RegExp(
  `[ \\u00a0]?(${Object.keys(UNITS).sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}\\p{N}])`,
  'uy',
);

/** What may follow a standalone-only unit for it to count as one. */
export const AFTER_STANDALONE_RE = /\s*(?:$|[.,;:!?)\]\n])/y;

export function unitWords(unit: Unit, singular: boolean): string {
  return singular ? unit.one : unit.many;
}
