import type { RecommendedRemediation } from '../../engine/index.ts';
import { errorMessage } from '../../errors/index.ts';
import type { RunRecord, RunService } from '../../runs/index.ts';
import type { CliIO } from '../types.ts';

export interface PendingApproval {
  approvalId: string;
  remediation: RecommendedRemediation;
}

export function pendingApprovals(record: RunRecord): PendingApproval[] {
  const decided = new Set(
    record.events.flatMap((event) => (event.type === 'approval.decided' ? [event.approvalId] : [])),
  );
  return record.events.flatMap((event) =>
    event.type === 'remediation.proposed' && event.approvalId !== undefined && !decided.has(event.approvalId)
      ? [{ approvalId: event.approvalId, remediation: event.remediation }]
      : [],
  );
}

export function describePlan({ approvalId, remediation }: PendingApproval): string {
  const plan = remediation.plan;
  return [
    '',
    `Approval ${approvalId}: ${remediation.name} (${remediation.remediationId})`,
    `  risk:     ${remediation.risk}`,
    ...(plan
      ? [`  plan:     ${plan.description}`, `  dry run:  ${plan.dryRun.split('\n').join('\n            ')}`]
      : []),
    `  rollback: ${remediation.rollback ?? plan?.rollback.description ?? 'none given'}`,
    '',
  ].join('\n');
}

/**
 * Asks about each pending approval. `--yes` approves low and medium risk, never high; at a
 * terminal the person answers y/n (anything else leaves it pending); with neither, it stays
 * pending and we say how to decide it. Every decision goes through the run service's approvals.
 */
export async function decidePendingApprovals(
  record: RunRecord,
  options: {
    runs: RunService;
    io: CliIO;
    actor: string;
    yes: boolean;
    out: { write(text: string): unknown };
  },
): Promise<{ failed: boolean }> {
  const { io, out } = options;
  let failed = false;
  const approver = { id: options.actor, via: 'cli' as const };
  for (const pending of pendingApprovals(record)) {
    const { approvalId, remediation } = pending;
    out.write(describePlan(pending));
    let decision: 'approve' | 'deny' | undefined;
    if (options.yes && remediation.risk !== 'high') {
      out.write(`--yes: approving ${remediation.risk}-risk ${remediation.remediationId}\n`);
      decision = 'approve';
    } else if (options.yes) {
      out.write(
        `--yes is refused for high-risk actions: ${remediation.remediationId} needs an explicit decision\n`,
      );
    }
    if (decision === undefined && io.prompt) {
      const answer = (await io.prompt(`Approve ${remediation.remediationId}? [y/N] `))?.trim().toLowerCase();
      if (answer === 'y' || answer === 'yes') decision = 'approve';
      else if (answer === 'n' || answer === 'no') decision = 'deny';
    }
    if (decision === undefined) {
      out.write(
        `Left pending: approval ${approvalId}. Approve it in Slack, or run again at a terminal to be asked${remediation.risk === 'high' ? '' : ' (or with --yes)'}.\n`,
      );
      continue;
    }
    try {
      await options.runs.decideApproval(approvalId, decision, approver);
    } catch (error) {
      failed = true;
      io.stderr.write(`runbook run: approval ${approvalId}: ${errorMessage(error)}\n`);
    }
  }
  return { failed };
}
