import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Config } from '../../src/config/index.ts';
import {
  createDatadogLogsProvider,
  createDatadogQueryProvider,
  datadogBaseUrl,
  getMonitorState,
} from '../../src/providers/datadog/index.ts';
import type { CheckContext } from '../../src/providers/types.ts';
import { type FakeDatadog, startFakeDatadog } from '../fakes/datadog.ts';

const API_KEY = 'dd-api-0123456789';
const APP_KEY = 'dd-app-9876543210';
const now = new Date('2026-01-01T12:00:00Z');
const minutesAgo = (minutes: number) => now.getTime() - minutes * 60_000;
const context = (): CheckContext => ({ params: {}, now, signal: AbortSignal.timeout(10_000) });

describe('Datadog providers through the real client against a wire-format fake', () => {
  let fake: FakeDatadog;
  let settings: NonNullable<Config['datadog']>;

  before(async () => {
    fake = await startFakeDatadog({
      apiKey: API_KEY,
      appKey: APP_KEY,
      metrics: {
        'avg:postgresql.percent_usage_connections{service:payments-db}': [
          {
            metric: 'postgresql.percent_usage_connections',
            scope: 'service:payments-db',
            pointlist: [
              [minutesAgo(10), 0.4],
              [minutesAgo(5), 0.91],
              [minutesAgo(1), null],
            ],
          },
        ],
        'avg:kubernetes.cpu.usage.total{*} by {pod_name}': [
          { metric: 'kubernetes.cpu.usage.total', scope: 'pod_name:api-1', pointlist: [[minutesAgo(2), 30]] },
          { metric: 'kubernetes.cpu.usage.total', scope: 'pod_name:api-2', pointlist: [[minutesAgo(2), 80]] },
        ],
      },
      logs: [
        {
          timestamp: new Date(minutesAgo(2)).toISOString(),
          service: 'payment-service',
          status: 'error',
          message: 'FATAL: remaining connection slots are reserved',
        },
        {
          timestamp: new Date(minutesAgo(4)).toISOString(),
          service: 'payment-service',
          status: 'error',
          message: 'FATAL: remaining connection slots are reserved',
        },
        {
          timestamp: new Date(minutesAgo(6)).toISOString(),
          service: 'payment-service',
          status: 'info',
          message: 'request ok',
        },
        {
          timestamp: new Date(minutesAgo(90)).toISOString(),
          service: 'payment-service',
          status: 'error',
          message: 'FATAL: old news',
        },
      ],
      monitors: [
        {
          id: 42,
          name: 'Payment latency',
          query: 'avg(last_5m):p99:trace.http.request{service:payment} > 2',
          overall_state: 'Alert',
        },
      ],
    });
    settings = { apiKey: API_KEY, appKey: APP_KEY, site: undefined, apiUrl: fake.url };
  });
  after(() => fake?.close());

  it('queries metrics with both keys in headers over the window before now', async () => {
    const query = 'avg:postgresql.percent_usage_connections{service:payments-db}';
    const result = await createDatadogQueryProvider(settings).check(
      { id: 'conn', type: 'datadog_query', query, window: '30m' },
      context(),
    );
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.value, 0.91, 'the latest non-null point');
    assert.deepEqual(result.series[0]?.labels, {
      __name__: 'postgresql.percent_usage_connections',
      service: 'payments-db',
    });
    assert.equal(result.summary, 'max = 0.91 over 1 series (payments-db)');
    const request = fake.requests.at(-1);
    assert.equal(request?.path, '/api/v1/query');
    assert.equal(request?.headers['dd-api-key'], API_KEY);
    assert.equal(request?.headers['dd-application-key'], APP_KEY);
    assert.equal(request?.search.get('to'), String(now.getTime() / 1000));
    assert.equal(request?.search.get('from'), String(minutesAgo(30) / 1000));
  });

  it('takes the highest series as the value when the query is grouped', async () => {
    const result = await createDatadogQueryProvider(settings).check(
      { id: 'cpu', type: 'datadog_query', query: 'avg:kubernetes.cpu.usage.total{*} by {pod_name}' },
      context(),
    );
    assert.equal(result.value, 80);
    assert.equal(result.fields['count'], 2);
    assert.equal(result.summary, 'max = 80 over 2 series (pod_name=api-2)');
  });

  it('reports a rejected query and wrong keys as errors naming the query, without the keys', async () => {
    const bad = await createDatadogQueryProvider(settings).check(
      { id: 'x', type: 'datadog_query', query: 'avg:nope{*}' },
      context(),
    );
    assert.equal(bad.status, 'error');
    assert.match(
      bad.error ?? '',
      /^datadog_query failed: HTTP 400: Error parsing query.*\(query: avg:nope\{\*\}\)$/,
    );

    const forbidden = await createDatadogQueryProvider({ ...settings, appKey: 'wrong-app-key' }).check(
      { id: 'x', type: 'datadog_query', query: 'avg:nope{*}' },
      context(),
    );
    assert.match(forbidden.error ?? '', /HTTP 403: Forbidden/);
    assert.doesNotMatch(JSON.stringify(forbidden), /wrong-app-key|dd-api-0123/);
  });

  it('lists log lines newest first within the window, counted', async () => {
    const result = await createDatadogLogsProvider(settings).check(
      { id: 'logs', type: 'datadog_logs', query: 'service:payment-service status:error', window: '30m' },
      context(),
    );
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.value, 2);
    assert.deepEqual(result.fields['by_status'], { error: 2 });
    assert.equal(result.items[0]?.['ts'], new Date(minutesAgo(2)).toISOString());
    assert.match(result.summary, /^2 log lines in 30m; latest: FATAL: remaining connection slots/);
    const body = fake.requests.at(-1)?.body as {
      filter: { from: string; to: string };
      page: { limit: number };
    };
    assert.equal(body.filter.to, now.toISOString());
    assert.equal(body.filter.from, new Date(minutesAgo(30)).toISOString());
    assert.equal(body.page.limit, 50);
  });

  it('reads a monitor state for the alert follow-up', async () => {
    const state = await getMonitorState(
      settings,
      { timeoutMs: 5_000, signal: AbortSignal.timeout(5_000), maxResponseBytes: 100_000 },
      42,
    );
    assert.equal(state.state, 'Alert');
    assert.equal(state.name, 'Payment latency');
    await assert.rejects(
      getMonitorState(
        settings,
        { timeoutMs: 5_000, signal: AbortSignal.timeout(5_000), maxResponseBytes: 100_000 },
        7,
      ),
      /Monitor not found|404/,
    );
  });

  it('honours DD_SITE when no API URL is set', async () => {
    assert.equal(
      datadogBaseUrl({ ...settings, apiUrl: undefined, site: 'datadoghq.eu' }),
      'https://api.datadoghq.eu',
    );
    const seen: string[] = [];
    const provider = createDatadogQueryProvider(
      { ...settings, apiUrl: undefined, site: 'datadoghq.eu' },
      {
        fetch: (url, init) => {
          seen.push(url);
          return fetch(url.replace('https://api.datadoghq.eu', fake.url), init);
        },
      },
    );
    const result = await provider.check(
      {
        id: 'conn',
        type: 'datadog_query',
        query: 'avg:postgresql.percent_usage_connections{service:payments-db}',
      },
      context(),
    );
    assert.equal(result.status, 'ok', result.error);
    assert.match(seen[0] ?? '', /^https:\/\/api\.datadoghq\.eu\/api\/v1\/query\?/);
  });

  it('times out a slow API at the step timeout', async () => {
    const slow = await startFakeDatadog({ apiKey: API_KEY, appKey: APP_KEY, delayMs: 2_000 });
    try {
      const result = await createDatadogLogsProvider({ ...settings, apiUrl: slow.url }).check(
        { id: 'logs', type: 'datadog_logs', query: '*', timeout: '200ms' },
        context(),
      );
      assert.equal(result.status, 'error');
      assert.match(result.error ?? '', /timed out after 200 ms/);
    } finally {
      await slow.close();
    }
  });

  it('says which variables to set when Datadog is not configured', async () => {
    const result = await createDatadogQueryProvider(undefined).check(
      { id: 'x', type: 'datadog_query', query: 'q' },
      context(),
    );
    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /^datadog_query is not configured: set DD_API_KEY and DD_APP_KEY/);
  });
});
