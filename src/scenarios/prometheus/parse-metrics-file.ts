import { z } from 'zod';
import type { SourceIssue } from '../../errors/index.ts';
import { ScenarioValidationError } from '../scenario-error.ts';
import { validateYaml } from '../validate-yaml.ts';
import { parseYamlSource } from '../yaml-source.ts';
import { expandSeriesValues, type SeriesSample } from './expand-series-values.ts';
import { parsePrometheusDuration } from './parse-duration.ts';
import { parseSeriesSelector } from './parse-series-selector.ts';

export interface MetricSeries {
  /** The series as written, e.g. `http_requests_total{service="a", code="200"}`. */
  selector: string;
  name: string;
  labels: Record<string, string>;
  /** One per interval; the last one lands at "now". */
  samples: SeriesSample[];
  line: number;
}

/** A scenario's `metrics.yaml`, expanded. */
export interface MetricsFile {
  file: string;
  intervalMs: number;
  series: MetricSeries[];
}

const DEFAULT_INTERVAL_MS = 60_000;

const seriesEntry = z.looseObject({
  series: z.string({ error: 'expected a series like \'name{label="value"}\'' }).min(1),
  values: z.union([z.string(), z.number()], { error: "expected values in promtool notation, like '1+2x60'" }),
});

const metricsSchema = z.looseObject({
  interval: z
    .string({ error: 'expected a duration like "1m"' })
    .refine((text) => parsePrometheusDuration(text) !== undefined, 'expected a duration like "1m" or "30s"')
    .optional(),
  // `input_series` is promtool's own key; accept it so rule-test files can be pasted in.
  series: z.array(seriesEntry).optional(),
  input_series: z.array(seriesEntry).optional(),
});

function seriesKey(name: string, labels: Record<string, string>): string {
  const sorted = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([name, sorted]);
}

/** Parses a scenario's metrics.yaml (FORMAT.md); throws ScenarioValidationError with `file:line: field: message`. */
export function parseMetricsFile(yamlText: string, file: string): MetricsFile {
  const source = parseYamlSource(yamlText, file);
  const parsed = validateYaml(source, metricsSchema);
  const key = parsed.series !== undefined || parsed.input_series === undefined ? 'series' : 'input_series';
  const entries = parsed.series ?? parsed.input_series;
  if (entries === undefined) {
    throw new ScenarioValidationError([
      { file, line: 1, field: 'series', message: 'required: a list of series' },
    ]);
  }
  const issues: SourceIssue[] = [];
  const series: MetricSeries[] = [];
  const seen = new Map<string, number>();
  entries.forEach((entry, index) => {
    try {
      const identity = parseSeriesSelector(entry.series);
      const identityKey = seriesKey(identity.name, identity.labels);
      const first = seen.get(identityKey);
      if (first !== undefined) throw new Error(`the same series as series[${first}]`);
      seen.set(identityKey, index);
      try {
        const samples = expandSeriesValues(String(entry.values));
        series.push({ selector: entry.series, ...identity, samples, line: source.lineOf([key, index]) });
      } catch (error) {
        const line = source.lineOf([key, index, 'values']);
        issues.push({ file, line, field: `${key}[${index}].values`, message: (error as Error).message });
      }
    } catch (error) {
      const line = source.lineOf([key, index, 'series']);
      issues.push({ file, line, field: `${key}[${index}].series`, message: (error as Error).message });
    }
  });
  if (issues.length > 0) throw new ScenarioValidationError(issues);
  const intervalMs =
    parsed.interval === undefined
      ? DEFAULT_INTERVAL_MS
      : (parsePrometheusDuration(parsed.interval) ?? DEFAULT_INTERVAL_MS);
  return { file, intervalMs, series };
}
