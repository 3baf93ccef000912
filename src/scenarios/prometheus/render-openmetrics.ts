import type { MetricsFile } from './parse-metrics-file.ts';

function escapeLabelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** Seconds with millisecond precision, as OpenMetrics wants them. */
function formatTimestamp(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Timestamp (ms) of the latest present sample over all series, with the series it belongs to. */
export function latestSample(
  metrics: MetricsFile,
  nowMs: number,
): { name: string; atMs: number } | undefined {
  let latest: { name: string; atMs: number } | undefined;
  for (const series of metrics.series) {
    const lastIndex = series.samples.findLastIndex((sample) => typeof sample === 'number');
    if (lastIndex < 0) continue;
    const atMs = nowMs - (series.samples.length - 1 - lastIndex) * metrics.intervalMs;
    if (!latest || atMs > latest.atMs) latest = { name: series.name, atMs };
  }
  return latest;
}

/**
 * Renders the series as OpenMetrics with absolute timestamps, each series' last sample at `nowMs`.
 * Every family is declared `unknown`: promtool then accepts any sample name (`*_total`, `*_bucket`) as is.
 * Gaps and staleness markers are left out (OpenMetrics cannot carry Prometheus' stale NaN).
 */
export function renderOpenMetrics(metrics: MetricsFile, nowMs: number): string {
  const byName = new Map<string, string[]>();
  for (const series of metrics.series) {
    const labels = Object.entries(series.labels)
      .map(([name, value]) => `${name}="${escapeLabelValue(value)}"`)
      .join(',');
    const head = labels === '' ? series.name : `${series.name}{${labels}}`;
    const lines = byName.get(series.name) ?? [];
    const last = series.samples.length - 1;
    series.samples.forEach((sample, index) => {
      if (typeof sample !== 'number') return;
      const atMs = nowMs - (last - index) * metrics.intervalMs;
      lines.push(`${head} ${formatValue(sample)} ${formatTimestamp(atMs)}`);
    });
    byName.set(series.name, lines);
  }
  const out: string[] = [];
  for (const [name, lines] of byName) {
    out.push(`# TYPE ${name} unknown`, ...lines);
  }
  out.push('# EOF', '');
  return out.join('\n');
}
