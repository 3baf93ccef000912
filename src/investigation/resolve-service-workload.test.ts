import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contextParams } from './bind-checks.ts';
import { deriveContext } from './derive-context.ts';
import {
  serviceNameToResolve,
  servicePodsQuery,
  withWorkloadBehindService,
} from './resolve-service-workload.ts';

const contextOf = (labels: Record<string, string>) =>
  deriveContext({
    target: 'HighErrorRate',
    alert: { name: 'HighErrorRate', source: 'alertmanager', labels },
  });
const pods = (...names: string[]) => names.map((pod) => ({ labels: { pod, namespace: 'shop' } }));

describe('resolving the workload behind a Service the alert names', () => {
  it('resolves only a name taken from a service or job label, never a named workload', () => {
    assert.equal(serviceNameToResolve(contextOf({ service: 'cart', namespace: 'shop' })), 'cart');
    assert.equal(serviceNameToResolve(contextOf({ job: 'cart' })), 'cart');
    assert.equal(serviceNameToResolve(contextOf({ service: 'cart', deployment: 'cart' })), undefined);
    assert.equal(
      serviceNameToResolve(contextOf({ namespace: 'shop', pod: 'cart-api-66b7c8d9e5-fz7g8' })),
      undefined,
    );
  });

  it('asks for the pods behind the service by its service label or its scrape job, down targets included', () => {
    const query = servicePodsQuery('cart');
    assert.match(query, /^count by \(namespace, pod\) \(up\{service="cart", pod!=""\}\) or /);
    assert.match(query, /up\{job="cart", pod!=""\}/);
    assert.match(query, /http_requests_total\{service="cart", pod!=""\}/);
  });

  it('names the one workload whose pods serve the metrics and keeps the service name for them', () => {
    const context = withWorkloadBehindService(
      contextOf({ service: 'cart' }),
      'cart',
      pods('cart-api-66b7c8d9e5-fz7g8', 'cart-api-66b7c8d9e5-q1w2e'),
    );
    assert.equal(context.workload, 'cart-api');
    assert.equal(context.metricsService, 'cart');
    assert.equal(context.namespace, 'shop');
    const params = contextParams(context);
    assert.equal(params['service'], 'cart-api');
    assert.equal(params['http_service'], 'cart');
  });

  it('leaves the context alone when the pods are the service own, several workloads, or unknown', () => {
    const base = contextOf({ service: 'cart', namespace: 'prod' });
    assert.equal(withWorkloadBehindService(base, 'cart', pods('cart-5d4c3b2a1f-zx9yq')), base);
    assert.equal(
      withWorkloadBehindService(
        base,
        'cart',
        pods('cart-api-66b7c8d9e5-fz7g8', 'cart-canary-7f6e5d4c3b-a1b2c'),
      ),
      base,
    );
    assert.equal(withWorkloadBehindService(base, 'cart', []), base);
    assert.equal(contextParams(base)['http_service'], 'cart');
  });
});
