import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Config } from '../../src/config/index.ts';
import { createPrometheusProvider } from '../../src/providers/prometheus/index.ts';
import type { CheckContext, Provider } from '../../src/providers/types.ts';
import {
  parseMetricsFile,
  type RunningPrometheus,
  startPrometheus,
} from '../../src/scenarios/prometheus/index.ts';

type Step = Parameters<Provider<'prometheus_query'>['check']>[0];

const METRICS = `interval: 1m
series:
  - series: 'pg_stat_activity_count{datname="payments", state="active", server="payments-db"}'
    values: '20x50 95x10'
  - series: 'pg_settings_max_connections{server="payments-db"}'
    values: '100x60'
  - series: 'up{job="api", instance="api-a"}'
    values: '1x60'
  - series: 'up{job="api", instance="api-b"}'
    values: '0x60'
`;

function step(query: string, extra: Partial<Step> = {}): Step {
  return { id: 'q', type: 'prometheus_query', query, ...extra };
}

/** A pass-through proxy that records the headers Prometheus would see; `hang` stops answering. */
async function startProxy(
  target: string,
): Promise<{ url: string; headers: IncomingHttpHeaders[]; hang: boolean; server: Server }> {
  const state = {
    url: '',
    headers: [] as IncomingHttpHeaders[],
    hang: false,
    server: undefined as unknown as Server,
  };
  state.server = createServer(async (request, response) => {
    state.headers.push(request.headers);
    if (state.hang) return;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${target}${request.url}`, {
      method: request.method ?? 'GET',
      headers: { 'content-type': request.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

describe('prometheus_query against a real Prometheus', () => {
  const now = new Date();
  let prometheus: RunningPrometheus;
  let settings: NonNullable<Config['prometheus']>;
  const context = (): CheckContext => ({ params: {}, now, signal: AbortSignal.timeout(20_000) });

  before(async () => {
    prometheus = await startPrometheus({ metrics: parseMetricsFile(METRICS, 'metrics.yaml'), now });
    settings = { url: prometheus.url, bearerToken: undefined, username: undefined, password: undefined };
  });
  after(() => prometheus?.stop());

  it('returns a one-series vector with its labels, value and a summary naming the series', async () => {
    const provider = createPrometheusProvider(settings);
    const query = 'sum by (server) (pg_stat_activity_count) / sum by (server) (pg_settings_max_connections)';
    const result = await provider.check(step(query), context());
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.value, 0.95);
    assert.deepEqual(result.series, [{ labels: { server: 'payments-db' }, value: 0.95 }]);
    assert.equal(result.fields['count'], 1);
    assert.equal(result.summary, 'max = 0.95 over 1 series (payments-db)');
    assert.equal(result.query, query);
  });

  it('takes the maximum as the value of a vector with several series and lists every value', async () => {
    const result = await createPrometheusProvider(settings).check(step('up{job="api"}'), context());
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.value, 1);
    assert.equal(result.fields['count'], 2);
    assert.deepEqual([...(result.fields['values'] as number[])].sort(), [0, 1]);
    const instances = result.series.map((series) => series.labels['instance']).sort();
    assert.deepEqual(instances, ['api-a', 'api-b']);
    assert.equal(result.series[0]?.labels['__name__'], 'up');
  });

  it('returns a scalar as the value', async () => {
    const result = await createPrometheusProvider(settings).check(
      step('scalar(max(pg_settings_max_connections)) * 2'),
      context(),
    );
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.value, 200);
    assert.equal(result.fields['resultType'], 'scalar');
  });

  it('runs a range query and gives every series its samples with the last one as value', async () => {
    const result = await createPrometheusProvider(settings).check(
      step('pg_stat_activity_count', { range: { window: '20m', step: '1m' } }),
      context(),
    );
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.fields['resultType'], 'matrix');
    const samples = result.series[0]?.samples ?? [];
    assert.ok(samples.length >= 19 && samples.length <= 21, `got ${samples.length} samples`);
    assert.equal(samples.at(-1)?.[1], 95);
    assert.ok(
      samples.some(([, value]) => value === 20),
      'the window reaches back before the jump',
    );
    assert.equal(result.value, 95);
  });

  it('says "no data" with a null value when the vector is empty', async () => {
    const result = await createPrometheusProvider(settings).check(
      step('metric_that_does_not_exist'),
      context(),
    );
    assert.equal(result.status, 'ok');
    assert.equal(result.value, null);
    assert.deepEqual(result.series, []);
    assert.equal(result.summary, 'no data');
  });

  it('turns bad PromQL into an error result naming the query', async () => {
    const query = 'rate(http_requests_total[5m]';
    const result = await createPrometheusProvider(settings).check(step(query), context());
    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /^prometheus_query failed: HTTP 400: bad_data: .*parse error/);
    assert.ok(result.error?.includes(`(query: ${query})`));
  });

  it('sends the bearer token or basic credentials and keeps them out of the result', async () => {
    const proxy = await startProxy(prometheus.url);
    try {
      const bearer = createPrometheusProvider({ ...settings, url: proxy.url, bearerToken: 's3cr3t-token' });
      const first = await bearer.check(step('up'), context());
      assert.equal(first.status, 'ok', first.error);
      assert.equal(proxy.headers[0]?.authorization, 'Bearer s3cr3t-token');
      assert.doesNotMatch(JSON.stringify(first), /s3cr3t/);

      const basic = createPrometheusProvider({
        ...settings,
        url: proxy.url,
        username: 'sre',
        password: 'pa55',
      });
      assert.equal((await basic.check(step('up'), context())).status, 'ok');
      assert.equal(proxy.headers[1]?.authorization, `Basic ${Buffer.from('sre:pa55').toString('base64')}`);

      const inUrl = createPrometheusProvider({
        ...settings,
        url: proxy.url.replace('http://', 'http://ops:hunter2@'),
      });
      const third = await inUrl.check(step('nope{'), context());
      assert.equal(proxy.headers[2]?.authorization, `Basic ${Buffer.from('ops:hunter2').toString('base64')}`);
      assert.doesNotMatch(JSON.stringify(third), /hunter2/);
    } finally {
      proxy.server.closeAllConnections();
      proxy.server.close();
    }
  });

  it('gives up at the step timeout with an error naming the query', async () => {
    const proxy = await startProxy(prometheus.url);
    proxy.hang = true;
    try {
      const started = performance.now();
      const result = await createPrometheusProvider({ ...settings, url: proxy.url }).check(
        step('up', { timeout: '300ms' }),
        context(),
      );
      assert.ok(performance.now() - started < 2_000);
      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /timed out after 300 ms.*\(query: up\)/);
    } finally {
      proxy.server.closeAllConnections();
      proxy.server.close();
    }
  });

  it('reports "not configured" naming PROMETHEUS_URL when there are no settings', async () => {
    const provider = createPrometheusProvider(undefined);
    assert.equal(provider.isConfigured, false);
    const result = await provider.check(step('up'), context());
    assert.equal(result.status, 'error');
    assert.equal(result.error, 'prometheus_query is not configured: set PROMETHEUS_URL');
  });
});
