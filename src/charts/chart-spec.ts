import type { ChartSeries } from '../engine/events.ts';
import type { Threshold } from './parse-threshold.ts';
import type { ChartUnit } from './units.ts';

/** Everything a chart shows; rendering is a pure function of this. */
export interface ChartSpec {
  title: string;
  series: ChartSeries[];
  thresholds: Threshold[];
  unit: ChartUnit;
  /** A vertical line, e.g. when the alert started (unix seconds). */
  marker?: { atSeconds: number; label: string };
  width?: number;
  height?: number;
}

export const CHART_COLORS = {
  critical: '#d62728',
  warning: '#ff7f0e',
  marker: '#7b3fa0',
  series: ['#1f77b4', '#2ca02c', '#17becf', '#8c564b', '#7f7f7f'],
} as const;

export const DEFAULT_WIDTH = 800;
export const DEFAULT_HEIGHT = 400;

/** Where the plot area sits in the image, in pixels (fixed, so a test can find the lines). */
export const GRID = { left: 90, right: 40, top: 56, bottom: 64 } as const;

/** The y range drawn: every sample and every threshold inside, with headroom, from 0 when all are positive. */
export function yRange(spec: Pick<ChartSpec, 'series' | 'thresholds'>): { min: number; max: number } {
  const values = [
    ...spec.series.flatMap((series) => series.samples.map(([, value]) => value)),
    ...spec.thresholds.map((threshold) => threshold.value),
  ].filter((value) => Number.isFinite(value));
  if (values.length === 0) return { min: 0, max: 1 };
  const low = Math.min(...values);
  const high = Math.max(...values);
  const min = low >= 0 ? 0 : -niceCeil(-(low - (high - low) * 0.1));
  const max = high === min ? high + 1 : niceCeil(high + (high - min) * 0.1);
  return { min, max };
}

const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest round number (1, 1.2, 1.5, 2, 2.5 … × 10ⁿ) at or above `value`, so the top label reads well. */
function niceCeil(value: number): number {
  if (value <= 0) return 0;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const factor = NICE.find((candidate) => candidate * magnitude >= value * (1 - 1e-9)) ?? 10;
  return Number((factor * magnitude).toPrecision(6));
}
