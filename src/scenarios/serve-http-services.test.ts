import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveHttpService } from './serve-http-services.ts';

test('answers its path with the status after the latency, and 404 elsewhere', async (t) => {
  const service = await serveHttpService('fraud-service', { path: '/health', status: 503, latencyMs: 120 });
  t.after(() => service.stop());
  const started = performance.now();
  const response = await fetch(`${service.url}/health?probe=1`);
  const elapsed = performance.now() - started;
  assert.equal(response.status, 503);
  assert.deepEqual(await response.json(), { service: 'fraud-service', status: 'failing' });
  assert.ok(elapsed >= 110, `took ${elapsed}ms`);
  const other = await fetch(`${service.url}/`);
  assert.equal(other.status, 404);
  await other.body?.cancel();
  assert.equal(service.address, service.url.replace('http://', ''));
});

test('serves a configured body and stops even with a request still waiting', async () => {
  const service = await serveHttpService('slow', { path: '/', status: 200, latencyMs: 30_000, body: 'pong' });
  const pending = fetch(service.url).catch((error: unknown) => error);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  await service.stop();
  assert.ok(performance.now() - started < 2_000);
  assert.ok((await pending) instanceof Error);
  await assert.rejects(fetch(service.url));
  const quick = await serveHttpService('quick', { path: '/', status: 200, latencyMs: 0, body: 'pong' });
  const response = await fetch(quick.url);
  assert.equal(await response.text(), 'pong');
  await quick.stop();
  await quick.stop();
});
