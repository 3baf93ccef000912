import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createKubernetesLogSource, createKubernetesProvider } from '../../src/providers/kubernetes/index.ts';
import type { CheckContext, CheckResult } from '../../src/providers/types.ts';
import type { DiagnosticDefinition } from '../../src/runbooks/schema.ts';
import type { FakeKubernetesApi } from '../../src/scenarios/kubernetes-api/index.ts';
import { startFixtureApi } from '../fixtures/kubernetes/start-fixture-api.ts';

type Step = Extract<DiagnosticDefinition, { type: 'kubernetes' }>;
const NOW = new Date('2027-05-05T05:05:05Z');
const context = (): CheckContext => ({ params: {}, now: NOW, signal: new AbortController().signal });
const step = (fields: Omit<Step, 'id' | 'type'>): Step => ({ id: 'k8s', type: 'kubernetes', ...fields });
const NOWHERE = { defaultKubeconfigPath: '/nonexistent/kubeconfig', inClusterPathPrefix: '/nonexistent' };

function ok(result: CheckResult): CheckResult {
  assert.equal(result.status, 'ok', result.error);
  return result;
}

describe('kubernetes provider on a crash-looping workload', () => {
  let api: FakeKubernetesApi;
  let check: (fields: Omit<Step, 'id' | 'type'>) => Promise<CheckResult>;

  before(async () => {
    api = await startFixtureApi('orders-crashloop', NOW);
    const provider = createKubernetesProvider(
      { kubeconfig: api.kubeconfigPath, context: undefined },
      NOWHERE,
    );
    assert.equal(provider.isConfigured, true);
    check = (fields) => provider.check(step(fields), context());
  });
  after(() => api.stop());

  it('reports pods of a Deployment by its selector, not-ready first, with crashloop and OOM aggregates', async () => {
    const result = ok(await check({ resource: 'pods', namespace: 'shop', workload: 'orders' }));
    assert.equal(result.value, 2, 'value is the number of pods not ready');
    assert.deepEqual(
      result.items.map((pod) => pod['name']),
      ['orders-7b9c5d-aaaaa', 'orders-7b9c5d-bbbbb', 'orders-7b9c5d-ccccc'],
    );
    assert.deepEqual(
      { ...result.items[0], startedAt: undefined },
      {
        name: 'orders-7b9c5d-aaaaa',
        namespace: 'shop',
        phase: 'Running',
        status: 'CrashLoopBackOff',
        ready: false,
        readyContainers: 1,
        containers: 2,
        restarts: 7,
        waitingReason: 'CrashLoopBackOff',
        waitingMessage: 'back-off 5m0s restarting failed container',
        lastTerminationReason: 'OOMKilled',
        lastExitCode: 137,
        lastTerminatedAt: '2027-05-05T05:03:45.123Z',
        startedAt: undefined,
        node: 'node-1',
        image: 'registry.example.com/orders:1.5.0',
        ownerReplicaSet: 'orders-7b9c5d',
        createdAt: '2027-05-04T17:05:10.000Z',
        ageSeconds: 12 * 3600 - 5,
      },
    );
    assert.equal(result.fields['crashloop'], 2);
    assert.equal(result.fields['oom_killed'], 1);
    assert.equal(result.fields['restarts_total'], 11);
    assert.equal(result.fields['not_ready'], 2);
    assert.equal(
      result.summary,
      'shop/orders: 1/3 pods ready, 11 restarts — 2 CrashLoopBackOff, 1 OOMKilled (last exit 137, 1)',
    );
    assert.match(result.query ?? '', /^kubernetes pods namespace=shop workload=orders$/);
  });

  it('falls back to pod-name prefixes when there is no such workload, and honours labelSelector', async () => {
    const byName = ok(await check({ resource: 'pods', namespace: 'shop', workload: 'billing' }));
    assert.deepEqual(
      byName.items.map((pod) => pod['name']),
      ['billing-5d4c-xxxxx'],
    );
    const bySelector = ok(await check({ resource: 'pods', namespace: 'shop', labelSelector: 'tier=worker' }));
    assert.deepEqual(
      bySelector.items.map((pod) => pod['name']),
      ['orders-7b9c5d-bbbbb'],
    );
  });

  it('lists the workload’s events newest first, with warnings as the value and reason counters', async () => {
    const result = ok(await check({ resource: 'events', namespace: 'shop', workload: 'orders' }));
    assert.deepEqual(
      result.items.map((event) => event['reason']),
      ['BackOff', 'OOMKilling', 'ScalingReplicaSet'],
    );
    assert.equal(result.value, 2);
    assert.equal(result.fields['back_off'], 12);
    assert.equal(result.fields['oom_killing'], 1);
    assert.equal(result.fields['failed_scheduling'], 0);
    assert.deepEqual(result.items[0], {
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container api in pod orders-7b9c5d-aaaaa',
      object: 'Pod/orders-7b9c5d-aaaaa',
      kind: 'Pod',
      name: 'orders-7b9c5d-aaaaa',
      namespace: 'shop',
      count: 12,
      firstSeen: '2027-05-05T04:25:05.000Z',
      lastSeen: '2027-05-05T05:04:35.000Z',
      ageSeconds: 30,
    });
    const recent = ok(await check({ resource: 'events', namespace: 'shop', since: '5m' }));
    assert.deepEqual(
      recent.items.map((event) => event['reason']),
      ['BackOff', 'OOMKilling'],
    );
  });

  it('reads the tail of current logs and flags error lines', async () => {
    const result = ok(
      await check({
        resource: 'logs',
        namespace: 'shop',
        workload: 'orders',
        container: 'api',
        tailLines: 2,
      }),
    );
    assert.equal(result.fields['pods'], 3);
    assert.equal(result.value, 5);
    assert.equal(result.fields['error_lines'], 1, 'the JSON line with level error');
    const line = result.items.find((item) => item['pod'] === 'orders-7b9c5d-bbbbb');
    assert.deepEqual(line, {
      pod: 'orders-7b9c5d-bbbbb',
      container: 'api',
      ts: '2027-05-05T05:00:04.000Z',
      line: '{"ts":"2027-05-05T05:00:04.000Z","level":"error","msg":"missing env ORDERS_DB_URL"}',
      level: 'error',
    });
  });

  it('reads previous-container logs, including stack-trace lines, and keeps only the window asked for', async () => {
    const previous = ok(
      await check({
        resource: 'logs',
        namespace: 'shop',
        workload: 'orders',
        container: 'api',
        previous: true,
      }),
    );
    assert.deepEqual(previous.items.map((item) => item['line']).slice(-2), [
      '    at com.example.Catalogue.load(Catalogue.java:42)',
      '    at com.example.Main.main(Main.java:10)',
    ]);
    assert.equal(previous.fields['pod_errors'], 2, 'two pods have no previous container');
    const recent = ok(
      await check({
        resource: 'logs',
        namespace: 'shop',
        labelSelector: 'tier=api',
        container: 'api',
        since: '10m',
      }),
    );
    assert.deepEqual(
      recent.items.map((item) => item['pod']),
      ['orders-7b9c5d-aaaaa', 'orders-7b9c5d-aaaaa', 'orders-7b9c5d-ccccc'],
    );
  });

  it('reports rollout history newest first with the current revision marked', async () => {
    const result = ok(await check({ resource: 'rollout_history', namespace: 'shop', workload: 'orders' }));
    assert.deepEqual(
      result.items.map((r) => [r['revision'], r['replicaSet'], r['current']]),
      [
        [5, 'orders-7b9c5d', true],
        [4, 'orders-55f6a1', false],
        [3, 'orders-3c2e11', false],
      ],
    );
    assert.equal(
      result.fields['newest_revision_age_seconds'],
      12 * 3600 - 1,
      'created at 20:00:00.250, 11h59m59.75s before now',
    );
    assert.equal(result.fields['previous_image'], 'registry.example.com/orders:1.4.2');
    assert.equal(result.fields['image_changed'], true);
  });

  it('reports nodes with readiness and pressure, for the cluster or for the workload', async () => {
    const cluster = ok(await check({ resource: 'nodes' }));
    assert.equal(cluster.value, 1);
    assert.deepEqual(cluster.fields['not_ready_nodes'], ['node-2']);
    assert.equal(cluster.fields['memory_pressure'], 1);
    assert.equal(cluster.fields['unschedulable'], 1);
    const node2 = cluster.items.find((node) => node['name'] === 'node-2');
    assert.equal(node2?.['status'], 'Unknown');
    assert.equal(node2?.['readyReason'], 'NodeStatusUnknown');
    const node1 = cluster.items.find((node) => node['name'] === 'node-1');
    assert.deepEqual(node1?.['addresses'], ['10.0.0.11', 'node-1']);
    const workload = ok(await check({ resource: 'nodes', namespace: 'kube-system', workload: 'coredns' }));
    assert.deepEqual(
      workload.items.map((node) => node['name']),
      ['node-1'],
    );
    assert.match(
      cluster.summary,
      /^cluster: 2\/3 nodes Ready — NotReady: node-2; 1 MemoryPressure, 1 cordoned$/,
    );
  });

  it('reports a deployment with unavailable replicas as its value', async () => {
    const result = ok(await check({ resource: 'deployment', namespace: 'shop', workload: 'orders' }));
    assert.equal(result.value, 2);
    assert.equal(result.fields['revision'], 5);
    assert.equal(result.fields['rollout_complete'], false);
    assert.equal(result.fields['progressing_reason'], 'NewReplicaSetAvailable');
  });

  it('returns errors naming the provider and the query instead of throwing', async () => {
    const missing = await check({ resource: 'deployment', namespace: 'shop', workload: 'nope' });
    assert.equal(missing.status, 'error');
    assert.match(
      missing.error ?? '',
      /^kubernetes deployment \(context fake \(http:\/\/127\.0\.0\.1:\d+\)\): no Deployment, StatefulSet or DaemonSet shop\/nope$/,
    );
    assert.equal(missing.query, 'kubernetes deployment namespace=shop workload=nope');
    const noWorkload = await check({ resource: 'rollout_history', namespace: 'shop' });
    assert.match(noWorkload.error ?? '', /needs `workload`/);
  });

  it('searches container logs of every container as a log source', async () => {
    const source = createKubernetesLogSource({ kubeconfig: api.kubeconfigPath, context: undefined }, NOWHERE);
    const found = await source.search(
      {
        pattern: 'served|envoy',
        regex: true,
        namespace: 'shop',
        workload: 'orders',
        sinceMs: 2 * 3600_000,
        limit: 2,
      },
      AbortSignal.timeout(5000),
    );
    assert.deepEqual(
      found.lines.map((line) => line.origin),
      ['shop/orders-7b9c5d-ccccc/api', 'shop/orders-7b9c5d-aaaaa/proxy'],
    );
    assert.equal(found.truncated, true);
    assert.ok(found.scanned >= 5);
    const none = await source.search(
      { pattern: 'NO SUCH TEXT', regex: false, namespace: 'shop', sinceMs: 60_000, limit: 5 },
      AbortSignal.timeout(5000),
    );
    assert.deepEqual(none.lines, []);
  });
});

