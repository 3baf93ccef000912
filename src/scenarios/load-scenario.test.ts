import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { RunbookError } from '../errors/index.ts';
import { findScenarioDirs, loadScenario } from './load-scenario.ts';
import { ScenarioValidationError } from './scenario-error.ts';

async function scenarioDir(
  t: { after(fn: () => Promise<void>): void },
  files: Record<string, string>,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'scenario-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const MINIMAL = `id: disk-full-logs
alert:
  name: NodeFilesystemSpaceFillingUp
  labels: {node: ip-10-0-3-17, instance: "10.0.3.17:9100", port: 9100}
expect:
  root_cause: disk-full
`;

test('loads a minimal scenario with defaults and no optional files', async (t) => {
  const dir = await scenarioDir(t, { 'scenario.yaml': MINIMAL });
  const scenario = await loadScenario(dir);
  assert.equal(scenario.id, 'disk-full-logs');
  assert.equal(scenario.title, 'disk-full-logs');
  assert.equal(scenario.alert.source, 'manual');
  assert.deepEqual(scenario.alert.labels, { node: 'ip-10-0-3-17', instance: '10.0.3.17:9100', port: '9100' });
  assert.deepEqual(scenario.services, {});
  assert.deepEqual(scenario.expect, { rootCause: 'disk-full' });
  assert.equal(scenario.metrics, undefined);
  assert.equal(scenario.kubernetes, undefined);
});

test('accepts fields the format does not know yet, and reads services, metrics and kubernetes.yaml', async (t) => {
  const dir = await scenarioDir(t, {
    'scenario.yaml': `id: api-latency
title: API latency
owner: team-payments
alert: {source: datadog, name: "High p99", severity: p2, labels: {env: prod}, summary: slow, url: "https://x"}
services:
  auth:
    path: /healthz
    status: 503
    latency_ms: 1200
    note: added later
expect: {root_cause: downstream-unavailable, resource: auth, remediation: [escalate], confidence: high}
`,
    'metrics.yaml':
      "interval: 30s\nseries:\n  - {series: 'probe_success{target=\"auth\"}', values: '1x10 0x5'}\n",
    'kubernetes.yaml': 'now: 2026-01-01T12:00:00Z\nobjects: []\n',
  });
  const scenario = await loadScenario(dir);
  assert.equal(scenario.alert.severity, 'P2');
  assert.deepEqual(scenario.services, { auth: { path: '/healthz', status: 503, latencyMs: 1200 } });
  assert.deepEqual(scenario.expect, {
    rootCause: 'downstream-unavailable',
    resource: 'auth',
    remediation: ['escalate'],
  });
  assert.equal(scenario.metrics?.series[0]?.samples.length, 17);
  assert.ok(scenario.kubernetes?.text.includes('objects'));
});

test('reports every problem in scenario.yaml as file:line: field: message', async (t) => {
  const dir = await scenarioDir(t, {
    'scenario.yaml': `id: Not_Kebab
alert:
  name: X
  severity: critical
expect:
  root_cause: gremlins
  remediation: [reboot]
`,
  });
  await assert.rejects(loadScenario(dir), (error: unknown) => {
    assert.ok(error instanceof ScenarioValidationError);
    const lines = error.message.split('\n');
    const file = join(dir, 'scenario.yaml');
    assert.ok(
      lines.includes(`${file}:1: id: expected a kebab-case id like payment-db-exhaustion`),
      error.message,
    );
    assert.ok(lines.includes(`${file}:4: alert.severity: expected P1, P2, P3 or P4`), error.message);
    assert.ok(
      lines.some((line) => line.startsWith(`${file}:6: expect.root_cause: expected one of db-connection`)),
    );
    assert.ok(
      lines.some((line) => line.startsWith(`${file}:7: expect.remediation[0]: expected one of restart`)),
    );
    return true;
  });
});

test('names the missing required fields', async (t) => {
  const dir = await scenarioDir(t, { 'scenario.yaml': 'id: x\nalert: {labels: {}}\n' });
  await assert.rejects(loadScenario(dir), /scenario\.yaml:2: alert\.name: required: the alert name/);
  await assert.rejects(loadScenario(dir), /scenario\.yaml:1: expect: /);
});

test('locates errors in metrics.yaml and kubernetes.yaml too', async (t) => {
  const dir = await scenarioDir(t, {
    'scenario.yaml': MINIMAL,
    'metrics.yaml': "series:\n  - series: up\n    values: '1 two'\n",
  });
  await assert.rejects(loadScenario(dir), /metrics\.yaml:3: series\[0\]\.values: "two"/);
  const other = await scenarioDir(t, {
    'scenario.yaml': MINIMAL,
    'kubernetes.yaml': 'now: yesterday\nobjects: []\n',
  });
  await assert.rejects(loadScenario(other), /kubernetes\.yaml:1: /);
});

test('says what a scenario folder holds when scenario.yaml is missing', async (t) => {
  const dir = await scenarioDir(t, { 'metrics.yaml': 'series: []\n' });
  await assert.rejects(loadScenario(dir), (error: unknown) => {
    return (
      error instanceof RunbookError &&
      error.code === 'scenario.invalid' &&
      /scenario\.yaml: not found/.test(error.message)
    );
  });
});

test('finds the scenario folders inside a folder, sorted, or the folder itself', async (t) => {
  const dir = await scenarioDir(t, {
    'b-two/scenario.yaml': MINIMAL,
    'a-one/scenario.yaml': MINIMAL,
    'notes/readme.txt': 'not a scenario',
  });
  assert.deepEqual(await findScenarioDirs(dir), [join(dir, 'a-one'), join(dir, 'b-two')]);
  assert.deepEqual(await findScenarioDirs(join(dir, 'a-one')), [join(dir, 'a-one')]);
  await assert.rejects(findScenarioDirs(join(dir, 'notes')), /no scenario\.yaml/);
  await assert.rejects(
    findScenarioDirs(join(dir, 'missing')),
    (error: unknown) => error instanceof RunbookError,
  );
});
