import type { ApprovalRequest } from './types.ts';

/**
 * Earned autonomy may only approve a request that was judged eligible when it was made, and
 * never a high-risk one (whatever the runbook says) nor deny anything.
 */
export function autonomyRefusal(request: ApprovalRequest, decision: 'approve' | 'deny'): string | undefined {
  if (decision !== 'approve') return 'earned autonomy only approves';
  if (request.plan.risk === 'high') return 'high-risk actions are never auto-approved';
  if (!request.autonomy?.eligible) return 'this request has not earned autonomy: a person must approve it';
  return undefined;
}
