import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { processesMentioning, prometheusDataDir } from '../../../test/e2e/scenarios-helpers.ts';
import { RunbookError } from '../../errors/index.ts';
import { parseMetricsFile } from './parse-metrics-file.ts';
import { startPrometheus } from './start-prometheus.ts';

const METRICS = `interval: 1m
series:
  - series: 'http_requests_total{service="checkout", code="500"}'
    values: '0+2x41 82+160x19'
  - series: 'pg_stat_activity_count{datname="payments", state="active"}'
    values: '20x50 95x10'
  - series: 'kube_pod_status_ready{pod="old-pod", condition="true"}'
    values: '1x41 _x19'
`;

interface VectorResponse {
  data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

async function query(url: string, promql: string, atSeconds?: number): Promise<VectorResponse> {
  const time = atSeconds === undefined ? '' : `&time=${atSeconds}`;
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}${time}`);
  assert.equal(response.status, 200);
  return (await response.json()) as VectorResponse;
}

async function privateTempRoot(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'prometheus-test-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  return root;
}

test('serves the backfilled series with the last sample at now and stops without leaving anything', async (t) => {
  const now = new Date();
  const started = performance.now();
  const prometheus = await startPrometheus({ metrics: parseMetricsFile(METRICS, 'metrics.yaml'), now });
  t.after(() => prometheus.stop());
  assert.ok(performance.now() - started < 15_000, 'starts in seconds');
  assert.match(prometheus.url, /^http:\/\/127\.0\.0\.1:\d+$/);

  const nowSeconds = now.getTime() / 1000;
  const active = await query(prometheus.url, 'pg_stat_activity_count', nowSeconds);
  assert.equal(active.data.result[0]?.value[1], '95');
  const earlier = await query(prometheus.url, 'pg_stat_activity_count', nowSeconds - 30 * 60);
  assert.equal(earlier.data.result[0]?.value[1], '20');
  const rate = await query(prometheus.url, 'rate(http_requests_total{code="500"}[5m]) * 60', nowSeconds);
  assert.equal(Math.round(Number(rate.data.result[0]?.value[1])), 160);
  // The old pod's series ended 19 minutes ago: beyond the 5-minute lookback it is gone.
  const ready = await query(prometheus.url, 'kube_pod_status_ready', nowSeconds);
  assert.equal(ready.data.result.length, 0);
  const dir = prometheusDataDir(prometheus.url);
  assert.ok(existsSync(dir));

  await prometheus.stop();
  await assert.rejects(fetch(`${prometheus.url}/-/ready`));
  assert.equal(existsSync(dir), false);
  assert.deepEqual(processesMentioning(dir), []);
  await prometheus.stop();
});

test('starts an empty Prometheus when the scenario has no metrics', async (t) => {
  const prometheus = await startPrometheus({ metrics: undefined, now: new Date() });
  t.after(() => prometheus.stop());
  const result = await query(prometheus.url, 'up');
  assert.deepEqual(result.data.result, []);
});

test('says to apt-get install prometheus when the binary is missing, leaving no temp dir', async (t) => {
  const tempRoot = await privateTempRoot(t);
  await assert.rejects(
    startPrometheus({
      metrics: undefined,
      now: new Date(),
      tempRoot,
      commands: { prometheus: 'prometheus-not-here' },
    }),
    (error: unknown) =>
      error instanceof RunbookError &&
      error.code === 'provider.not_configured' &&
      /apt-get install prometheus/.test(error.message),
  );
  assert.deepEqual(readdirSync(tempRoot), []);
});

test('cleans up its temp dir when Prometheus dies during start-up', async (t) => {
  const tempRoot = await privateTempRoot(t);
  const metrics = parseMetricsFile("series:\n  - {series: up, values: '1 2'}\n", 'm.yaml');
  // `true` answers --version and then exits at once, as a Prometheus that cannot open its storage would.
  await assert.rejects(
    startPrometheus({ metrics, now: new Date(), tempRoot, commands: { prometheus: 'true' } }),
    (error: unknown) => error instanceof RunbookError && /exited during start-up/.test(error.message),
  );
  assert.deepEqual(readdirSync(tempRoot), []);
});
