import assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ROOT_CAUSES } from '../../src/runbooks/root-causes.ts';
import { findScenarioDirs, loadScenario, type Scenario } from '../../src/scenarios/index.ts';

const SCENARIOS_DIR = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'scenarios');

let loaded: Promise<Scenario[]> | undefined;

function loadAll(): Promise<Scenario[]> {
  loaded ??= findScenarioDirs(SCENARIOS_DIR).then((dirs) =>
    Promise.all(dirs.map((dir) => loadScenario(dir))),
  );
  return loaded;
}

test('every shipped scenario loads, and its id is its folder name', async () => {
  const scenarios = await loadAll();
  assert.ok(scenarios.length >= 16, `${scenarios.length} scenarios`);
  for (const scenario of scenarios) {
    assert.equal(scenario.id, basename(scenario.dir));
    assert.ok(scenario.metrics && scenario.metrics.series.length >= 5, `${scenario.id}: metrics with noise`);
    assert.ok(scenario.kubernetes, `${scenario.id}: kubernetes.yaml`);
  }
});

test('the shipped scenarios cover every root-cause category, a false alarm included', async () => {
  const covered = new Set((await loadAll()).map((scenario) => scenario.expect.rootCause));
  assert.deepEqual(
    ROOT_CAUSES.filter((category) => !covered.has(category)),
    [],
  );
});

test('two scenarios share a cause with another category so that ranking matters', async () => {
  const byId = new Map((await loadAll()).map((scenario) => [scenario.id, scenario]));
  // A rollout that also raised memory (and got one pod OOM-killed): the deploy is the cause.
  const deploy = byId.get('cart-deploy-raises-memory');
  assert.equal(deploy?.expect.rootCause, 'bad-deploy');
  assert.ok(deploy?.metrics?.series.some((series) => series.name === 'container_memory_working_set_bytes'));
  assert.ok(
    deploy?.metrics?.series.some((series) => series.labels['reason'] === 'OOMKilled'),
    'the memory evidence is there to mislead',
  );
  // A downstream outage that also raised latency and CPU throttling: the dependency is the cause.
  const downstream = byId.get('search-api-slow-elasticsearch');
  assert.equal(downstream?.expect.rootCause, 'downstream-unavailable');
  assert.ok(
    downstream?.metrics?.series.some((series) => series.name === 'container_cpu_cfs_throttled_periods_total'),
  );
});

test('alerts look like what real systems send: not every one carries a service label', async () => {
  const scenarios = await loadAll();
  const withoutService = scenarios.filter((scenario) => scenario.alert.labels['service'] === undefined);
  assert.ok(withoutService.length >= 5, `${withoutService.length} without a service label`);
  const sources = new Set(scenarios.map((scenario) => scenario.alert.source));
  for (const source of ['alertmanager', 'pagerduty', 'datadog'] as const)
    assert.ok(sources.has(source), source);
});
