import type { ApprovalRequest, Approver } from '../approvals/index.ts';
import { RunbookError } from '../errors/index.ts';
import type { RunServiceDeps } from './deps.ts';
import type { LiveRun } from './live-run.ts';
import type { RunRegistry } from './run-registry.ts';
import type { ApprovalDecision } from './types.ts';
import { validateAfterAction } from './validate-after-action.ts';

function decisionOf(approval: ApprovalRequest): 'approved' | 'denied' | 'expired' {
  if (approval.status === 'denied' || approval.status === 'expired') return approval.status;
  return 'approved';
}

/**
 * Decides through the approval service (which checks who may decide and executes an approved
 * action at most once), then reports on the run: `approval.decided`, `action.finished`, and the
 * post-action validation against the runbook version the run pinned.
 */
export async function decideApproval(
  deps: RunServiceDeps & { registry: RunRegistry },
  approvalId: string,
  decision: ApprovalDecision,
  approver: Approver,
): Promise<ApprovalRequest> {
  if (decision === 'approve') await refuseWhenRunAborted(deps, approvalId);
  const approval = await deps.approvals.decide(approvalId, decision, approver);
  const run = await deps.registry.acquire(approval.runId);
  try {
    return await reportDecision(run, approval, approver, deps);
  } finally {
    await deps.registry.release(approval.runId);
  }
}

/** An aborted run's approvals no longer apply: nobody should act on evidence the run walked away from. */
async function refuseWhenRunAborted(deps: RunServiceDeps & { registry: RunRegistry }, approvalId: string) {
  const request = await deps.approvals.get(approvalId);
  if (!request) return;
  const run = await deps.registry.acquire(request.runId).catch((error: unknown) => {
    if (error instanceof RunbookError && error.code === 'run.not_found') return undefined;
    throw error;
  });
  if (!run) return;
  try {
    if (run.record.status === 'cancelled') {
      throw new RunbookError(
        'run.invalid_state',
        `run ${request.runId} was aborted, so approval ${approvalId} no longer applies; start a new run to act`,
      );
    }
  } finally {
    await deps.registry.release(request.runId);
  }
}

/**
 * Shows a decision on its run: `approval.decided`, then `action.finished` and the post-action
 * validation when an action ran. Repeating a decision already reported changes nothing.
 */
export async function reportDecision(
  run: LiveRun,
  approval: ApprovalRequest,
  approver: Approver,
  deps: RunServiceDeps,
): Promise<ApprovalRequest> {
  const approvalId = approval.id;
  // Repeating a decision already taken changes nothing, so it reports nothing either.
  const reported = run.record.events.some(
    (event) => event.type === 'approval.decided' && event.approvalId === approvalId,
  );
  if (reported) return approval;
  const runId = run.record.id;
  const at = () => deps.now().toISOString();
  run.emit({
    type: 'approval.decided',
    runId,
    at: at(),
    approvalId,
    decision: decisionOf(approval),
    actor: approver.id,
  });
  const outcome = approval.outcome;
  if (!outcome) return approval;
  run.emit({
    type: 'action.finished',
    runId,
    at: at(),
    approvalId,
    status: outcome.status,
    summary: outcome.summary,
  });
  if (outcome.status === 'succeeded') {
    const ref =
      run.record.approvalRunbooks?.[approvalId] ??
      (run.record.runbook?.id === approval.runbookId ? run.record.runbook : undefined);
    await validateAfterAction(run, ref, run.record.approvalParams?.[approvalId], deps);
  }
  return approval;
}
