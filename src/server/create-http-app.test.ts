import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { createHttpApp } from './index.ts';

describe('createHttpApp', () => {
  it('serves several sub-apps side by side at the root, whatever their Env, and 404s the rest', async () => {
    const api = new Hono<{ Variables: { token: string } }>().get('/api/runs', (c) => c.text('runs'));
    const deploys = new Hono().post('/alerts/github', (c) => c.text('deploy'));
    const health = new Hono().get('/healthz', (c) => c.text('ok'));
    const app = createHttpApp({ health, routes: [deploys, api] });
    assert.equal(await (await app.request('/api/runs')).text(), 'runs');
    assert.equal(await (await app.request('/alerts/github', { method: 'POST' })).text(), 'deploy');
    assert.equal(await (await app.request('/healthz')).text(), 'ok');
    const missing = await app.request('/nowhere');
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: 'no route for GET /nowhere' });
  });
});
