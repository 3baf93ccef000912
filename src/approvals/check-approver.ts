import type { ApprovalPolicy, ApprovalRequest, Approver } from './types.ts';

/**
 * Why `approver` may not take `decision` on `request`, or undefined when they may. Approvers are
 * the user ids and user-group ids of the policy; the requester may always withdraw (deny) their own
 * request but may not approve their own high-risk action alone.
 */
export async function refusalReason(
  request: ApprovalRequest,
  decision: 'approve' | 'deny',
  approver: Approver,
  policy: ApprovalPolicy,
  resolveGroups: ((userId: string) => Promise<string[]>) | undefined,
): Promise<string | undefined> {
  const isRequester = approver.id === request.requestedBy;
  if (decision === 'deny' && isRequester) return undefined;
  const byRunbook = policy.approversByRunbook;
  const approvers =
    byRunbook && Object.hasOwn(byRunbook, request.runbookId)
      ? (byRunbook[request.runbookId] ?? policy.approvers)
      : policy.approvers;
  if (approvers.length === 0) {
    return 'no approvers are configured: set RUNBOOK_APPROVERS to Slack user ids (U…) or user-group ids (S…)';
  }
  const allowed = new Set(approvers);
  let isApprover = allowed.has(approver.id) || (approver.groups ?? []).some((group) => allowed.has(group));
  if (!isApprover && resolveGroups && approvers.some((id) => id.startsWith('S'))) {
    isApprover = (await resolveGroups(approver.id)).some((group) => allowed.has(group));
  }
  if (!isApprover) {
    return `${approver.id} is not an approver: only the users and user groups in RUNBOOK_APPROVERS may ${decision}`;
  }
  if (
    decision === 'approve' &&
    isRequester &&
    request.plan.risk === 'high' &&
    !policy.allowSelfApproveHighRisk
  ) {
    return `${approver.id} requested this high-risk action and may not approve it alone: another approver must`;
  }
  return undefined;
}
