import type { CompiledExpression } from '../expressions/index.ts';
import type { CheckResult, Provider, ProviderRegistry } from '../providers/types.ts';
import { type DiagnosticDefinition, parseDurationMs } from '../runbooks/schema.ts';
import { checkWithTimeout } from './check-with-timeout.ts';
import { evaluateHealth, type Params } from './evaluate-health.ts';
import type { CheckOutcome, HealthStatus, ProgressEvent } from './events.ts';

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

export interface DiagnosticOutcome {
  step: DiagnosticDefinition;
  result: CheckResult;
  health: HealthStatus;
  reason: string;
  outcome: CheckOutcome;
}

export interface RunDiagnosticsOptions {
  providers: ProviderRegistry;
  expression: (source: string) => CompiledExpression;
  params: Params;
  runId: string;
  now: () => Date;
  signal: AbortSignal;
  /** How many checks run at once (default 8). */
  concurrency?: number;
  /** For steps without their own `timeout` (default 10 s). */
  defaultTimeoutMs?: number;
  /** Called as each check starts and finishes. Must not throw. */
  emit?: (event: ProgressEvent) => void;
  hypothesisId?: string;
  runbookId?: string;
}

function toOutcome(
  step: DiagnosticDefinition,
  result: CheckResult,
  health: HealthStatus,
  reason: string,
  durationMs: number,
  runbookId: string | undefined,
): CheckOutcome {
  const error = result.status === 'error' ? (result.error ?? result.summary) : undefined;
  return {
    checkId: step.id,
    name: step.name ?? step.id,
    diagnosticType: step.type,
    health,
    value: result.value,
    summary: health === 'unknown' ? `${result.summary} (${reason})` : result.summary,
    ...(result.query === undefined ? {} : { query: result.query }),
    ...(error === undefined ? {} : { error }),
    durationMs,
    ...(runbookId === undefined ? {} : { runbookId }),
    ...chartData(step, result),
  };
}

const MAX_CHART_SERIES = 3;
const MAX_CHART_SAMPLES = 120;

/** The range series and health conditions a chart needs, bounded (every n-th sample, the last one kept). */
function chartData(
  step: DiagnosticDefinition,
  result: CheckResult,
): Pick<CheckOutcome, 'series' | 'healthConditions'> {
  const ranged = result.series.filter((point) => (point.samples?.length ?? 0) > 1).slice(0, MAX_CHART_SERIES);
  if (ranged.length === 0) return {};
  const series = ranged.map((point) => {
    const samples = point.samples ?? [];
    const stride = Math.ceil(samples.length / MAX_CHART_SAMPLES);
    const kept = samples.filter((_, index) => index % stride === 0 || index === samples.length - 1);
    return { labels: point.labels, samples: kept.map(([at, value]): [number, number] => [at, value]) };
  });
  const { critical, warning } = step.health ?? {};
  const healthConditions = {
    ...(critical === undefined ? {} : { critical }),
    ...(warning === undefined ? {} : { warning }),
  };
  return { series, healthConditions };
}

/**
 * Runs diagnostics in parallel (up to `concurrency` at once), each under its own timeout combined
 * with the run's signal. A missing, failing or hanging provider becomes health `error` and never
 * sinks the run. Results keep the input order; events are emitted as checks start and finish.
 */
export async function runDiagnostics(
  steps: readonly DiagnosticDefinition[],
  options: RunDiagnosticsOptions,
): Promise<DiagnosticOutcome[]> {
  const outcomes: DiagnosticOutcome[] = new Array(steps.length);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const hypothesis = options.hypothesisId === undefined ? {} : { hypothesisId: options.hypothesisId };
  const at = () => options.now().toISOString();
  let next = 0;
  const abortCallbacks = new Set<() => void>();
  const onAbort = (callback: () => void) => {
    abortCallbacks.add(callback);
    return () => abortCallbacks.delete(callback);
  };
  const abortAll = () => {
    for (const callback of [...abortCallbacks]) callback();
  };
  options.signal.addEventListener('abort', abortAll, { once: true });

  const runOne = async (index: number, step: DiagnosticDefinition) => {
    options.emit?.({
      type: 'check.started',
      runId: options.runId,
      at: at(),
      checkId: step.id,
      name: step.name ?? step.id,
      diagnosticType: step.type,
      ...hypothesis,
    });
    const startedAt = options.now().getTime();
    const elapsedMs = () => Math.max(0, options.now().getTime() - startedAt);
    const timeoutMs =
      (step.timeout === undefined ? undefined : parseDurationMs(step.timeout)) ?? defaultTimeoutMs;
    const result = await checkWithTimeout(options.providers[step.type] as Provider | undefined, step, {
      params: options.params,
      now: options.now(),
      signal: options.signal,
      onAbort,
      timeoutMs,
      elapsedMs,
    });
    const { health, reason } = evaluateHealth(step, result, options.expression, options.params);
    const outcome = toOutcome(step, result, health, reason, elapsedMs(), options.runbookId);
    outcomes[index] = { step, result, health, reason, outcome };
    options.emit?.({ type: 'check.finished', runId: options.runId, at: at(), outcome, ...hypothesis });
  };

  const worker = async () => {
    while (next < steps.length) {
      const index = next++;
      const step = steps[index];
      if (step) await runOne(index, step);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, steps.length) }, worker));
  } finally {
    options.signal.removeEventListener('abort', abortAll);
  }
  return outcomes;
}
