import { AUTONOMY_APPROVER } from '../approvals/index.ts';
import type { RecommendedRemediation } from '../engine/events.ts';
import { errorMessage, RunbookError } from '../errors/index.ts';
import { autonomyVerdict } from './autonomy-verdict.ts';
import { reportDecision } from './decide-approval.ts';
import type { RunServiceDeps } from './deps.ts';
import type { LiveRun } from './live-run.ts';

export type ProposeDeps = RunServiceDeps & {
  /** The version of a remediation's runbook (for approvals of an investigation's proposals). */
  versionOf?: (runbookId: string) => Promise<{ version: number; hash: string } | undefined>;
};

/**
 * Emits each recommended remediation; those that need an approval and have a plan get an approval
 * request first, and its id travels with the event so Slack and the CLI can offer the decision.
 */
export async function proposeRemediations(
  run: LiveRun,
  remediations: readonly RecommendedRemediation[],
  deps: ProposeDeps,
): Promise<void> {
  const record = run.record;
  for (const remediation of remediations) {
    let approvalId: string | undefined;
    let autoApprove = false;
    if (remediation.requiresApproval && remediation.plan) {
      try {
        const pinned =
          record.runbook?.id === remediation.runbookId
            ? record.runbook
            : await deps.versionOf?.(remediation.runbookId);
        const autonomy = await autonomyVerdict(remediation, remediation.plan.risk, pinned?.hash, deps);
        const approval = await deps.approvals.request({
          runId: record.id,
          runbookId: remediation.runbookId,
          runbookVersion: pinned ? String(pinned.version) : 'unknown',
          remediationId: remediation.remediationId,
          plan: remediation.plan,
          requestedBy: record.actor,
          ...(record.origin.channel === undefined ? {} : { channel: record.origin.channel }),
          ...(autonomy === undefined ? {} : { autonomy }),
        });
        approvalId = approval.id;
        autoApprove = approval.autonomy?.eligible === true;
        record.approvalIds.push(approval.id);
        if (remediation.params) {
          record.approvalParams = { ...record.approvalParams, [approval.id]: remediation.params };
        }
        if (pinned) {
          record.approvalRunbooks = {
            ...record.approvalRunbooks,
            [approval.id]: { id: remediation.runbookId, version: pinned.version, hash: pinned.hash },
          };
        }
      } catch (error) {
        const code = error instanceof RunbookError ? error.code : 'approval.request_failed';
        run.emit({
          type: 'error',
          runId: record.id,
          at: deps.now().toISOString(),
          code,
          message: `could not request approval for ${remediation.remediationId}: ${errorMessage(error)}`,
        });
      }
    }
    run.emit({
      type: 'remediation.proposed',
      runId: record.id,
      at: deps.now().toISOString(),
      remediation,
      ...(approvalId === undefined ? {} : { approvalId }),
    });
    if (approvalId !== undefined && autoApprove) await approveEarned(run, approvalId, deps);
  }
}

/** Earned autonomy: the approval is decided at once, audited as such, and reported like any other. */
async function approveEarned(run: LiveRun, approvalId: string, deps: ProposeDeps): Promise<void> {
  try {
    const approval = await deps.approvals.decide(approvalId, 'approve', AUTONOMY_APPROVER);
    await reportDecision(run, approval, AUTONOMY_APPROVER, deps);
  } catch (error) {
    run.emit({
      type: 'error',
      runId: run.record.id,
      at: deps.now().toISOString(),
      code: error instanceof RunbookError ? error.code : 'approval.auto_failed',
      message: `earned autonomy could not approve ${approvalId}: ${errorMessage(error)}; a person must decide it`,
    });
  }
}
