import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config/index.ts';
import { createProviders } from './create-providers.ts';

const context = () => ({ params: {}, now: new Date(), signal: AbortSignal.timeout(5_000) });

test('wires every diagnostic type, and the unconfigured ones say which variables to set', async () => {
  const config = loadConfig({}, '/tmp');
  const providers = createProviders(config, {
    kubernetes: { defaultKubeconfigPath: '/nonexistent/kubeconfig' },
  });
  assert.deepEqual(Object.keys(providers).sort(), [
    'command',
    'database_query',
    'datadog_logs',
    'datadog_query',
    'http_check',
    'kubernetes',
    'log_search',
    'prometheus_query',
  ]);
  assert.equal(providers.prometheus_query?.isConfigured, false);
  assert.equal(providers.http_check?.isConfigured, true);
  assert.equal(providers.database_query?.isConfigured, false);
  const unset = await providers.database_query?.check(
    { id: 'd', type: 'database_query', database: 'payments', sql: 'SELECT 1' },
    context(),
  );
  assert.match(unset?.error ?? '', /set RUNBOOK_DATABASE_PAYMENTS_URL/);
  const result = await providers.datadog_query?.check(
    { id: 'q', type: 'datadog_query', query: 'avg:x{*}' },
    context(),
  );
  assert.match(result?.error ?? '', /^datadog_query is not configured: set DD_API_KEY and DD_APP_KEY/);
});

test('configured settings make the providers configured', () => {
  const config = loadConfig(
    {
      PROMETHEUS_URL: 'http://127.0.0.1:9',
      DD_API_KEY: 'k',
      DD_APP_KEY: 'a',
      RUNBOOK_HOST_OVERRIDES: 'fraud-service=127.0.0.1:1',
    },
    '/tmp',
  );
  const providers = createProviders(config, {
    kubernetes: { defaultKubeconfigPath: '/nonexistent/kubeconfig' },
  });
  assert.equal(providers.prometheus_query?.isConfigured, true);
  assert.equal(providers.datadog_logs?.isConfigured, true);
  assert.equal(providers.log_search?.isConfigured, true);
});
