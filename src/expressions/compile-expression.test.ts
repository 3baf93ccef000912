import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunbookError } from '../errors/index.ts';
import { compileExpression, evaluateCondition, HEALTH_VARIABLES } from './index.ts';

describe('compileExpression', () => {
  it('evaluates a numeric threshold against a double value', () => {
    const expression = compileExpression('value > 90', HEALTH_VARIABLES);
    assert.deepEqual(evaluateCondition(expression, { value: 95.5 }), { ok: true, matched: true });
    assert.deepEqual(evaluateCondition(expression, { value: 12 }), { ok: true, matched: false });
  });

  it('supports comprehensions over series with labels', () => {
    const expression = compileExpression(
      "series.all(s, s.value == 1) && series.exists(s, s.labels.pod == 'a')",
      HEALTH_VARIABLES,
    );
    const context = {
      series: [
        { labels: { pod: 'a' }, value: 1 },
        { labels: { pod: 'b' }, value: 1 },
      ],
    };
    assert.deepEqual(evaluateCondition(expression, context), { ok: true, matched: true });
  });

  it('offers max, min, sum and avg over lists of numbers', () => {
    const expression = compileExpression(
      'max(values) == 4.0 && min(values) == 1.0 && sum(values) == 7.0 && avg(values) > 2.3',
      HEALTH_VARIABLES,
    );
    assert.deepEqual(evaluateCondition(expression, { values: [1, 2, 4] }), { ok: true, matched: true });
  });

  it('rejects an expression that does not parse, saying where', () => {
    assert.throws(
      () => compileExpression('value >> 90', HEALTH_VARIABLES),
      (error: unknown) => {
        assert.ok(error instanceof RunbookError);
        assert.equal(error.code, 'expression.invalid');
        assert.match(error.message, /cannot parse/);
        return true;
      },
    );
  });

  it('rejects a misspelt variable at compile time instead of evaluating to false', () => {
    assert.throws(() => compileExpression('valeu > 90', HEALTH_VARIABLES), /unknown variable "valeu"/);
  });

  it('does not treat comprehension variables as free variables', () => {
    const expression = compileExpression('items.exists(p, p.restarts > 3)', HEALTH_VARIABLES);
    assert.deepEqual(expression.variables, ['items']);
  });

  it('reports an evaluation error, such as comparing missing data, without throwing', () => {
    const expression = compileExpression('value > 90', HEALTH_VARIABLES);
    const result = evaluateCondition(expression, { value: null });
    assert.equal(result.ok, false);
  });

  it('reports a non-boolean condition as an error', () => {
    const expression = compileExpression('value + 1', HEALTH_VARIABLES);
    const result = evaluateCondition(expression, { value: 1 });
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error, /expected true or false/);
  });

  it('cannot reach JavaScript globals', () => {
    assert.throws(() => compileExpression('process.exit(1)', HEALTH_VARIABLES), /unknown variable "process"/);
  });
});

describe('numeric literals', () => {
  it('lets integer literals mix with double inputs in arithmetic', () => {
    const expression = compileExpression('value * 100 > 90 && value + 1 < 2', HEALTH_VARIABLES);
    assert.deepEqual(evaluateCondition(expression, { value: 0.95 }), { ok: true, matched: true });
  });

  it('keeps list indexes and counting macros working', () => {
    const expression = compileExpression(
      'items[0].restarts > 3 && items.filter(p, p.restarts > 3).size() == 1 && size(items) == 2',
      HEALTH_VARIABLES,
    );
    assert.deepEqual(evaluateCondition(expression, { items: [{ restarts: 5 }, { restarts: 0 }] }), {
      ok: true,
      matched: true,
    });
  });

  it('counts with exists_one', () => {
    const expression = compileExpression('items.exists_one(p, p.restarts > 3)', HEALTH_VARIABLES);
    assert.deepEqual(evaluateCondition(expression, { items: [{ restarts: 5 }, { restarts: 0 }] }), {
      ok: true,
      matched: true,
    });
  });
});
