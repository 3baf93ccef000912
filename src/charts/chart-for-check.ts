import type { CheckOutcome } from '../engine/events.ts';
import type { ChartSpec } from './chart-spec.ts';
import { thresholdsOf } from './parse-threshold.ts';
import { inferUnit } from './units.ts';

/** Whether a check result has a range series worth drawing. */
export function hasChartableSeries(outcome: CheckOutcome): boolean {
  return (outcome.series ?? []).some((series) => series.samples.length > 1);
}

/**
 * The chart of one check: its series, the thresholds of its health conditions, and a marker when
 * the alert started (or, failing that, when the run started) if that falls inside the series.
 */
export function chartForCheck(
  outcome: CheckOutcome,
  marker?: { atSeconds: number; label: string },
): ChartSpec | undefined {
  const series = (outcome.series ?? []).filter((entry) => entry.samples.length > 1);
  if (series.length === 0) return undefined;
  const values = series.flatMap((entry) => entry.samples.map(([, value]) => value)).filter(Number.isFinite);
  const times = series.flatMap((entry) => entry.samples.map(([at]) => at));
  const inside = marker && marker.atSeconds >= Math.min(...times) && marker.atSeconds <= Math.max(...times);
  return {
    title: `${outcome.name} — ${outcome.health}`,
    series,
    thresholds: thresholdsOf(outcome.healthConditions),
    unit: inferUnit(`${outcome.name} ${outcome.query ?? ''}`, Math.max(0, ...values)),
    ...(inside ? { marker } : {}),
  };
}
