import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileExpression, DECISION_VARIABLES } from '../expressions/index.ts';
import type { DecisionRuleDefinition } from '../runbooks/schema.ts';
import { concludeRunbook } from './conclude-runbook.ts';
import { evaluateDecisionTree } from './evaluate-decision-tree.ts';
import type { HealthStatus } from './events.ts';
import { overallSeverity } from './overall-severity.ts';
import type { DiagnosticOutcome } from './run-diagnostics.ts';

const expression = (source: string) => compileExpression(source, DECISION_VARIABLES);

function outcome(
  id: string,
  health: HealthStatus,
  value: number | null,
  evidenceFor?: string[],
): DiagnosticOutcome {
  const step = {
    id,
    type: 'prometheus_query' as const,
    query: id,
    ...(evidenceFor ? { evidenceFor: evidenceFor as never } : {}),
  };
  const result = {
    status: health === 'error' ? ('error' as const) : ('ok' as const),
    value,
    series: [],
    items: [],
    fields: {},
    summary: `${id} = ${value}`,
    durationMs: 1,
  };
  return {
    step,
    result,
    health,
    reason: health,
    outcome: {
      checkId: id,
      name: id,
      diagnosticType: 'prometheus_query',
      health,
      value,
      summary: result.summary,
      durationMs: 1,
    },
  };
}

const tree: DecisionRuleDefinition[] = [
  {
    when: "diagnostics.connections.status == 'critical'",
    conclusion: 'Connection pool exhausted',
    category: 'db-connection-exhaustion',
    severity: 'P1',
    recommend: ['restart-app'],
    rules: [
      {
        when: 'diagnostics.idle.value > 50.0',
        conclusion: 'Idle connections hold the pool',
        recommend: ['terminate-idle'],
      },
      { when: 'true', escalate: true },
    ],
  },
  {
    when: "diagnostics.latency.status == 'warning'",
    conclusion: 'Slow but not exhausted',
    category: 'traffic-spike',
  },
];

describe('evaluateDecisionTree', () => {
  it('takes the first matching rule and refines it with the first matching child', () => {
    const decision = evaluateDecisionTree(
      { decision: tree },
      [
        outcome('connections', 'critical', 0.97),
        outcome('idle', 'healthy', 80),
        outcome('latency', 'warning', 3),
      ],
      {},
      expression,
    );
    assert.deepEqual(decision.path, [tree[0]?.when, 'diagnostics.idle.value > 50.0']);
    assert.equal(decision.conclusion, 'Idle connections hold the pool');
    assert.equal(decision.category, 'db-connection-exhaustion', 'inherited from the parent');
    assert.equal(decision.severity, 'P1');
    assert.deepEqual(decision.recommend, ['terminate-idle']);
    assert.equal(decision.escalate, false);
    assert.deepEqual(decision.errors, []);
  });

  it('falls through to a later child when an earlier one does not hold', () => {
    const decision = evaluateDecisionTree(
      { decision: tree },
      [
        outcome('connections', 'critical', 0.97),
        outcome('idle', 'healthy', 3),
        outcome('latency', 'healthy', 1),
      ],
      {},
      expression,
    );
    assert.equal(decision.path.length, 2);
    assert.equal(decision.conclusion, 'Connection pool exhausted');
    assert.deepEqual(decision.recommend, ['restart-app']);
    assert.equal(decision.escalate, true);
  });

  it('reports a rule that cannot be evaluated and carries on with the next one', () => {
    const decision = evaluateDecisionTree(
      { decision: tree },
      [
        outcome('connections', 'critical', 0.97),
        outcome('idle', 'error', null),
        outcome('latency', 'warning', 3),
      ],
      {},
      expression,
    );
    assert.equal(decision.errors.length, 1);
    assert.match(decision.errors[0] ?? '', /^decision\[0\]\.rules\[0\]\.when: /);
    assert.equal(decision.escalate, true, 'the catch-all child was taken instead');
  });

  it('reports a rule over a diagnostic that does not exist instead of throwing', () => {
    const decision = evaluateDecisionTree(
      { decision: [{ when: "diagnostics.missing.status == 'critical'" }] },
      [outcome('connections', 'critical', 1)],
      {},
      expression,
    );
    assert.deepEqual(decision.path, []);
    assert.equal(decision.errors.length, 1);
  });

  it('lets rules read parameters', () => {
    const decision = evaluateDecisionTree(
      {
        decision: [
          { when: "params.env == 'prod' && diagnostics.c.value > params.limit", conclusion: 'over' },
        ],
      },
      [outcome('c', 'healthy', 10)],
      { env: 'prod', limit: 5 },
      expression,
    );
    assert.equal(decision.conclusion, 'over');
  });
});

describe('concludeRunbook and overallSeverity', () => {
  it('is confident when every check the rules read agrees', () => {
    const outcomes = [
      outcome('connections', 'critical', 0.97),
      outcome('idle', 'warning', 80, ['db-connection-exhaustion']),
      outcome('latency', 'healthy', 1, ['traffic-spike']),
    ];
    const decision = evaluateDecisionTree({ decision: tree }, outcomes, {}, expression);
    const conclusion = concludeRunbook(
      { categories: ['db-connection-exhaustion', 'traffic-spike'] },
      decision,
      outcomes,
      [],
      overallSeverity({ severity: 'P2' }, decision, outcomes),
    );
    assert.equal(conclusion.category, 'db-connection-exhaustion');
    assert.equal(conclusion.confidence, 'high');
    assert.equal(conclusion.severity, 'P1');
    assert.deepEqual(conclusion.ruledOut, [{ category: 'traffic-spike', reason: 'healthy: latency' }]);
  });

  it('concludes none with low confidence when checks fail but no rule matches', () => {
    const outcomes = [outcome('connections', 'error', null), outcome('latency', 'healthy', 1)];
    const decision = evaluateDecisionTree({ decision: tree }, outcomes, {}, expression);
    const conclusion = concludeRunbook({ categories: [] }, decision, outcomes, [], undefined);
    assert.equal(conclusion.category, 'none');
    assert.equal(conclusion.confidence, 'low');
    assert.match(conclusion.summary, /1 error of 2 checks/);
  });

  it('derives severity from the worst health when the decision sets none', () => {
    assert.equal(overallSeverity({ severity: 'P2' }, {}, [{ health: 'critical' }]), 'P2');
    assert.equal(
      overallSeverity({ severity: 'P2' }, {}, [{ health: 'warning' }, { health: 'healthy' }]),
      'P3',
    );
    assert.equal(overallSeverity({ severity: 'P2' }, {}, [{ health: 'healthy' }]), undefined);
  });
});
