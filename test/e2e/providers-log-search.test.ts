import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDatadogLogSource } from '../../src/providers/datadog/index.ts';
import { compileLinePredicate, createLogSearchProvider } from '../../src/providers/logs/index.ts';
import type { CheckContext, LogLine, LogSource, Provider } from '../../src/providers/types.ts';
import { type FakeDatadog, startFakeDatadog } from '../fakes/datadog.ts';

type Step = Parameters<Provider<'log_search'>['check']>[0];
type SearchQuery = Parameters<LogSource['search']>[0];

const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
const context = (): CheckContext => ({ params: {}, now: new Date(now), signal: AbortSignal.timeout(10_000) });
const step = (pattern: string, extra: Partial<Step> = {}): Step => ({
  id: 'logs',
  type: 'log_search',
  pattern,
  ...extra,
});

/** A small LogSource over fixed container logs: a fake of our own interface, recording its queries. */
function containerLogs(
  lines: LogLine[],
  options: { fail?: string } = {},
): LogSource & { queries: SearchQuery[] } {
  const queries: SearchQuery[] = [];
  return {
    name: 'kubernetes',
    isConfigured: true,
    queries,
    async search(query) {
      queries.push(query);
      if (options.fail) throw new Error(options.fail);
      const matches = compileLinePredicate(query.pattern, query.regex);
      const found = lines.filter((line) => matches(line.line));
      return {
        lines: found.slice(0, query.limit),
        scanned: lines.length,
        truncated: found.length > query.limit,
      };
    },
  };
}

const POD_LINES: LogLine[] = [
  {
    ts: at(1),
    source: 'kubernetes',
    origin: 'production/payment-service-abc/app',
    line: 'ERROR pool: remaining connection slots are reserved',
  },
  {
    ts: at(3),
    source: 'kubernetes',
    origin: 'production/payment-service-abc/app',
    line: 'ERROR pool: remaining connection slots are reserved',
  },
  {
    ts: at(5),
    source: 'kubernetes',
    origin: 'production/payment-service-def/app',
    line: 'ERROR pool: remaining connection slots are reserved',
  },
  {
    ts: at(6),
    source: 'kubernetes',
    origin: 'production/payment-service-def/app',
    line: 'INFO request served in 12ms',
  },
];

describe('log_search across sources', () => {
  let fake: FakeDatadog;
  let datadog: LogSource;

  before(async () => {
    fake = await startFakeDatadog({
      apiKey: 'k',
      appKey: 'a',
      logs: [
        {
          timestamp: at(2),
          service: 'payment-service',
          message: 'FATAL: remaining connection slots are reserved for superuser',
          tags: ['kube_namespace:production'],
        },
        { timestamp: at(4), service: 'payment-service', message: 'GET /health 200' },
        {
          timestamp: at(120),
          service: 'payment-service',
          message: 'remaining connection slots (outside the window)',
        },
      ],
    });
    datadog = createDatadogLogSource(
      { apiKey: 'k', appKey: 'a', site: undefined, apiUrl: fake.url },
      { now: () => now },
    );
  });
  after(() => fake?.close());

  it('counts matching lines from every source, by origin, with the newest samples first', async () => {
    const kubernetes = containerLogs(POD_LINES);
    const provider = createLogSearchProvider([kubernetes, datadog]);
    const result = await provider.check(
      step('remaining connection slots', {
        workload: 'payment-service',
        namespace: 'production',
        window: '30m',
        limit: 3,
      }),
      context(),
    );
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.value, 4);
    assert.deepEqual(result.fields['by_origin'], {
      'production/payment-service-abc/app': 2,
      'production/payment-service-def/app': 1,
      'payment-service': 1,
    });
    assert.deepEqual(result.fields['by_source'], { kubernetes: 3, datadog: 1 });
    assert.deepEqual(
      result.items.map((item) => item['ts']),
      [at(1), at(2), at(3)],
    );
    assert.equal(kubernetes.queries[0]?.sinceMs, 30 * 60_000);
    assert.equal(kubernetes.queries[0]?.workload, 'payment-service');
    const body = fake.requests.at(-1)?.body as { filter: { query: string } };
    assert.equal(
      body.filter.query,
      'service:payment-service kube_namespace:production "remaining connection slots"',
    );
    assert.match(
      result.summary,
      /^4 matching lines in the last 30m from 3 origin\(s\); most from production\/payment-service-abc\/app \(2\)$/,
    );
  });

  it('matches a regular expression, filtering Datadog lines locally', async () => {
    const result = await createLogSearchProvider([containerLogs(POD_LINES), datadog]).check(
      step('^(ERROR|FATAL)\\b.*slots', { regex: true }),
      context(),
    );
    assert.equal(result.value, 4);
  });

  it('refuses a regex with nested quantifiers and an over-long pattern', async () => {
    const provider = createLogSearchProvider([containerLogs(POD_LINES)]);
    const nested = await provider.check(step('(a+)+$', { regex: true }), context());
    assert.equal(nested.status, 'error');
    assert.match(nested.error ?? '', /nests quantifiers/);
    const long = await provider.check(step('x'.repeat(300)), context());
    assert.match(long.error ?? '', /longer than 256 characters/);
  });

  it('still counts the other sources when one fails, and says which failed', async () => {
    const result = await createLogSearchProvider([
      containerLogs(POD_LINES, { fail: 'pods forbidden' }),
      datadog,
    ]).check(step('remaining connection slots', { workload: 'payment-service' }), context());
    assert.equal(result.status, 'ok');
    assert.equal(result.value, 1);
    assert.deepEqual(result.fields['errors'], { kubernetes: 'pods forbidden' });
  });

  it('searches only the named source', async () => {
    const kubernetes = containerLogs(POD_LINES);
    const result = await createLogSearchProvider([kubernetes, datadog]).check(
      step('remaining', { source: 'datadog', workload: 'payment-service' }),
      context(),
    );
    assert.equal(result.value, 1);
    assert.equal(kubernetes.queries.length, 0);
  });

  it('says what to set when no source is configured', async () => {
    const unconfigured = createDatadogLogSource(undefined);
    const result = await createLogSearchProvider([unconfigured]).check(step('x'), context());
    assert.equal(result.status, 'error');
    assert.equal(
      result.error,
      'log_search is not configured: set KUBECONFIG or KUBE_CONTEXT (or run inside a cluster), or DD_API_KEY and DD_APP_KEY',
    );
  });
});
