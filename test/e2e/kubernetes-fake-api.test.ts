import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { FakeKubernetesApi } from '../../src/scenarios/kubernetes-api/index.ts';
import { startFixtureApi } from '../fixtures/kubernetes/start-fixture-api.ts';

// The run happens long after the fixture's `now:` (2026-03-10T08:00:00Z): everything is shifted.
const NOW = new Date('2027-05-05T05:05:05Z');
const at = (fixtureIso: string) =>
  new Date(Date.parse(fixtureIso) + NOW.getTime() - Date.parse('2026-03-10T08:00:00Z'));

describe('fake Kubernetes API driven by @kubernetes/client-node', () => {
  let api: FakeKubernetesApi;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  before(async () => {
    api = await startFixtureApi('orders-crashloop', NOW);
    const config = new KubeConfig();
    config.loadFromFile(api.kubeconfigPath);
    core = config.makeApiClient(CoreV1Api);
    apps = config.makeApiClient(AppsV1Api);
  });
  after(() => api.stop());

  it('lists pods across all namespaces and in one namespace, with list kind and resourceVersion', async () => {
    const all = await core.listPodForAllNamespaces();
    assert.equal(all.kind, 'PodList');
    assert.ok(all.metadata?.resourceVersion);
    assert.deepEqual(all.items.map((pod) => pod.metadata?.namespace).sort(), [
      'kube-system',
      'shop',
      'shop',
      'shop',
      'shop',
    ]);
    const shop = await core.listNamespacedPod({ namespace: 'kube-system' });
    assert.deepEqual(
      shop.items.map((pod) => pod.metadata?.name),
      ['coredns-abc12'],
    );
  });

  it('filters by equality and set-based label selectors', async () => {
    const names = async (labelSelector: string) =>
      (await core.listNamespacedPod({ namespace: 'shop', labelSelector })).items
        .map((p) => p.metadata?.name)
        .sort();
    assert.deepEqual(await names('app=orders,tier=worker'), ['orders-7b9c5d-bbbbb']);
    assert.deepEqual(await names('app in (orders),tier notin (worker)'), [
      'orders-7b9c5d-aaaaa',
      'orders-7b9c5d-ccccc',
    ]);
    assert.deepEqual(await names('app!=orders'), ['billing-5d4c-xxxxx']);
    assert.deepEqual(await names('!tier'), ['billing-5d4c-xxxxx']);
    await assert.rejects(
      core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app in orders' }),
      (error) => error instanceof ApiException && error.code === 400,
    );
  });

  it('finds the events of one object by field selector', async () => {
    const events = await core.listNamespacedEvent({
      namespace: 'shop',
      fieldSelector: 'involvedObject.name=orders-7b9c5d-aaaaa,involvedObject.kind=Pod',
    });
    assert.deepEqual(events.items.map((event) => event.reason).sort(), ['BackOff', 'OOMKilling']);
    assert.equal(
      events.items[0]?.involvedObject.uid,
      (await core.readNamespacedPod({ name: 'orders-7b9c5d-aaaaa', namespace: 'shop' })).metadata?.uid,
    );
  });

  it('serves shifted timestamps that the client parses as dates', async () => {
    const pod = await core.readNamespacedPod({ name: 'orders-7b9c5d-aaaaa', namespace: 'shop' });
    assert.deepEqual(pod.metadata?.creationTimestamp, at('2026-03-09T20:00:05Z'));
    const rs = await apps.readNamespacedReplicaSet({ name: 'orders-7b9c5d', namespace: 'shop' });
    assert.deepEqual(rs.metadata?.creationTimestamp, at('2026-03-09T20:00:00.250Z'));
  });

  it('answers a missing object with a NotFound Status', async () => {
    await assert.rejects(
      apps.readNamespacedDeployment({ name: 'nope', namespace: 'shop' }),
      (error: unknown) => {
        assert.ok(error instanceof ApiException);
        assert.equal(error.code, 404);
        const status = JSON.parse(String(error.body));
        assert.deepEqual(
          {
            kind: status.kind,
            status: status.status,
            reason: status.reason,
            code: status.code,
            message: status.message,
          },
          {
            kind: 'Status',
            status: 'Failure',
            reason: 'NotFound',
            code: 404,
            message: 'deployments.apps "nope" not found',
          },
        );
        return true;
      },
    );
  });

  it('serves container logs with tailLines, sinceSeconds, timestamps and previous', async () => {
    const read = (params: Record<string, unknown>) =>
      core.readNamespacedPodLog({
        name: 'orders-7b9c5d-ccccc',
        namespace: 'shop',
        container: 'api',
        ...params,
      });
    assert.equal((await read({})).split('\n').filter(Boolean).length, 3);
    assert.match(await read({ tailLines: 1 }), /^\S+ INFO {2}served 100 requests\n$/);
    const recent = (await read({ sinceSeconds: 45 * 60 })).trim().split('\n');
    assert.equal(recent.length, 2, 'the 07:00 line is older than 45 minutes');
    const stamped = await read({ tailLines: 1, timestamps: true });
    assert.equal(
      stamped.slice(0, stamped.indexOf(' ')),
      at('2026-03-10T07:59:00Z').toISOString().replace('.000Z', '.000000000Z'),
    );
    const previous = await core.readNamespacedPodLog({
      name: 'orders-7b9c5d-aaaaa',
      namespace: 'shop',
      container: 'api',
      previous: true,
    });
    assert.match(previous, /OutOfMemoryError/);
    assert.match(previous, / {4}at com\.example\.Main\.main/);
  });

  it('rejects logs without a container for a two-container pod, and missing previous logs', async () => {
    await assert.rejects(
      core.readNamespacedPodLog({ name: 'orders-7b9c5d-ccccc', namespace: 'shop' }),
      (error) =>
        error instanceof ApiException &&
        error.code === 400 &&
        /choose one of: \[api proxy\]/.test(String(error.body)),
    );
    await assert.rejects(
      core.readNamespacedPodLog({
        name: 'orders-7b9c5d-ccccc',
        namespace: 'shop',
        container: 'api',
        previous: true,
      }),
      (error) => error instanceof ApiException && error.code === 400,
    );
  });

  it('records a merge patch, answers with the patched object and keeps serving the original', async () => {
    const before = api.writes().length;
    const patched = await apps.patchNamespacedDeployment(
      { name: 'orders', namespace: 'shop', body: { spec: { replicas: 9 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    assert.equal(patched.spec?.replicas, 9);
    const writes = api.writes().slice(before);
    assert.equal(writes.length, 1);
    assert.deepEqual(
      { ...writes[0], at: undefined },
      {
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/shop/deployments/orders',
        contentType: 'application/merge-patch+json',
        body: { spec: { replicas: 9 } },
        at: undefined,
      },
    );
    assert.equal(
      (await apps.readNamespacedDeployment({ name: 'orders', namespace: 'shop' })).spec?.replicas,
      3,
    );
  });

  it('applies a JSON patch to the answer and refuses a patch that does not apply', async () => {
    const answer = await apps.patchNamespacedDeployment({
      name: 'orders',
      namespace: 'shop',
      body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'orders:9' }],
    });
    assert.equal(answer.spec?.template.spec?.containers[0]?.image, 'orders:9');
    await assert.rejects(
      apps.patchNamespacedDeployment({
        name: 'orders',
        namespace: 'shop',
        body: [{ op: 'remove', path: '/spec/nothing' }],
      }),
      (error) => error instanceof ApiException && error.code === 422,
    );
  });

  it('stops cleanly and removes its kubeconfig directory', async () => {
    const other = await startFixtureApi('checkout-bad-deploy', NOW);
    assert.ok(existsSync(other.kubeconfigPath));
    await other.stop();
    await other.stop();
    assert.equal(existsSync(other.kubeconfigPath), false);
  });
});

describe('fake Kubernetes API with applyWrites', () => {
  it('serves the scaled replica count after a scale patch', async () => {
    const api = await startFixtureApi('orders-crashloop', NOW, { applyWrites: true });
    try {
      const config = new KubeConfig();
      config.loadFromFile(api.kubeconfigPath);
      const apps = config.makeApiClient(AppsV1Api);
      const scale = await apps.patchNamespacedDeploymentScale(
        { name: 'orders', namespace: 'shop', body: { spec: { replicas: 5 } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      assert.equal(scale.kind, 'Scale');
      assert.equal(scale.spec?.replicas, 5);
      assert.equal(
        (await apps.readNamespacedDeployment({ name: 'orders', namespace: 'shop' })).spec?.replicas,
        5,
      );
      assert.equal(api.writes().length, 1);
    } finally {
      await api.stop();
    }
  });
});
