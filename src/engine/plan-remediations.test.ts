import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Action, PlannedAction } from '../actions/types.ts';
import { compileExpression, DECISION_VARIABLES } from '../expressions/index.ts';
import type { ActionSpecDefinition, RemediationDefinition } from '../runbooks/schema.ts';
import type { DecisionResult } from './evaluate-decision-tree.ts';
import type { Params } from './evaluate-health.ts';
import { planRemediations, recommend } from './plan-remediations.ts';
import type { DiagnosticOutcome } from './run-diagnostics.ts';

const expression = (source: string) => compileExpression(source, DECISION_VARIABLES);

/** Replaces `${name}` in every string of a value: enough for these tests' specs. */
function substitute<T>(value: T, params: Params): T {
  return JSON.parse(
    JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'string'
        ? inner.replace(/\$\{(\w+)\}/g, (_m, name: string) => String(params[name]))
        : inner,
    ),
  ) as T;
}

function recordingRestart() {
  const planned: ActionSpecDefinition[] = [];
  let executed = 0;
  const action: Action<'restart'> = {
    type: 'restart',
    async plan(spec, risk): Promise<PlannedAction> {
      planned.push(spec);
      const target = `deployment/${spec.target.namespace}/${spec.target.name}`;
      return {
        type: 'restart',
        target,
        description: `restart ${target}`,
        risk,
        mutates: true,
        dryRun: `kubectl rollout restart ${target}`,
        spec,
        rollback: { description: 'pods come back on their own' },
        hash: 'abc',
      };
    },
    async execute() {
      executed += 1;
      throw new Error('must not run');
    },
  };
  return { action, planned, executed: () => executed };
}

const remediations: RemediationDefinition[] = [
  {
    id: 'restart-app',
    name: 'Restart',
    type: 'automated',
    risk: 'medium',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a runbook placeholder, not a template
    action: { type: 'restart', target: { kind: 'Deployment', name: '${service}', namespace: 'prod' } },
  },
  { id: 'page-dba', name: 'Page the DBA', type: 'escalate', risk: 'low', rollback: 'none needed' },
  {
    id: 'scale-up',
    name: 'Scale up',
    type: 'automated',
    risk: 'high',
    action: { type: 'scale', target: { kind: 'Deployment', name: 'x' }, replicas: 5 },
    when: 'diagnostics.c.value > 100.0',
  },
];

const decision = (recommend: string[]): DecisionResult => ({
  path: ['true'],
  recommend,
  escalate: false,
  errors: [],
});
const none: DiagnosticOutcome[] = [];

describe('planRemediations', () => {
  it('plans the recommended remediations in order with parameters substituted, executing nothing', async () => {
    const restart = recordingRestart();
    const planned = await planRemediations(
      { decision: [{ when: 'true' }], remediations },
      decision(['restart-app', 'page-dba']),
      none,
      { service: 'checkout' },
      { restart: restart.action },
      { expression, substitute, runbookId: 'db' },
    );
    assert.deepEqual(
      planned.map((r) => [r.remediationId, r.actionType, r.requiresApproval]),
      [
        ['restart-app', 'restart', true],
        ['page-dba', 'escalate', false],
      ],
    );
    assert.equal(planned[0]?.plan?.target, 'deployment/prod/checkout');
    assert.equal(planned[0]?.rollback, 'pods come back on their own');
    assert.equal(planned[1]?.rollback, 'none needed');
    assert.equal(restart.executed(), 0);
  });

  it('leaves out a recommended remediation whose when does not hold', async () => {
    const [scale] = await planRemediations(
      { decision: [{ when: 'true' }], remediations },
      decision(['scale-up']),
      [],
      {},
      {},
      { expression, substitute, runbookId: 'db' },
    );
    assert.equal(scale, undefined, 'scale-up is filtered out: its when cannot hold without data');
  });

  it('reports a missing action instead of a plan', async () => {
    const [restart] = await planRemediations(
      { decision: [{ when: 'true' }], remediations },
      decision(['restart-app']),
      none,
      { service: 'checkout' },
      {},
      { expression, substitute, runbookId: 'db' },
    );
    assert.equal(restart?.plan, undefined);
    assert.equal(restart?.planError, 'no action for restart');
  });

  it('recommends remediations whose when holds when the runbook has no decision tree', async () => {
    const planned = await planRemediations(
      { decision: [], remediations },
      decision([]),
      none,
      {},
      {},
      { expression, substitute, runbookId: 'db' },
    );
    assert.deepEqual(planned, []);
  });
});

describe('recommend', () => {
  it('names a remediation with the run parameters a person would expect to read', async () => {
    const restart = recordingRestart();
    const remediation: RemediationDefinition = {
      id: 'restart-app',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a runbook placeholder, not a template
      name: 'Rolling restart of ${service}',
      type: 'automated',
      risk: 'medium',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a runbook placeholder, not a template
      rollback: 'Nothing to undo for ${service}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a runbook placeholder, not a template
      action: { type: 'restart', target: { kind: 'Deployment', name: '${service}', namespace: 'prod' } },
    };
    const recommended = await recommend(
      remediation,
      { service: 'checkout' },
      { restart: restart.action },
      {
        expression,
        substitute,
        runbookId: 'rb',
      },
    );
    assert.equal(recommended.name, 'Rolling restart of checkout');
    assert.equal(recommended.rollback, 'Nothing to undo for checkout');
    assert.deepEqual(recommended.params, { service: 'checkout' });
    assert.equal(restart.executed(), 0);
  });
});
