import { redactText } from '../../audit/index.ts';
import { errorMessage } from '../../errors/index.ts';
import { notConfiguredResult } from '../not-configured.ts';
import { durationOr, stepTimeoutMs } from '../step-timeout.ts';
import {
  type CheckContext,
  type CheckResult,
  errorResult,
  type LogLine,
  type LogSource,
  type Provider,
} from '../types.ts';
import { compileLinePredicate } from './line-predicate.ts';

type LogSearchStep = Parameters<Provider<'log_search'>['check']>[0];

/** Matching lines counted per source; beyond this the count is reported as a lower bound. */
const COUNT_LIMIT = 1000;
const DEFAULT_SAMPLES = 20;
const SAMPLE_LINE_CHARS = 2_000;
const DEFAULT_WINDOW = '15m';

const SOURCE_VARIABLES: Record<LogSource['name'], string> = {
  kubernetes: 'KUBECONFIG or KUBE_CONTEXT (or run inside a cluster)',
  datadog: 'DD_API_KEY and DD_APP_KEY',
};

function newestFirst(left: LogLine, right: LogLine): number {
  return (right.ts ?? '').localeCompare(left.ts ?? '');
}

async function search(
  sources: readonly LogSource[],
  step: LogSearchStep,
  context: CheckContext,
): Promise<CheckResult> {
  const startedAt = performance.now();
  const elapsed = () => Math.round(performance.now() - startedAt);
  const regex = step.regex === true;
  const window = step.window ?? DEFAULT_WINDOW;
  const wanted = step.source ?? 'all';
  const selected = sources.filter((source) => wanted === 'all' || source.name === wanted);
  const query = `${regex ? `/${step.pattern}/` : JSON.stringify(step.pattern)} in ${wanted} logs over ${window}`;
  const configured = selected.filter((source) => source.isConfigured);
  if (configured.length === 0) {
    const names = wanted === 'all' ? (['kubernetes', 'datadog'] as const) : [wanted];
    return notConfiguredResult(
      'log_search',
      names.map((name) => SOURCE_VARIABLES[name]).join(', or '),
      query,
    );
  }
  let matches: (line: string) => boolean;
  try {
    matches = compileLinePredicate(step.pattern, regex);
  } catch (error) {
    return errorResult(`log_search failed: ${errorMessage(error)}`, elapsed(), query);
  }
  const signal = AbortSignal.any([context.signal, AbortSignal.timeout(stepTimeoutMs(step))]);
  const request = {
    pattern: step.pattern,
    regex,
    ...(step.namespace === undefined ? {} : { namespace: step.namespace }),
    ...(step.workload === undefined ? {} : { workload: step.workload }),
    ...(step.labelSelector === undefined ? {} : { labelSelector: step.labelSelector }),
    sinceMs: durationOr(window, 15 * 60_000),
    limit: COUNT_LIMIT,
  };
  const settled = await Promise.allSettled(configured.map((source) => source.search(request, signal)));
  const errors: Record<string, string> = {};
  const lines: LogLine[] = [];
  let scanned = 0;
  let truncated = false;
  settled.forEach((outcome, index) => {
    const name = configured[index]?.name ?? 'unknown';
    if (outcome.status === 'rejected') {
      errors[name] = errorMessage(outcome.reason);
      return;
    }
    scanned += outcome.value.scanned;
    truncated ||= outcome.value.truncated;
    // Sources filter too; matching again here keeps one definition of a match.
    lines.push(...outcome.value.lines.filter((line) => matches(line.line)));
  });
  if (Object.keys(errors).length === configured.length) {
    const reasons = Object.entries(errors).map(([name, reason]) => `${name}: ${reason}`);
    return errorResult(`log_search failed: ${reasons.join('; ')} (query: ${query})`, elapsed(), query);
  }
  const byOrigin: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  for (const line of lines) {
    byOrigin[line.origin] = (byOrigin[line.origin] ?? 0) + 1;
    bySource[line.source] = (bySource[line.source] ?? 0) + 1;
  }
  const samples = [...lines].sort(newestFirst).slice(0, step.limit ?? DEFAULT_SAMPLES);
  const top = Object.entries(byOrigin).sort((left, right) => right[1] - left[1])[0];
  const count = `${lines.length}${truncated ? '+' : ''}`;
  return {
    status: 'ok',
    value: lines.length,
    series: [],
    items: samples.map((line) => ({
      ...(line.ts === undefined ? {} : { ts: line.ts }),
      origin: line.origin,
      source: line.source,
      line: redactText(line.line.slice(0, SAMPLE_LINE_CHARS)),
    })),
    fields: { count: lines.length, by_origin: byOrigin, by_source: bySource, scanned, truncated, errors },
    summary:
      lines.length === 0
        ? `no lines matching ${regex ? `/${step.pattern}/` : JSON.stringify(step.pattern)} in the last ${window} (${scanned} scanned)`
        : `${count} matching lines in the last ${window} from ${Object.keys(byOrigin).length} origin(s); most from ${top?.[0]} (${top?.[1]})`,
    query,
    durationMs: elapsed(),
  };
}

/**
 * Searches every configured LogSource (Kubernetes container logs, Datadog logs) at once: `value`
 * = matching lines, `items` = newest sample lines `{ts, origin, source, line}`, `fields.by_origin`.
 * A source that fails is reported in `fields.errors` while the others still count.
 */
export function createLogSearchProvider(sources: readonly LogSource[]): Provider<'log_search'> {
  return {
    type: 'log_search',
    isConfigured: sources.some((source) => source.isConfigured),
    check: (step, context) => search(sources, step, context),
  };
}
