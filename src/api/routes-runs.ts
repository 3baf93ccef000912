import type { Hono } from 'hono';
import { RunbookError } from '../errors/index.ts';
import { type ApiDeps, type ApiEnv, jsonBody, pathId, requireRole } from './api-context.ts';
import { ApiRequestError, invalidRequest } from './api-errors.ts';
import { ListRunsQuery, StartRunBody } from './api-schemas.ts';
import { apiActor } from './api-tokens.ts';
import { paginateRuns } from './paginate-runs.ts';
import { runSummary, runTimeline } from './run-timeline.ts';

async function loadApprovals(deps: ApiDeps, ids: readonly string[]) {
  const found = await Promise.all(ids.map((id) => deps.approvals.get(id)));
  return found.filter((approval) => approval !== undefined);
}

/** `/api/runs`: start, list, read, pause, resume and abort runs through the one run service. */
export function registerRunRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  app.post('/api/runs', async (c) => {
    const token = requireRole(c, 'run');
    const body = await jsonBody(c, StartRunBody);
    const actor = apiActor(token);
    const origin = { source: 'api' as const };
    const stringParams = Object.fromEntries(Object.entries(body.params).map(([k, v]) => [k, String(v)]));
    if (body.kind === 'runbook' && !deps.catalog.get(body.runbookId)) {
      throw new ApiRequestError(404, {
        code: 'runbook.not_found',
        message: `no runbook "${body.runbookId}"; GET /api/runbooks lists them`,
      });
    }
    // Both starts validate (runbook, archived, parameters) before the run exists: nothing is half-created.
    const handle =
      body.kind === 'runbook'
        ? await deps.runs.startRunbook({ runbookId: body.runbookId, params: stringParams, actor, origin })
        : await deps.runs.startInvestigation({
            trigger: {
              target: body.target,
              params: stringParams,
              ...(body.text === undefined ? {} : { text: body.text }),
            },
            actor,
            origin,
          });
    c.set('runId', handle.runId);
    const record = await deps.runs.get(handle.runId);
    return c.json({ runId: handle.runId, status: record?.status ?? 'running' }, 202);
  });

  app.get('/api/runs', async (c) => {
    requireRole(c, 'read');
    const parsed = ListRunsQuery.safeParse(c.req.query());
    if (!parsed.success) throw invalidRequest('query', parsed.error);
    const { status, runbook, service, limit, cursor } = parsed.data;
    const records = await deps.runs.list({
      ...(status === undefined ? {} : { status }),
      ...(runbook === undefined ? {} : { runbookId: runbook }),
      ...(service === undefined ? {} : { target: service }),
    });
    const { page, nextCursor } = paginateRuns(records, limit, cursor);
    return c.json({ runs: page.map(runSummary), ...(nextCursor === undefined ? {} : { nextCursor }) });
  });

  app.get('/api/runs/:id', async (c) => {
    requireRole(c, 'read');
    const runId = pathId(c);
    c.set('runId', runId);
    const record = await deps.runs.get(runId);
    if (!record) throw new RunbookError('run.not_found', `no run "${runId}"; GET /api/runs lists runs`);
    return c.json(runTimeline(record, await loadApprovals(deps, record.approvalIds)));
  });

  for (const verb of ['pause', 'resume', 'abort'] as const) {
    app.post(`/api/runs/:id/${verb}`, async (c) => {
      const token = requireRole(c, 'run');
      const runId = pathId(c);
      c.set('runId', runId);
      const record = await deps.runs[verb](runId, apiActor(token));
      return c.json(runSummary(record));
    });
  }
}
