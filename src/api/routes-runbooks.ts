import { basename } from 'node:path';
import type { Hono } from 'hono';
import { RunbookError } from '../errors/index.ts';
import { type ApiDeps, type ApiEnv, pathId, requireRole } from './api-context.ts';

/** `/api/runbooks`: the library and each runbook's versions seen since start. */
export function registerRunbookRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  app.get('/api/runbooks', (c) => {
    requireRole(c, 'read');
    return c.json({
      runbooks: deps.catalog.list().map(({ definition, version, hash }) => ({
        id: definition.id,
        name: definition.name,
        status: definition.status,
        version,
        hash,
        ...(definition.service === undefined ? {} : { service: definition.service }),
        severity: definition.severity,
        ...(definition.description === undefined ? {} : { description: definition.description }),
        parameters: (definition.parameters ?? []).map((parameter) => parameter.name),
      })),
    });
  });

  app.get('/api/runbooks/:id/versions', (c) => {
    requireRole(c, 'read');
    const id = pathId(c);
    if (!deps.catalog.get(id)) {
      throw new RunbookError('runbook.not_found', `no runbook "${id}"; GET /api/runbooks lists them`);
    }
    return c.json({
      id,
      versions: deps.catalog.versions(id).map((info) => ({
        version: info.version,
        hash: info.hash,
        file: basename(info.file),
        loadedAt: info.loadedAt.toISOString(),
      })),
    });
  });
}
