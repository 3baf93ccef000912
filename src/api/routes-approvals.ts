import type { Hono } from 'hono';
import { type ApiDeps, type ApiEnv, pathId, requireRole } from './api-context.ts';
import { apiActor } from './api-tokens.ts';

/**
 * `/api/approvals`: the same approval service, policy and claim-once execution as Slack. The
 * token decides as `api:<name>`, which the approval policy must allow (buildApp adds every token
 * with the approve role to the approvers).
 */
export function registerApprovalRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  app.get('/api/approvals', async (c) => {
    requireRole(c, 'read');
    const pending = await deps.approvals.listPending();
    return c.json({
      approvals: pending.map((approval) => ({
        id: approval.id,
        runId: approval.runId,
        runbookId: approval.runbookId,
        remediationId: approval.remediationId,
        risk: approval.plan.risk,
        description: approval.plan.description,
        dryRun: approval.plan.dryRun,
        requestedBy: approval.requestedBy,
        expiresAt: approval.expiresAt,
      })),
    });
  });

  for (const [verb, decision] of [
    ['approve', 'approve'],
    ['deny', 'deny'],
  ] as const) {
    app.post(`/api/approvals/:id/${verb}`, async (c) => {
      const token = requireRole(c, 'approve');
      const approvalId = pathId(c);
      const approval = await deps.runs.decideApproval(approvalId, decision, {
        id: apiActor(token),
        via: 'api',
      });
      c.set('runId', approval.runId);
      return c.json({
        id: approval.id,
        runId: approval.runId,
        status: approval.status,
        ...(approval.decidedBy === undefined ? {} : { decidedBy: approval.decidedBy }),
        ...(approval.outcome === undefined ? {} : { outcome: approval.outcome }),
      });
    });
  }
}
