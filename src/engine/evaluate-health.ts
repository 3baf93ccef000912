import { errorMessage } from '../errors/index.ts';
import type { CompiledExpression } from '../expressions/index.ts';
import { evaluateCondition } from '../expressions/index.ts';
import type { CheckResult } from '../providers/types.ts';
import type { DiagnosticDefinition } from '../runbooks/schema.ts';
import type { HealthStatus } from './events.ts';

export type Params = Record<string, string | number | boolean>;

/** The variables a health condition reads (see HEALTH_VARIABLES). */
export function healthContext(result: CheckResult, params: Params): Record<string, unknown> {
  return {
    value: result.value,
    values: result.series.map((point) => point.value),
    series: result.series.map((point) => ({ labels: point.labels, value: point.value })),
    items: result.items,
    count: result.items.length > 0 ? result.items.length : result.series.length,
    fields: result.fields,
    params,
  };
}

function describeValue(value: number | null): string {
  if (value === null) return 'no value';
  return `value = ${Number.isInteger(value) ? value : Number(value.toPrecision(4))}`;
}

/**
 * Interprets one result: `critical` is tried first, then `warning`, then `healthy` (false → warning).
 * A condition that cannot be evaluated (no data, a type mismatch) makes the health `unknown`, because
 * a silent `false` would report "healthy" on a check that saw nothing.
 */
export function evaluateHealth(
  step: DiagnosticDefinition,
  result: CheckResult,
  expression: (source: string) => CompiledExpression,
  params: Params,
): { health: HealthStatus; reason: string } {
  if (result.status === 'error') return { health: 'error', reason: result.error ?? result.summary };
  const health = step.health;
  if (!health) return { health: 'healthy', reason: 'check succeeded (no health conditions)' };
  const context = healthContext(result, params);
  const rules: Array<[source: string | undefined, HealthStatus, 'matched' | 'unmatched']> = [
    [health.critical, 'critical', 'matched'],
    [health.warning, 'warning', 'matched'],
    [health.healthy, 'warning', 'unmatched'],
  ];
  for (const [source, status, when] of rules) {
    if (source === undefined) continue;
    let compiled: CompiledExpression;
    try {
      compiled = expression(source);
    } catch (error) {
      return { health: 'unknown', reason: `cannot compile "${source}": ${errorMessage(error)}` };
    }
    const evaluated = evaluateCondition(compiled, context);
    if (!evaluated.ok) {
      return {
        health: 'unknown',
        reason: `cannot evaluate (${describeValue(result.value)}): ${evaluated.error}`,
      };
    }
    if (when === 'matched' && evaluated.matched) {
      return { health: status, reason: `${status}: ${source} (${describeValue(result.value)})` };
    }
    if (when === 'unmatched' && !evaluated.matched) {
      return { health: status, reason: `not healthy: ${source} is false (${describeValue(result.value)})` };
    }
  }
  return { health: 'healthy', reason: `healthy (${describeValue(result.value)})` };
}
