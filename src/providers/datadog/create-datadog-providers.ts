import { errorMessage } from '../../errors/index.ts';
import { notConfiguredResult } from '../not-configured.ts';
import { durationOr, stepTimeoutMs } from '../step-timeout.ts';
import { type CheckContext, type CheckResult, errorResult, type Provider } from '../types.ts';
import {
  type DatadogCallOptions,
  type DatadogSettings,
  datadogErrorText,
} from './create-datadog-configuration.ts';
import { DATADOG_VARIABLES, type DatadogProviderOptions } from './datadog-provider-options.ts';
import { listLogs } from './list-logs.ts';
import { queryMetrics } from './query-metrics.ts';

const DEFAULT_WINDOW_MS = 15 * 60_000;
const DEFAULT_LOG_LIMIT = 50;

function callOptions(
  options: DatadogProviderOptions,
  step: { timeout?: string | undefined },
  context: CheckContext,
): DatadogCallOptions {
  return {
    timeoutMs: stepTimeoutMs(step, options.timeoutMs),
    signal: context.signal,
    maxResponseBytes: options.maxResponseBytes ?? 10 * 1024 * 1024,
    fetch: options.fetch,
  };
}

async function guarded(
  type: string,
  query: string,
  run: (elapsed: () => number) => Promise<CheckResult>,
): Promise<CheckResult> {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  try {
    return await run(elapsed);
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'RunbookError' ? errorMessage(error) : datadogErrorText(error);
    return errorResult(`${type} failed: ${reason} (query: ${query})`, elapsed(), query);
  }
}

/** Datadog metric queries (timeseries) over the step's `window` ending at the run's now. */
export function createDatadogQueryProvider(
  settings: DatadogSettings | undefined,
  options: DatadogProviderOptions = {},
): Provider<'datadog_query'> {
  return {
    type: 'datadog_query',
    isConfigured: settings !== undefined,
    check: (step, context) => {
      if (settings === undefined)
        return Promise.resolve(notConfiguredResult('datadog_query', DATADOG_VARIABLES, step.query));
      return guarded('datadog_query', step.query, async (elapsed) => {
        const toMs = context.now.getTime();
        const result = await queryMetrics(
          settings,
          callOptions(options, step, context),
          step.query,
          toMs - durationOr(step.window, DEFAULT_WINDOW_MS),
          toMs,
        );
        return { status: 'ok', items: [], ...result, query: step.query, durationMs: elapsed() };
      });
    },
  };
}

/** Datadog log search: matching lines (newest first) over the step's `window`; `value` = lines returned. */
export function createDatadogLogsProvider(
  settings: DatadogSettings | undefined,
  options: DatadogProviderOptions = {},
): Provider<'datadog_logs'> {
  return {
    type: 'datadog_logs',
    isConfigured: settings !== undefined,
    check: (step, context) => {
      if (settings === undefined)
        return Promise.resolve(notConfiguredResult('datadog_logs', DATADOG_VARIABLES, step.query));
      return guarded('datadog_logs', step.query, async (elapsed) => {
        const toMs = context.now.getTime();
        const window = step.window ?? '15m';
        const { lines, hasMore } = await listLogs(
          settings,
          callOptions(options, step, context),
          step.query,
          toMs - durationOr(window, DEFAULT_WINDOW_MS),
          toMs,
          step.limit ?? DEFAULT_LOG_LIMIT,
        );
        const byStatus: Record<string, number> = {};
        for (const line of lines)
          byStatus[line.status ?? 'unknown'] = (byStatus[line.status ?? 'unknown'] ?? 0) + 1;
        const latest = lines[0]?.message.slice(0, 160);
        return {
          status: 'ok',
          value: lines.length,
          series: [],
          items: lines.map((line) => ({ ...line })),
          fields: { count: lines.length, has_more: hasMore, by_status: byStatus },
          summary:
            lines.length === 0
              ? `no log lines in ${window}`
              : `${lines.length}${hasMore ? '+' : ''} log lines in ${window}; latest: ${latest}`,
          query: step.query,
          durationMs: elapsed(),
        };
      });
    },
  };
}
