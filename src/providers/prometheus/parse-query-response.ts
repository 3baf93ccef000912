import { primaryValue, summarizeSeries } from '../series-value.ts';
import type { SeriesPoint } from '../types.ts';

/** Series kept in a result; the true count is still reported. */
export const MAX_SERIES = 500;

type Sample = [number, string];
interface PrometheusSeries {
  metric?: Record<string, string>;
  value?: Sample;
  values?: Sample[];
}

export type ParsedQuery =
  | {
      ok: true;
      value: number | null;
      series: SeriesPoint[];
      fields: Record<string, unknown>;
      summary: string;
    }
  | { ok: false; error: string };

function sampleValue(sample: Sample | undefined): number {
  return sample === undefined ? Number.NaN : Number.parseFloat(sample[1]);
}

function toSeries(result: PrometheusSeries[], matrix: boolean): SeriesPoint[] {
  return result.slice(0, MAX_SERIES).map((entry) => {
    const labels = entry.metric ?? {};
    if (!matrix) return { labels, value: sampleValue(entry.value) };
    const samples = (entry.values ?? []).map(([ts, text]): [number, number] => [ts, Number.parseFloat(text)]);
    const last = samples.at(-1);
    return { labels, value: last === undefined ? Number.NaN : last[1], samples };
  });
}

/** Prometheus' JSON envelope → the typed parts of a CheckResult. */
export function parseQueryResponse(body: unknown): ParsedQuery {
  if (typeof body !== 'object' || body === null) return { ok: false, error: 'response is not a JSON object' };
  const envelope = body as { status?: string; errorType?: string; error?: string; data?: unknown };
  if (envelope.status !== 'success') {
    return { ok: false, error: `${envelope.errorType ?? 'error'}: ${envelope.error ?? 'unknown error'}` };
  }
  const data = envelope.data as { resultType?: string; result?: unknown } | undefined;
  switch (data?.resultType) {
    case 'scalar':
    case 'string': {
      const sample = data.result as Sample;
      if (data.resultType === 'string') {
        return {
          ok: true,
          value: null,
          series: [],
          fields: { resultType: 'string', string: sample[1] },
          summary: sample[1],
        };
      }
      const value = sampleValue(sample);
      return {
        ok: true,
        value,
        series: [],
        fields: { resultType: 'scalar', count: 1, values: [value] },
        summary: `value = ${value}`,
      };
    }
    case 'vector':
    case 'matrix': {
      const result = (data.result ?? []) as PrometheusSeries[];
      const series = toSeries(result, data.resultType === 'matrix');
      return {
        ok: true,
        value: primaryValue(series),
        series,
        fields: {
          resultType: data.resultType,
          count: result.length,
          values: series.map((point) => point.value),
          truncated: result.length > MAX_SERIES,
        },
        summary: summarizeSeries(series),
      };
    }
    default:
      return { ok: false, error: `unexpected result type ${String(data?.resultType)}` };
  }
}
