import type { Action, ActionRegistry } from '../actions/types.ts';
import { RunbookError } from '../errors/index.ts';
import type { ApprovalRequest, ApprovalService } from './types.ts';

/**
 * Undo of an action (typically an auto-approved one): plans its inverse and asks a person to
 * approve it, like any other request. Nothing runs here. Throws RunbookError when no inverse is
 * known (the rollback is then only a description a person follows).
 */
export async function requestUndo(
  deps: { approvals: Pick<ApprovalService, 'get' | 'request'>; actions: ActionRegistry },
  approvalId: string,
  actor: string,
): Promise<ApprovalRequest> {
  const original = await deps.approvals.get(approvalId);
  if (!original) throw new RunbookError('approval.not_found', `no approval "${approvalId}"`);
  const inverse = original.outcome?.undo?.action ?? original.plan.rollback.action;
  if (!inverse) {
    throw new RunbookError(
      'action.refused',
      `approval ${approvalId}: no inverse action is known; undo it by hand: ${original.plan.rollback.description}`,
    );
  }
  const action = deps.actions[inverse.type] as Action | undefined;
  if (!action) {
    throw new RunbookError(
      'action.refused',
      `no "${inverse.type}" action is configured to undo ${approvalId}`,
    );
  }
  const plan = await action.plan(inverse as never, original.plan.risk, {
    rollback: `re-apply: ${original.plan.description}`,
  });
  return deps.approvals.request({
    runId: original.runId,
    runbookId: original.runbookId,
    runbookVersion: original.runbookVersion,
    remediationId: `${original.remediationId}.undo`,
    plan,
    requestedBy: actor,
    ...(original.channel === undefined ? {} : { channel: original.channel }),
  });
}
