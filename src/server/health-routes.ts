import { Hono } from 'hono';
import { errorMessage } from '../errors/index.ts';
import { probeStore, type StateStore } from '../state/index.ts';

export interface HealthInput {
  store: StateStore;
  /** Each returns exposition text; /metrics joins them (the Slack app's, the server's own). */
  metrics: ReadonlyArray<() => string>;
  isDraining(): boolean;
  readyTimeoutMs?: number;
}

/** GET /healthz (the process is up), /readyz (state answers, not shutting down), /metrics. */
export function createHealthRoutes(input: HealthInput): Hono {
  const timeoutMs = input.readyTimeoutMs ?? 2000;
  const noStore = { 'cache-control': 'no-store' };
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }, 200, noStore))
    .get('/readyz', async (c) => {
      if (input.isDraining()) return c.json({ status: 'not ready', reason: 'shutting down' }, 503, noStore);
      try {
        await probeStore(input.store, timeoutMs, 'server:readyz-probe');
        return c.json({ status: 'ready' }, 200, noStore);
      } catch (error) {
        return c.json({ status: 'not ready', reason: errorMessage(error) }, 503, noStore);
      }
    })
    .get('/metrics', (c) =>
      c.body(input.metrics.map((render) => render()).join(''), 200, {
        ...noStore,
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      }),
    );
}
