import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createKubernetesActions } from '../../src/actions/kubernetes/index.ts';
import type { FakeKubernetesApi } from '../../src/scenarios/kubernetes-api/index.ts';
import { startFixtureApi } from '../fixtures/kubernetes/start-fixture-api.ts';

const run = promisify(execFile);

/** kubectl serialises Go zero values (`creationTimestamp: null`, `resources: {}`) that mean "unset". */
function withoutGoZeroValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutGoZeroValues);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value)
    .map(([key, item]) => [key, withoutGoZeroValues(item)] as const)
    .filter(
      ([, item]) => item !== null && !(typeof item === 'object' && Object.keys(item as object).length === 0),
    );
  return Object.fromEntries(entries);
}
const NOW = new Date();
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).error === undefined;
const skip = hasKubectl
  ? false
  : 'kubectl is not on the PATH: install it to prove the fake speaks the real wire format';

describe('real kubectl against the fake Kubernetes API', { skip }, () => {
  let api: FakeKubernetesApi;
  let cacheDir: string;

  before(async () => {
    api = await startFixtureApi('orders-crashloop', NOW);
    cacheDir = await mkdtemp(join(tmpdir(), 'runbook-kubectl-cache-'));
  });
  after(async () => {
    await api.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  async function kubectl(...args: string[]): Promise<string> {
    const { stdout } = await run(
      'kubectl',
      ['--kubeconfig', api.kubeconfigPath, '--cache-dir', cacheDir, ...args],
      {
        timeout: 20_000,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: cacheDir },
      },
    );
    return stdout;
  }

  async function writesDuring(command: () => Promise<unknown>) {
    const before = api.writes().length;
    await command();
    return api.writes().slice(before);
  }

  it('lists pods in every namespace with their status and restarts', async () => {
    const out = await kubectl('get', 'pods', '-A');
    assert.match(out, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    assert.match(out, /shop\s+orders-7b9c5d-aaaaa\s+1\/2\s+CrashLoopBackOff\s+7\s+11h/);
    assert.match(out, /kube-system\s+coredns-abc12\s+1\/1\s+Running\s+1/);
  });

  it('describes a pod with its last termination and its events', async () => {
    const out = await kubectl('describe', 'pod', '-n', 'shop', 'orders-7b9c5d-aaaaa');
    assert.match(out, /Reason:\s+OOMKilled/);
    assert.match(out, /Exit Code:\s+137/);
    assert.match(out, /Warning\s+BackOff\s+.*Back-off restarting failed container api/);
  });

  it('prints container logs, the tail and the previous container', async () => {
    assert.match(
      await kubectl('logs', '-n', 'shop', 'orders-7b9c5d-ccccc', '-c', 'api', '--tail=1'),
      /^\S+Z INFO {2}served 100 requests\n$/,
    );
    assert.match(
      await kubectl('logs', '-n', 'shop', 'orders-7b9c5d-aaaaa', '-c', 'api', '--previous'),
      /OutOfMemoryError/,
    );
  });

  it('shows rollout history oldest first with change causes', async () => {
    const out = await kubectl('rollout', 'history', 'deploy/orders', '-n', 'shop');
    assert.match(out, /REVISION\s+CHANGE-CAUSE\n3\s+orders 1\.4\.0\n4\s+orders 1\.4\.2\n5\s+<none>/);
  });

  it('restarts a deployment: one strategic merge patch of restartedAt is recorded', async () => {
    let out = '';
    const writes = await writesDuring(async () => {
      out = await kubectl('rollout', 'restart', 'deploy/orders', '-n', 'shop');
    });
    assert.match(out, /deployment.apps\/orders restarted/);
    assert.equal(writes.length, 1);
    assert.equal(writes[0]?.contentType, 'application/strategic-merge-patch+json');
    const body = writes[0]?.body as {
      spec: { template: { metadata: { annotations: Record<string, string> } } };
    };
    const annotations = body.spec.template.metadata.annotations;
    assert.match(annotations['kubectl.kubernetes.io/restartedAt'] ?? '', /^\d{4}-\d{2}-\d{2}T/);
  });

  it('scales a deployment through the scale subresource', async () => {
    let out = '';
    const writes = await writesDuring(async () => {
      out = await kubectl('scale', 'deploy/orders', '-n', 'shop', '--replicas=3');
    });
    assert.match(out, /deployment.apps\/orders scaled/);
    assert.deepEqual(
      writes.map((write) => [write.method, write.path, write.body]),
      [['PATCH', '/apis/apps/v1/namespaces/shop/deployments/orders/scale', { spec: { replicas: 3 } }]],
    );
  });

  it('rolls back with the same JSON patch our rollback action plans', async () => {
    const writes = await writesDuring(() => kubectl('rollout', 'undo', 'deploy/orders', '-n', 'shop'));
    assert.equal(writes.length, 1);
    assert.equal(writes[0]?.contentType, 'application/json-patch+json');
    const actions = createKubernetesActions(
      { kubeconfig: api.kubeconfigPath, context: undefined },
      { defaultKubeconfigPath: '/nonexistent', inClusterPathPrefix: '/nonexistent' },
    );
    const planned = await actions.rollback.plan(
      { type: 'rollback', target: { kind: 'Deployment', name: 'orders', namespace: 'shop' } },
      'high',
    );
    const ours = JSON.parse(planned.dryRun.slice(planned.dryRun.indexOf('\n\n') + 2));
    assert.deepEqual(withoutGoZeroValues(ours), withoutGoZeroValues(writes[0]?.body));
  });
});
