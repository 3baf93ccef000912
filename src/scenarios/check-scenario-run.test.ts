import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Conclusion, RecommendedRemediation } from '../engine/events.ts';
import { checkScenarioRun } from './check-scenario-run.ts';
import type { RecordedWrite } from './kubernetes-api/index.ts';
import type { ScenarioExpectation } from './types.ts';

function remediation(actionType: string): RecommendedRemediation {
  return {
    runbookId: 'bad-deploy',
    remediationId: `do-${actionType}`,
    name: actionType,
    actionType,
    risk: 'medium',
    requiresApproval: true,
  };
}

function conclusion(overrides: Partial<Conclusion>): { conclusion: Conclusion } {
  return {
    conclusion: {
      category: 'bad-deploy',
      summary: 'Errors started with revision 14 of checkout.',
      confidence: 'high',
      supportingEvidence: [],
      ruledOut: [],
      remediations: [],
      ...overrides,
    },
  };
}

const expectBadDeploy: ScenarioExpectation = {
  rootCause: 'bad-deploy',
  resource: 'checkout',
  remediation: ['rollback'],
};
const write: RecordedWrite = {
  method: 'PATCH',
  path: '/apis/apps/v1/namespaces/production/deployments/checkout',
  contentType: 'application/merge-patch+json',
  body: {},
  at: '2026-01-01T12:00:00Z',
};

test('passes when category, resource and remediation match and nothing was written', () => {
  const result = checkScenarioRun(
    { expect: expectBadDeploy },
    conclusion({ resource: 'checkout', remediations: [remediation('notify'), remediation('rollback')] }),
    [],
  );
  assert.deepEqual(result, { passed: true, failures: [] });
});

test('fails on a different category, saying what was expected and what was concluded', () => {
  const result = checkScenarioRun(
    { expect: { rootCause: 'db-connection-exhaustion' } },
    conclusion({ category: 'downstream-unavailable' }),
    [],
  );
  assert.equal(result.passed, false);
  assert.deepEqual(result.failures, [
    'root cause: expected db-connection-exhaustion, concluded downstream-unavailable',
  ]);
});

test('accepts the resource when the summary names it or the resource is qualified', () => {
  const expectation = { expect: { rootCause: 'bad-deploy', resource: 'checkout' } as const };
  assert.equal(checkScenarioRun(expectation, conclusion({}), []).passed, true);
  assert.equal(
    checkScenarioRun(expectation, conclusion({ resource: 'production/deployment/checkout' }), []).passed,
    true,
  );
  assert.equal(checkScenarioRun(expectation, conclusion({ resource: 'Checkout' }), []).passed, true);
});

test('does not count a longer name that merely starts with the resource', () => {
  const result = checkScenarioRun(
    { expect: { rootCause: 'bad-deploy', resource: 'checkout' } },
    conclusion({ resource: 'checkout-db', summary: 'checkout-db was redeployed' }),
    [],
  );
  assert.deepEqual(result.failures, ['resource: expected checkout to be named, concluded "checkout-db"']);
});

test('fails when no recommended remediation has an expected action type', () => {
  const result = checkScenarioRun(
    { expect: expectBadDeploy },
    conclusion({ resource: 'checkout', remediations: [remediation('restart'), remediation('restart')] }),
    [],
  );
  assert.deepEqual(result.failures, ['remediation: expected one of rollback, recommended restart']);
  const none = checkScenarioRun({ expect: expectBadDeploy }, conclusion({ resource: 'checkout' }), []);
  assert.deepEqual(none.failures, ['remediation: expected one of rollback, recommended none']);
});

test('fails when the Kubernetes API recorded a write, even if the diagnosis was right', () => {
  const result = checkScenarioRun(
    { expect: expectBadDeploy },
    conclusion({ resource: 'checkout', remediations: [remediation('rollback')] }),
    [write],
  );
  assert.equal(result.passed, false);
  assert.match(
    result.failures[0] ?? '',
    /^mutation: .*1 write\(s\): PATCH \/apis\/apps\/v1\/namespaces\/production\/deployments\/checkout$/,
  );
});

test('a false alarm passes only when the investigation concludes none', () => {
  const expectNone = { expect: { rootCause: 'none' } as const };
  assert.equal(
    checkScenarioRun(expectNone, conclusion({ category: 'none', summary: 'No fault found.' }), []).passed,
    true,
  );
  assert.equal(checkScenarioRun(expectNone, conclusion({ category: 'traffic-spike' }), []).passed, false);
});
