import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileExpression, HEALTH_VARIABLES } from '../expressions/index.ts';
import { type CheckResult, errorResult } from '../providers/types.ts';
import type { DiagnosticDefinition, HealthDefinition } from '../runbooks/schema.ts';
import { evaluateHealth } from './evaluate-health.ts';

const expression = (source: string) => compileExpression(source, HEALTH_VARIABLES);

function step(health?: HealthDefinition): DiagnosticDefinition {
  return { id: 'usage', type: 'prometheus_query', query: 'up', ...(health ? { health } : {}) };
}

function ok(value: number | null, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    status: 'ok',
    value,
    series: [],
    items: [],
    fields: {},
    summary: `v=${value}`,
    durationMs: 1,
    ...extra,
  };
}

const tiers = { critical: 'value > 0.9', warning: 'value > 0.7', healthy: 'value < 0.5' };

describe('evaluateHealth', () => {
  it('reports critical before warning when both conditions hold', () => {
    const verdict = evaluateHealth(step(tiers), ok(0.97), expression, {});
    assert.equal(verdict.health, 'critical');
    assert.match(verdict.reason, /value > 0\.9/);
  });

  it('reports warning when only the warning condition holds', () => {
    assert.equal(evaluateHealth(step(tiers), ok(0.8), expression, {}).health, 'warning');
  });

  it('reports warning when a healthy condition is given and does not hold', () => {
    const verdict = evaluateHealth(step(tiers), ok(0.6), expression, {});
    assert.equal(verdict.health, 'warning');
    assert.match(verdict.reason, /value < 0\.5 is false/);
  });

  it('reports healthy when no condition fires', () => {
    assert.equal(evaluateHealth(step(tiers), ok(0.1), expression, {}).health, 'healthy');
  });

  it('treats a successful check without a health block as healthy', () => {
    assert.equal(evaluateHealth(step(), ok(5), expression, {}).health, 'healthy');
  });

  it('turns a provider error into health error with its reason', () => {
    const verdict = evaluateHealth(
      step(tiers),
      errorResult('prometheus: connection refused', 3),
      expression,
      {},
    );
    assert.deepEqual(verdict, { health: 'error', reason: 'prometheus: connection refused' });
  });

  it('reports unknown, not healthy, when the data is missing and a condition cannot be evaluated', () => {
    const verdict = evaluateHealth(step(tiers), ok(null), expression, {});
    assert.equal(verdict.health, 'unknown');
    assert.match(verdict.reason, /no value/);
  });

  it('lets conditions read series, items, fields, count and params', () => {
    const health = {
      critical:
        "max(values) > params.limit && series.exists(s, s.labels.pod == 'a') && fields.code == 500.0 && count == 2.0",
    };
    const result = ok(1, {
      series: [
        { labels: { pod: 'a' }, value: 9 },
        { labels: { pod: 'b' }, value: 1 },
      ],
      fields: { code: 500 },
    });
    assert.equal(evaluateHealth(step(health), result, expression, { limit: 5 }).health, 'critical');
  });
});
