import type { SeriesPoint } from './types.ts';

const METRIC_NAME_LABEL = '__name__';
const PREFERRED_LABELS = [
  'service',
  'deployment',
  'pod',
  'server',
  'datname',
  'instance',
  'job',
  'node',
  'namespace',
  'host',
];

/**
 * The primary number of a set of series: the value itself when there is exactly one series, else
 * the maximum (the worst case is what a health threshold such as `value > 90` should see). Null
 * when there is no series. NaN samples are ignored for the maximum.
 */
export function primaryValue(series: readonly SeriesPoint[]): number | null {
  if (series.length === 0) return null;
  if (series.length === 1) return series[0]?.value ?? null;
  const numbers = series.map((point) => point.value).filter((value) => !Number.isNaN(value));
  return numbers.length === 0 ? Number.NaN : Math.max(...numbers);
}

/** A short name for one series: its most telling label value (`payments-db`), else its metric name. */
export function seriesName(labels: Readonly<Record<string, string>>): string {
  for (const key of PREFERRED_LABELS) {
    const value = labels[key];
    if (value) return value;
  }
  const first = Object.entries(labels).find(([key]) => key !== METRIC_NAME_LABEL);
  return first ? `${first[0]}=${first[1]}` : (labels[METRIC_NAME_LABEL] ?? 'series');
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** `max = 0.97 over 1 series (payments-db)`, or `no data`. */
export function summarizeSeries(series: readonly SeriesPoint[]): string {
  const value = primaryValue(series);
  if (value === null) return 'no data';
  const top = series.find((point) => point.value === value) ?? series[0];
  const name = top ? ` (${seriesName(top.labels)})` : '';
  return `max = ${formatNumber(value)} over ${series.length} series${name}`;
}
