import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type ApiDeps, type ApiEnv, requireRole } from './api-context.ts';
import { ApiRequestError, toApiError } from './api-errors.ts';
import { apiActor, authenticate } from './api-tokens.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { registerApprovalRoutes } from './routes-approvals.ts';
import { registerRunbookRoutes } from './routes-runbooks.ts';
import { registerRunRoutes } from './routes-runs.ts';

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

function bearerSecret(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * The HTTP API as a Hono sub-app (`/api/*` and `/openapi.json`), for the server to mount. Every
 * `/api` call needs a bearer token of RUNBOOK_API_TOKENS and is audited as `api.request` with the
 * token's name (refused ones as `api.unauthorized`). `/openapi.json` is public.
 */
export function createApiApp(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const document = buildOpenApiDocument();

  app.onError((error, c) => {
    const { status, body } = toApiError(error);
    return c.json(body, status);
  });
  app.notFound((c) =>
    c.json({ code: 'route.not_found', message: `no route ${c.req.method} ${c.req.path}` }, 404),
  );

  app.get('/openapi.json', (c) => c.json(document));

  app.use('/api/*', async (c, next) => {
    const token = authenticate(deps.tokens, bearerSecret(c.req.header('authorization')) ?? '');
    if (!token) {
      await deps.audit.append({
        type: 'api.unauthorized',
        actor: 'api:anonymous',
        data: { method: c.req.method, path: c.req.path },
      });
      const message =
        deps.tokens.length === 0
          ? 'the API has no tokens: set RUNBOOK_API_TOKENS (name:roles:sha256hex)'
          : 'missing or unknown bearer token: send Authorization: Bearer <token>';
      return c.json({ code: 'api.unauthorized', message }, 401, { 'WWW-Authenticate': 'Bearer' });
    }
    c.set('token', token);
    await next();
    const runId = c.get('runId');
    await deps.audit.append({
      type: 'api.request',
      actor: apiActor(token),
      run_id: runId ?? null,
      data: { method: c.req.method, path: c.req.path, status: c.res.status },
    });
    return undefined;
  });

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          {
            code: 'request.too_large',
            message: `body larger than ${deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes`,
          },
          413,
        ),
    }),
  );

  registerRunRoutes(app, deps);
  registerApprovalRoutes(app, deps);
  registerRunbookRoutes(app, deps);
  app.all('/api/*', (c) => {
    requireRole(c, 'read');
    throw new ApiRequestError(404, {
      code: 'route.not_found',
      message: `no route ${c.req.method} ${c.req.path}`,
    });
  });
  return app;
}
