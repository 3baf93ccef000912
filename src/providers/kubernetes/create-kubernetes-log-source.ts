import type { Config } from '../../config/index.ts';
import { RunbookError } from '../../errors/index.ts';
import type { LogLine, LogSource } from '../types.ts';
import { describeKubernetesError } from './describe-error.ts';
import { type KubernetesClientOptions, loadKubernetesClient } from './kubernetes-client.ts';
import { readPodLogs } from './read-pod-logs.ts';
import { resolvePods } from './resolve-workload.ts';

const MAX_PODS = 50;
/** Lines read per container at most, however long the window. */
const MAX_LINES_PER_CONTAINER = 5_000;

function matcher(pattern: string, regex: boolean): (line: string) => boolean {
  if (!regex) {
    const needle = pattern.toLowerCase();
    return (line) => line.toLowerCase().includes(needle);
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(pattern, 'i');
  } catch (error) {
    throw new RunbookError(
      'provider.failed',
      `kubernetes logs: invalid regular expression ${JSON.stringify(pattern)}: ${describeKubernetesError(error)}`,
      { cause: error },
    );
  }
  return (line) => compiled.test(line);
}

/**
 * Container logs as a `LogSource` for the `log_search` provider: every container of the
 * workload's pods (same pod choice as the `kubernetes` provider), within `sinceMs`, newest `limit`
 * matches kept. Throws RunbookError `provider.not_configured` / `provider.failed`.
 */
export function createKubernetesLogSource(
  config: Config['kubernetes'],
  options: KubernetesClientOptions = {},
): LogSource {
  const loaded = loadKubernetesClient(config, options);
  return {
    name: 'kubernetes',
    isConfigured: loaded.ok,
    async search(query, signal) {
      if (!loaded.ok)
        throw new RunbookError(
          'provider.not_configured',
          `kubernetes logs: not configured — ${loaded.reason}`,
        );
      const client = loaded.client;
      const matches = matcher(query.pattern, query.regex);
      try {
        const { namespace, pods } = await resolvePods(client, query, signal);
        const logs = await readPodLogs(
          client,
          pods,
          {
            allContainers: true,
            tailLines: MAX_LINES_PER_CONTAINER,
            sinceSeconds: Math.max(1, Math.ceil(query.sinceMs / 1000)),
            maxPods: MAX_PODS,
          },
          signal,
        );
        if (logs.lines.length === 0 && logs.errors.length > 0 && logs.errors.length >= logs.podsRead) {
          throw new RunbookError(
            'provider.failed',
            `kubernetes logs (${client.label}): ${logs.errors[0]?.pod}: ${logs.errors[0]?.message}`,
          );
        }
        const found = logs.lines.filter((line) => matches(line.line));
        const lines: LogLine[] = found.slice(-query.limit).map((line) => ({
          ...(line.ts ? { ts: line.ts } : {}),
          source: 'kubernetes',
          origin: `${namespace}/${line.pod}/${line.container}`,
          line: line.line,
        }));
        return {
          lines,
          scanned: logs.lines.length,
          truncated: found.length > lines.length || logs.podsSkipped > 0,
        };
      } catch (error) {
        if (error instanceof RunbookError) throw error;
        const timedOut = signal.aborted ? ' (timed out or aborted)' : '';
        throw new RunbookError(
          'provider.failed',
          `kubernetes logs (${client.label}): ${describeKubernetesError(error)}${timedOut}`,
          { cause: error },
        );
      }
    },
  };
}
