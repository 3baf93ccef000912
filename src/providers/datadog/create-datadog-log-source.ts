import { compileLinePredicate } from '../logs/index.ts';
import type { LogLine, LogSource } from '../types.ts';
import type { DatadogSettings } from './create-datadog-configuration.ts';
import type { DatadogProviderOptions } from './datadog-provider-options.ts';
import { listLogs } from './list-logs.ts';

/** Logs fetched per search; matching is then done here, so regexes work although Datadog has none. */
const FETCH_LIMIT = 1000;

function quoted(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Datadog's search syntax for one log search: the service (workload), namespace and, for substrings, the phrase. */
export function datadogLogQuery(query: Parameters<LogSource['search']>[0]): string {
  const terms: string[] = [];
  if (query.workload) terms.push(`service:${query.workload}`);
  if (query.namespace) terms.push(`kube_namespace:${query.namespace}`);
  if (!query.regex) terms.push(quoted(query.pattern));
  return terms.length === 0 ? '*' : terms.join(' ');
}

/** Datadog logs as a LogSource for `log_search`. */
export function createDatadogLogSource(
  settings: DatadogSettings | undefined,
  options: DatadogProviderOptions = {},
): LogSource {
  return {
    name: 'datadog',
    isConfigured: settings !== undefined,
    async search(query, signal) {
      if (settings === undefined) throw new Error('datadog is not configured: set DD_API_KEY and DD_APP_KEY');
      const matches = compileLinePredicate(query.pattern, query.regex);
      const toMs = (options.now ?? Date.now)();
      const { lines, hasMore } = await listLogs(
        settings,
        {
          timeoutMs: options.timeoutMs ?? 30_000,
          signal,
          maxResponseBytes: options.maxResponseBytes ?? 10 * 1024 * 1024,
          fetch: options.fetch,
        },
        datadogLogQuery(query),
        toMs - query.sinceMs,
        toMs,
        FETCH_LIMIT,
      );
      const matched: LogLine[] = lines
        .filter((line) => matches(line.message))
        .map((line) => ({
          ...(line.ts === undefined ? {} : { ts: line.ts }),
          source: 'datadog',
          origin: line.service ?? line.host ?? 'datadog',
          line: line.message,
        }));
      return {
        lines: matched.slice(0, query.limit),
        scanned: lines.length,
        truncated: hasMore || matched.length > query.limit,
      };
    },
  };
}
