import { type DiagnosticOutcome, runDiagnostics } from '../engine/index.ts';
import { type CompiledExpression, compileExpression, HEALTH_VARIABLES } from '../expressions/index.ts';
import type { ProviderRegistry } from '../providers/types.ts';
import { parseDurationMs } from '../runbooks/index.ts';
import { colorOf } from './sweep-health.ts';
import type { SweepCheck, SweepSpec } from './types.ts';

/** Pure: one inline check's outcome as a sweep line (a thread reply line when not healthy). */
export function checkFromOutcome(outcome: DiagnosticOutcome): SweepCheck {
  const line = outcome.outcome;
  return {
    kind: 'check',
    runbookId: outcome.step.id,
    name: line.name,
    health: outcome.health,
    color: colorOf(outcome.health),
    summary: line.summary,
    durationMs: line.durationMs,
    details:
      outcome.health === 'healthy' ? [] : [`${outcome.health}: ${line.name}: ${line.error ?? line.summary}`],
  };
}

/** The longest a sweep can take: its own limit, or an inline check's longer `timeout`. */
export function sweepBoundMs(spec: SweepSpec): number {
  const own = spec.checks.map((check) => parseDurationMs(check.timeout ?? '') ?? 0);
  return Math.max(spec.timeoutMs, ...own);
}

/**
 * The sweep's inline checks, in parallel, each under its own `timeout` (the sweep's when it has
 * none), through the same providers and health evaluation as a runbook's diagnostics.
 */
export async function runInlineChecks(
  providers: ProviderRegistry,
  spec: SweepSpec,
  now: () => Date,
): Promise<SweepCheck[]> {
  if (spec.checks.length === 0) return [];
  const compiled = new Map<string, CompiledExpression>();
  const expression = (source: string) => {
    let found = compiled.get(source);
    if (!found) {
      found = compileExpression(source, HEALTH_VARIABLES);
      compiled.set(source, found);
    }
    return found;
  };
  const outcomes = await runDiagnostics(spec.checks, {
    providers,
    expression,
    params: spec.params,
    runId: `sweep:${spec.name}`,
    now,
    // Each check has its own deadline; this only bounds the whole set should a provider misbehave.
    signal: AbortSignal.timeout(sweepBoundMs(spec) + 5_000),
    concurrency: spec.checks.length,
    defaultTimeoutMs: spec.timeoutMs,
  });
  return outcomes.map(checkFromOutcome);
}
