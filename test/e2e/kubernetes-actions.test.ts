import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPlan } from '../../src/actions/index.ts';
import { createKubernetesActions, type KubernetesActions } from '../../src/actions/kubernetes/index.ts';
import type { ApprovalGrant, PlannedAction } from '../../src/actions/types.ts';
import { RunbookError } from '../../src/errors/index.ts';
import type { FakeKubernetesApi } from '../../src/scenarios/kubernetes-api/index.ts';
import { startFixtureApi } from '../fixtures/kubernetes/start-fixture-api.ts';

const NOW = new Date('2027-05-05T05:05:05.678Z');
const grantFor = (planned: PlannedAction): ApprovalGrant => ({
  approvalId: 'ap-1',
  planHash: planned.hash,
  approvedBy: 'U123',
  approvedAt: NOW.toISOString(),
});
const refused = (error: unknown) => error instanceof RunbookError && error.code === 'action.refused';

describe('kubernetes actions against the fake API', () => {
  let api: FakeKubernetesApi;
  let actions: KubernetesActions;

  before(async () => {
    api = await startFixtureApi('orders-crashloop', NOW);
    actions = createKubernetesActions(
      { kubeconfig: api.kubeconfigPath, context: undefined },
      { clock: () => NOW, defaultKubeconfigPath: '/nonexistent', inClusterPathPrefix: '/nonexistent' },
    );
  });
  after(() => api.stop());

  /** Writes made while `run` runs. */
  async function writesDuring(run: () => Promise<unknown>) {
    const before = api.writes().length;
    await run();
    return api.writes().slice(before);
  }

  it('plans a restart without writing, then sends exactly the planned merge patch once', async () => {
    let planned: PlannedAction | undefined;
    const planWrites = await writesDuring(async () => {
      planned = await actions.restart.plan(
        { type: 'restart', target: { kind: 'Deployment', name: 'orders', namespace: 'shop' } },
        'low',
      );
    });
    assert.deepEqual(planWrites, []);
    assert.ok(planned);
    const body = {
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2027-05-05T05:05:05Z' } },
        },
      },
    };
    assert.equal(
      planned.dryRun,
      `PATCH /apis/apps/v1/namespaces/shop/deployments/orders\nContent-Type: application/merge-patch+json\n\n${JSON.stringify(body, null, 2)}`,
    );
    assert.equal(planned.target, 'deployment/shop/orders');
    assert.equal(planned.mutates, true);
    assert.equal(planned.hash, hashPlan(planned));
    assert.match(planned.description, /its 3 pods are replaced one by one/);
    assert.equal(planned.rollback.action, undefined);

    const ran = await writesDuring(async () => {
      const outcome = await actions.restart.execute(
        planned as PlannedAction,
        grantFor(planned as PlannedAction),
      );
      assert.equal(outcome.status, 'succeeded');
    });
    assert.equal(ran.length, 1);
    assert.deepEqual(
      { method: ran[0]?.method, path: ran[0]?.path, contentType: ran[0]?.contentType, body: ran[0]?.body },
      {
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/shop/deployments/orders',
        contentType: 'application/merge-patch+json',
        body,
      },
    );
  });

  it('scales through the scale subresource and records the inverse as scaling back to the count read at plan time', async () => {
    const planned = await actions.scale.plan(
      { type: 'scale', target: { kind: 'Deployment', name: 'orders', namespace: 'shop' }, replicas: '6' },
      'medium',
    );
    assert.deepEqual(planned.spec, {
      type: 'scale',
      target: { kind: 'Deployment', name: 'orders', namespace: 'shop' },
      replicas: 6,
    });
    assert.deepEqual(planned.rollback.action, {
      type: 'scale',
      target: { kind: 'Deployment', name: 'orders', namespace: 'shop' },
      replicas: 3,
    });
    const ran = await writesDuring(async () => {
      const outcome = await actions.scale.execute(planned, grantFor(planned));
      assert.equal(outcome.status, 'succeeded');
      assert.deepEqual(outcome.undo, planned.rollback);
    });
    assert.equal(ran.length, 1);
    assert.equal(ran[0]?.path, '/apis/apps/v1/namespaces/shop/deployments/orders/scale');
    assert.equal(ran[0]?.contentType, 'application/merge-patch+json');
    assert.deepEqual(ran[0]?.body, { spec: { replicas: 6 } });
  });

  it('rolls back to the previous revision with the JSON patch kubectl rollout undo sends', async () => {
    const planned = await actions.rollback.plan(
      { type: 'rollback', target: { kind: 'Deployment', name: 'orders', namespace: 'shop' } },
      'high',
    );
    const expected = [
      {
        op: 'replace',
        path: '/spec/template',
        value: {
          metadata: { labels: { app: 'orders', tier: 'api' } },
          spec: {
            containers: [
              { name: 'api', image: 'registry.example.com/orders:1.4.2' },
              { name: 'proxy', image: 'envoyproxy/envoy:v1.30.0' },
            ],
          },
        },
      },
      {
        op: 'replace',
        path: '/metadata/annotations',
        value: { 'deployment.kubernetes.io/revision': '5', 'kubernetes.io/change-cause': 'orders 1.4.2' },
      },
    ];
    const header =
      'PATCH /apis/apps/v1/namespaces/shop/deployments/orders\nContent-Type: application/json-patch+json\n\n';
    assert.ok(planned.dryRun.startsWith(header));
    assert.deepEqual(JSON.parse(planned.dryRun.slice(header.length)), expected);
    assert.equal(planned.spec.type === 'rollback' && planned.spec.revision, 4);
    assert.deepEqual(planned.rollback.action, {
      type: 'rollback',
      target: { kind: 'Deployment', name: 'orders', namespace: 'shop' },
      revision: 5,
    });
    const ran = await writesDuring(() => actions.rollback.execute(planned, grantFor(planned)));
    assert.equal(ran.length, 1);
    assert.equal(ran[0]?.contentType, 'application/json-patch+json');
    assert.deepEqual(ran[0]?.body, expected);
  });

  it('rolls back to a named revision, and refuses to plan one that does not exist', async () => {
    const planned = await actions.rollback.plan(
      { type: 'rollback', target: { kind: 'Deployment', name: 'orders', namespace: 'shop' }, revision: 3 },
      'high',
    );
    assert.match(planned.dryRun, /orders:1\.4\.0/);
    await assert.rejects(
      actions.rollback.plan(
        { type: 'rollback', target: { kind: 'Deployment', name: 'orders', namespace: 'shop' }, revision: 9 },
        'high',
      ),
      /cannot roll back deployment\/shop\/orders: no revision 9 \(revisions: 5, 4, 3\)/,
    );
  });

  it('refuses to execute without a grant for this exact plan, and writes nothing', async () => {
    const planned = await actions.scale.plan(
      { type: 'scale', target: { kind: 'Deployment', name: 'orders', namespace: 'shop' }, replicas: 1 },
      'medium',
    );
    const ran = await writesDuring(async () => {
      await assert.rejects(
        actions.scale.execute(planned, { ...grantFor(planned), planHash: 'f'.repeat(64) }),
        refused,
      );
      const tampered = { ...planned, dryRun: planned.dryRun.replace('"replicas": 1', '"replicas": 100') };
      await assert.rejects(actions.scale.execute(tampered, grantFor(planned)), refused);
      await assert.rejects(actions.scale.execute(tampered, grantFor(tampered)), refused);
      await assert.rejects(actions.restart.execute(planned, grantFor(planned)), refused);
    });
    assert.deepEqual(ran, []);
  });

  it('gives different hashes to plans that differ only in risk', async () => {
    const spec = {
      type: 'scale',
      target: { kind: 'Deployment', name: 'orders', namespace: 'shop' },
      replicas: 2,
    } as const;
    const low = await actions.scale.plan(spec, 'low');
    const high = await actions.scale.plan(spec, 'high');
    assert.notEqual(low.hash, high.hash);
  });

  it('fails to plan on a missing workload, a DaemonSet scale or a bad replica count', async () => {
    await assert.rejects(
      actions.restart.plan(
        { type: 'restart', target: { kind: 'Deployment', name: 'ghost', namespace: 'shop' } },
        'low',
      ),
      /cannot plan on deployment\/shop\/ghost .*: not found/,
    );
    await assert.rejects(
      actions.scale.plan(
        { type: 'scale', target: { kind: 'DaemonSet', name: 'agent', namespace: 'shop' }, replicas: 2 },
        'low',
      ),
      /a DaemonSet runs one pod per node/,
    );
    await assert.rejects(
      actions.scale.plan(
        {
          type: 'scale',
          target: { kind: 'Deployment', name: 'orders', namespace: 'shop' },
          replicas: '$' + '{count}', // a placeholder nobody substituted
        },
        'low',
      ),
      (error) => error instanceof RunbookError && error.code === 'parameter.invalid',
    );
  });

  it('reports a failed outcome when the API server cannot be reached', async () => {
    const planned = await actions.restart.plan(
      { type: 'restart', target: { kind: 'Deployment', name: 'orders', namespace: 'shop' } },
      'low',
    );
    await api.stop();
    const outcome = await actions.restart.execute(planned, grantFor(planned));
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.summary, /^restart of deployment\/shop\/orders failed: /);
    api = await startFixtureApi('orders-crashloop', NOW);
  });
});
