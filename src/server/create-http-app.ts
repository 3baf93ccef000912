import { Hono } from 'hono';

/** Any fetch-style sub-app, whatever its own Env (the API's carries its auth variables). */
export interface SubApp {
  fetch(request: Request, env?: unknown, executionContext?: never): Response | Promise<Response>;
}

/**
 * The server's Hono app: health and metrics, alert webhooks, then each sub-app (the HTTP API,
 * deploy webhooks…).
 */
export function createHttpApp(parts: { health: Hono; alerts?: Hono; routes?: readonly SubApp[] }): Hono {
  const app = new Hono();
  app.route('/', parts.health);
  if (parts.alerts) app.route('/', parts.alerts);
  for (const routes of parts.routes ?? []) {
    // A Hono sub-app's routes join ours (so several can share `/`); any other fetch handler takes what is left.
    if (routes instanceof Hono) app.route('/', routes as Hono);
    else app.mount('/', (request, env) => routes.fetch(request, env));
  }
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
