import { setTimeout as sleep } from 'node:timers/promises';
import { runDiagnostics } from '../src/engine/index.ts';
import { compileExpression, HEALTH_VARIABLES } from '../src/expressions/index.ts';
import type { CheckResult, Provider } from '../src/providers/types.ts';
import type { DiagnosticDefinition } from '../src/runbooks/schema.ts';

const STEPS = 20;

/** Latencies spread evenly from 50 to 250 ms, so the slowest step is 250 ms. */
const latencies = Array.from({ length: STEPS }, (_, index) => Math.round(50 + (200 * index) / (STEPS - 1)));

/** A provider of our own interface that answers after the latency its query names. */
const delayed: Provider<'prometheus_query'> = {
  type: 'prometheus_query',
  isConfigured: true,
  async check(step, context): Promise<CheckResult> {
    const ms = Number(step.query);
    await sleep(ms, undefined, { signal: context.signal });
    return {
      status: 'ok',
      value: ms,
      series: [],
      items: [],
      fields: {},
      summary: `${ms} ms`,
      durationMs: ms,
    };
  },
};

/**
 * Runs 20 diagnostics of 50–250 ms through the engine with its default concurrency (8) and with
 * room for all 20 at once; reports wall time over the slowest step (1.0 is perfect parallelism,
 * 20 steps run one by one would score about 12).
 */
export async function benchDiagnosticsParallelism(): Promise<
  Array<{ name: string; value: number; unit: string; meaning: string }>
> {
  const steps: DiagnosticDefinition[] = latencies.map((ms, index) => ({
    id: `step_${index}`,
    type: 'prometheus_query',
    query: String(ms),
    health: { critical: 'value > 1000.0' },
  }));
  const slowest = Math.max(...latencies);
  const sum = latencies.reduce((a, b) => a + b, 0);
  const measure = async (concurrency: number) => {
    const started = performance.now();
    const outcomes = await runDiagnostics(steps, {
      providers: { prometheus_query: delayed },
      expression: (source) => compileExpression(source, HEALTH_VARIABLES),
      params: {},
      runId: 'bench',
      now: () => new Date(),
      signal: new AbortController().signal,
      concurrency,
    });
    const wallMs = performance.now() - started;
    if (outcomes.some((outcome) => outcome.health !== 'healthy')) throw new Error('a bench step failed');
    return wallMs;
  };
  const wallAll = await measure(STEPS);
  const wallDefault = await measure(8);
  const round = (value: number) => Math.round(value * 100) / 100;
  return [
    {
      name: 'diagnostics.parallel.wall_over_slowest',
      value: round(wallAll / slowest),
      unit: 'ratio',
      meaning: `${STEPS} checks of 50–250 ms, all at once: wall ${Math.round(wallAll)} ms / slowest ${slowest} ms (1.0 = perfect; sequential would be ${round(sum / slowest)})`,
    },
    {
      name: 'diagnostics.default_concurrency.wall_over_slowest',
      value: round(wallDefault / slowest),
      unit: 'ratio',
      meaning: `the same ${STEPS} checks with the default limit of 8 at once: wall ${Math.round(wallDefault)} ms / slowest ${slowest} ms`,
    },
  ];
}