describe('kubernetes provider on the bad-deploy fixture', () => {
  it('shows revision 14 rolled out minutes before now, and revision 13 as the previous image', async () => {
    const api = await startFixtureApi('checkout-bad-deploy', NOW);
    try {
      const provider = createKubernetesProvider(
        { kubeconfig: api.kubeconfigPath, context: undefined },
        NOWHERE,
      );
      const result = ok(
        await provider.check(
          step({ resource: 'rollout_history', namespace: 'production', workload: 'checkout' }),
          context(),
        ),
      );
      assert.equal(result.fields['current_revision'], 14);
      assert.equal(result.fields['newest_revision_age_seconds'], 19 * 60);
      assert.equal(
        result.summary,
        'deployment production/checkout: revision 14 "deploy checkout 3.8.0" (registry.example.com/checkout:3.8.0) rolled out 19m ago; previous revision 13 (registry.example.com/checkout:3.7.2)',
      );
    } finally {
      await api.stop();
    }
  });
});

describe('kubernetes provider without a cluster', () => {
  it('says "not configured" when no kubeconfig can be loaded', async () => {
    const provider = createKubernetesProvider({ kubeconfig: undefined, context: undefined }, NOWHERE);
    assert.equal(provider.isConfigured, false);
    const result = await provider.check(step({ resource: 'pods' }), context());
    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /^kubernetes: not configured — no kubeconfig/);
    await assert.rejects(
      createKubernetesLogSource({ kubeconfig: undefined, context: undefined }, NOWHERE).search(
        { pattern: 'x', regex: false, sinceMs: 1000, limit: 1 },
        AbortSignal.timeout(1000),
      ),
      /not configured/,
    );
  });

  it('says which context is missing from the kubeconfig', async () => {
    const api = await startFixtureApi('checkout-bad-deploy', NOW);
    try {
      const provider = createKubernetesProvider(
        { kubeconfig: api.kubeconfigPath, context: 'prod-eu' },
        NOWHERE,
      );
      const result = await provider.check(step({ resource: 'pods' }), context());
      assert.match(result.error ?? '', /context "prod-eu" is not in .*kubeconfig \(KUBE_CONTEXT\)/);
    } finally {
      await api.stop();
    }
  });

  it('times out after the step timeout when the API server never answers', async () => {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(join(tmpdir(), 'runbook-kube-hang-'));
    try {
      const { port } = server.address() as AddressInfo;
      const kubeconfig = join(dir, 'kubeconfig');
      await writeFile(
        kubeconfig,
        `apiVersion: v1\nkind: Config\ncurrent-context: hang\nclusters: [{name: hang, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: hang, context: {cluster: hang, user: u}}]\n`,
      );
      const provider = createKubernetesProvider({ kubeconfig, context: undefined }, NOWHERE);
      const started = Date.now();
      const result = await provider.check(step({ resource: 'pods', timeout: '200ms' }), context());
      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /timed out after 0\.2s/);
      assert.ok(Date.now() - started < 3000);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    }
  });
});
