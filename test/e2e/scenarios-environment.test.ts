import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { RunbookError } from '../../src/errors/index.ts';
import {
  loadScenario,
  type ScenarioEnvironment,
  startScenarioEnvironment,
} from '../../src/scenarios/index.ts';
import { eventually, processesMentioning, prometheusDataDir } from './scenarios-helpers.ts';

const SCENARIOS_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'scenarios');

async function instantQuery(
  url: string,
  promql: string,
): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  assert.equal(response.status, 200);
  const body = (await response.json()) as {
    data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  return body.data.result;
}

function kubeClient(environment: ScenarioEnvironment): CoreV1Api {
  const config = new KubeConfig();
  config.loadFromFile(environment.env['KUBECONFIG'] ?? '');
  return config.makeApiClient(CoreV1Api);
}

async function assertTornDown(environment: ScenarioEnvironment, prometheusDir: string): Promise<void> {
  await environment.stop();
  const kubeDir = dirname(environment.env['KUBECONFIG'] ?? '');
  assert.equal(existsSync(kubeDir), false, 'kubeconfig dir removed');
  assert.equal(existsSync(prometheusDir), false, 'prometheus dir removed');
  assert.ok(await eventually(() => processesMentioning(prometheusDir).length === 0), 'prometheus gone');
  for (const url of Object.values(environment.services)) await assert.rejects(fetch(url));
  await assert.rejects(fetch(environment.kubernetes?.url ?? 'http://127.0.0.1:1'));
}

test('three scenarios come up one after another, each with its data, and leave nothing behind', async (t) => {
  for (const id of ['payment-db-exhaustion', 'node-not-ready-kubelet-down', 'checkout-fraud-scoring-down']) {
    const scenario = await loadScenario(join(SCENARIOS_DIR, id));
    const started = performance.now();
    const environment = await startScenarioEnvironment(scenario);
    t.after(() => environment.stop());
    assert.ok(performance.now() - started < 10_000, `${id} starts in seconds`);
    assert.ok(environment.prometheusUrl, `${id}: prometheus is installed here`);
    assert.equal(environment.env['PROMETHEUS_URL'], environment.prometheusUrl);
    assert.equal(environment.alert.name, scenario.alert.name);
    assert.equal(environment.alert.startsAt, environment.now.toISOString());
    const prometheusDir = prometheusDataDir(environment.prometheusUrl);
    const pods = await kubeClient(environment).listPodForAllNamespaces();
    assert.ok(pods.items.length >= 1, `${id}: pods served`);

    if (id === 'payment-db-exhaustion') {
      const ratio = await instantQuery(
        environment.prometheusUrl,
        'sum(pg_stat_activity_count{server="payments-db"}) / on() pg_settings_max_connections{server="payments-db"}',
      );
      assert.equal(ratio[0]?.value[1], '1');
      const log = await kubeClient(environment).readNamespacedPodLog({
        name: 'payment-service-7d9f8c6b5-k2x8p',
        namespace: 'production',
        container: 'app',
      });
      assert.match(String(log), /remaining connection slots are reserved/);
      const fraud = await fetch(`${environment.services['fraud-service']}/health`);
      assert.equal(fraud.status, 200);
      await fraud.body?.cancel();
      assert.equal(
        environment.env['RUNBOOK_HOST_OVERRIDES'],
        `fraud-service=${environment.services['fraud-service']?.replace('http://', '')}`,
      );
    }
    if (id === 'node-not-ready-kubelet-down') {
      const ready = await instantQuery(
        environment.prometheusUrl,
        'kube_node_status_condition{condition="Ready",status="true"} == 0',
      );
      assert.deepEqual(
        ready.map((sample) => sample.metric['node']),
        ['ip-10-0-2-41.ec2.internal'],
      );
      assert.equal(environment.env['RUNBOOK_HOST_OVERRIDES'], undefined);
      const nodes = await kubeClient(environment).listNode();
      const lastHeartbeat = nodes.items
        .find((node) => node.metadata?.name === 'ip-10-0-2-41.ec2.internal')
        ?.status?.conditions?.find((condition) => condition.type === 'Ready')?.lastHeartbeatTime;
      const minutesAgo = (environment.now.getTime() - new Date(lastHeartbeat ?? 0).getTime()) / 60_000;
      assert.ok(
        minutesAgo > 37 && minutesAgo < 39,
        `kubernetes timestamps shifted to now (${minutesAgo} min)`,
      );
    }
    if (id === 'checkout-fraud-scoring-down') {
      const slowStart = performance.now();
      const fraud = await fetch(`${environment.services['fraud-scoring']}/healthz`);
      assert.equal(fraud.status, 503);
      await fraud.body?.cancel();
      assert.ok(performance.now() - slowStart >= 2_400, 'latency_ms honoured');
      const other = await fetch(`${environment.services['fraud-scoring']}/other`);
      assert.equal(other.status, 404);
      await other.body?.cancel();
    }
    await assertTornDown(environment, prometheusDir);
  }
});

test('without prometheus installed the environment still comes up and says why', async (t) => {
  const scenario = await loadScenario(join(SCENARIOS_DIR, 'search-false-alarm'));
  const environment = await startScenarioEnvironment(scenario, {
    prometheusCommands: { prometheus: 'prometheus-is-not-installed' },
  });
  t.after(() => environment.stop());
  assert.equal(environment.prometheusUrl, undefined);
  assert.equal(environment.env['PROMETHEUS_URL'], undefined);
  assert.match(environment.prometheusUnavailable ?? '', /apt-get install prometheus/);
  const pods = await kubeClient(environment).listNamespacedPod({ namespace: 'production' });
  assert.deepEqual(
    pods.items.map((pod) => pod.metadata?.name),
    ['search-84c6d5f7b9-a1b2c'],
  );
  await environment.stop();
});

test('a scenario whose kubernetes.yaml breaks at start-up leaves no Prometheus behind', async (t) => {
  const scenario = await loadScenario(join(SCENARIOS_DIR, 'search-false-alarm'));
  const broken = { ...scenario, kubernetes: { file: 'broken/kubernetes.yaml', text: 'objects: [\n' } };
  const tempRoot = await mkdtemp(join(tmpdir(), 'scenario-env-test-'));
  t.after(() => rm(tempRoot, { recursive: true, force: true }));
  await assert.rejects(startScenarioEnvironment(broken, { tempRoot }), (error: unknown) => {
    assert.ok(error instanceof RunbookError);
    assert.match(error.message, /broken\/kubernetes\.yaml/);
    return true;
  });
  assert.deepEqual(readdirSync(tempRoot), []);
  assert.deepEqual(processesMentioning(tempRoot), []);
});

test('a scenario without kubernetes.yaml still gets an empty Kubernetes API, never a real cluster', async (t) => {
  const scenario = await loadScenario(join(SCENARIOS_DIR, 'search-false-alarm'));
  const { kubernetes: _omitted, ...withoutKubernetes } = scenario;
  const environment = await startScenarioEnvironment(withoutKubernetes);
  t.after(() => environment.stop());
  const pods = await kubeClient(environment).listPodForAllNamespaces();
  assert.deepEqual(pods.items, []);
  await environment.stop();
});
