/** Share of the samples after the onset that must stay away from the baseline. */
const SUSTAINED_SHARE = 0.8;
const MIN_SAMPLES = 6;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * When a series left its baseline and stayed away: the baseline is the median of the first quarter
 * of the window; a sample has departed when it is further from it than both 30 % of the baseline
 * and 20 % of the series' range. The onset is the first departed sample after which at least 80 %
 * stay departed, provided the latest one still is (a cleared symptom has no current onset).
 * Returns unix seconds, or undefined when the series is flat, too short, or already back to normal.
 */
export function detectOnset(samples: ReadonlyArray<readonly [number, number]>): number | undefined {
  const points = samples.filter(([, value]) => Number.isFinite(value));
  if (points.length < MIN_SAMPLES) return undefined;
  const values = points.map(([, value]) => value);
  const baseline = median(values.slice(0, Math.max(3, Math.floor(values.length / 4))));
  const range = Math.max(...values) - Math.min(...values);
  if (range === 0) return undefined;
  const threshold = Math.max(Math.abs(baseline) * 0.3, range * 0.2);
  const departed = values.map((value) => Math.abs(value - baseline) > threshold);
  if (!departed[departed.length - 1]) return undefined;
  for (let index = 0; index < departed.length; index++) {
    if (!departed[index]) continue;
    const rest = departed.slice(index);
    if (rest.filter(Boolean).length / rest.length >= SUSTAINED_SHARE) return points[index]?.[0];
  }
  return undefined;
}

/**
 * When a series first appeared in the window, if after its start: a pod's metrics begin when the
 * pod does, which dates a rollout even without a change in value.
 */
export function seriesStart(
  samples: ReadonlyArray<readonly [number, number]>,
  windowStart: number,
  stepSeconds = 60,
): number | undefined {
  const first = samples.find(([, value]) => Number.isFinite(value));
  if (!first) return undefined;
  return first[0] > windowStart + 2 * stepSeconds ? first[0] : undefined;
}
