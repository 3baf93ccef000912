import { v1 } from '@datadog/datadog-api-client';
import { primaryValue, summarizeSeries } from '../series-value.ts';
import type { SeriesPoint } from '../types.ts';
import {
  createDatadogConfiguration,
  type DatadogCallOptions,
  type DatadogSettings,
} from './create-datadog-configuration.ts';

const MAX_SERIES = 500;

function tagsToLabels(
  tags: readonly string[] | undefined,
  scope: string | undefined,
): Record<string, string> {
  const source =
    tags && tags.length > 0 ? tags : (scope ?? '').split(',').filter((tag) => tag !== '' && tag !== '*');
  return Object.fromEntries(
    source.map((tag) => {
      const colon = tag.indexOf(':');
      return colon < 0 ? [tag, 'true'] : [tag.slice(0, colon), tag.slice(colon + 1)];
    }),
  );
}

export interface MetricsResult {
  value: number | null;
  series: SeriesPoint[];
  fields: Record<string, unknown>;
  summary: string;
}

/** v1 `MetricsApi.queryMetrics` (`GET /api/v1/query`) over `[from, to]`; latest non-null point per series. */
export async function queryMetrics(
  settings: DatadogSettings,
  call: DatadogCallOptions,
  query: string,
  fromMs: number,
  toMs: number,
): Promise<MetricsResult> {
  const api = new v1.MetricsApi(createDatadogConfiguration(settings, call));
  const response = await api.queryMetrics({
    from: Math.floor(fromMs / 1000),
    to: Math.floor(toMs / 1000),
    query,
  });
  if (response.status === 'error') throw new Error(response.error ?? 'Datadog returned status "error"');
  const raw = response.series ?? [];
  const series: SeriesPoint[] = raw.slice(0, MAX_SERIES).map((entry) => {
    const samples = (entry.pointlist ?? [])
      .filter((point): point is [number, number] => point[1] !== null && point[1] !== undefined)
      .map(([ms, value]): [number, number] => [Math.floor(ms / 1000), value]);
    const labels = {
      ...(entry.metric ? { __name__: entry.metric } : {}),
      ...tagsToLabels(entry.tagSet, entry.scope),
    };
    return { labels, value: samples.at(-1)?.[1] ?? Number.NaN, samples };
  });
  return {
    value: primaryValue(series),
    series,
    fields: {
      count: raw.length,
      values: series.map((point) => point.value),
      truncated: raw.length > MAX_SERIES,
    },
    summary: summarizeSeries(series),
  };
}
