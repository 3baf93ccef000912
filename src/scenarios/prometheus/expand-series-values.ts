/** One expanded sample: a number, a gap (`_`), or a staleness marker (`stale`). */
export type SeriesSample = number | 'missing' | 'stale';

const NUMBER = String.raw`(?:[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.|[iI][nN][fF]|[nN][aA][nN])`;
const SIGNED = `[+-]?${NUMBER}`;
const BLANK_ITEM = /^_(?:x(\d+))?$/;
const STALE_ITEM = /^stale(?:x(\d+))?$/;
const VALUE_ITEM = new RegExp(`^(${SIGNED})(?:([+-]${NUMBER})?x(\\d+))?$`);

function parseNumber(text: string): number {
  const lower = text.toLowerCase();
  if (lower.endsWith('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower.endsWith('nan')) return Number.NaN;
  return Number(text);
}

function repeat(count: number, value: SeriesSample): SeriesSample[] {
  return Array.from({ length: count }, () => value);
}

/** Largest sample count one series may expand to: a week of 10-second samples. */
export const MAX_SAMPLES_PER_SERIES = 60_480;

function checkedCount(item: string, count: number): number {
  if (count > MAX_SAMPLES_PER_SERIES) {
    throw new Error(`"${item}" expands to more than ${MAX_SAMPLES_PER_SERIES} samples`);
  }
  return count;
}

function expandItem(item: string): SeriesSample[] | undefined {
  // `_xN` is N gaps, but `axN` is N+1 values: promtool's grammar counts the initial one for values only.
  const blank = BLANK_ITEM.exec(item);
  if (blank) return repeat(checkedCount(item, blank[1] === undefined ? 1 : Number(blank[1])), 'missing');
  const stale = STALE_ITEM.exec(item);
  if (stale) return repeat(checkedCount(item, stale[1] === undefined ? 1 : Number(stale[1]) + 1), 'stale');
  const value = VALUE_ITEM.exec(item);
  if (!value || value[1] === undefined) return undefined;
  const start = parseNumber(value[1]);
  if (value[3] === undefined) return [start];
  const step = value[2] === undefined ? 0 : parseNumber(value[2]);
  const count = checkedCount(item, Number(value[3]) + 1);
  const samples: SeriesSample[] = [];
  let current = start;
  for (let index = 0; index < count; index += 1) {
    samples.push(current);
    current += step;
  }
  return samples;
}

/**
 * Expands promtool's series notation (`1+2x3 _x2 5 stale -1e3x2`) exactly as `promtool test rules` does.
 * Throws an Error naming the offending item.
 */
export function expandSeriesValues(notation: string): SeriesSample[] {
  const samples: SeriesSample[] = [];
  for (const item of notation.trim().split(/\s+/)) {
    if (item === '') continue;
    const expanded = expandItem(item);
    if (!expanded) {
      throw new Error(`"${item}" is not a value, "_", "stale", "axN", "a+bxN", "a-bxN" or "_xN"`);
    }
    if (samples.length + expanded.length > MAX_SAMPLES_PER_SERIES) {
      throw new Error(`expands to more than ${MAX_SAMPLES_PER_SERIES} samples`);
    }
    for (const sample of expanded) samples.push(sample);
  }
  return samples;
}
