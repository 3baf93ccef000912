import type { ApprovalService } from '../approvals/index.ts';
import type { RunRecord } from '../runs/index.ts';
import { bounded } from './mcp-deps.ts';

/** A run as an assistant reads it: status, conclusion, what waits for a human, and the report. */
export async function describeRun(record: RunRecord, approvals: ApprovalService) {
  const requests = await Promise.all(record.approvalIds.map((id) => approvals.get(id)));
  const waiting = requests.filter((request) => request?.status === 'pending');
  return {
    runId: record.id,
    kind: record.kind,
    target: record.target,
    status: record.status,
    startedAt: record.startedAt,
    ...(record.finishedAt === undefined ? {} : { finishedAt: record.finishedAt }),
    ...(record.runbook === undefined ? {} : { runbook: record.runbook }),
    ...(record.conclusion === undefined
      ? {}
      : {
          conclusion: {
            summary: record.conclusion.summary,
            category: record.conclusion.category,
            confidence: record.conclusion.confidence,
            remediations: record.conclusion.remediations.map(
              (r) => `${r.runbookId}/${r.remediationId} (${r.risk})`,
            ),
          },
        }),
    approvals: requests.flatMap((request) =>
      request
        ? [
            {
              id: request.id,
              status: request.status,
              risk: request.plan.risk,
              action: request.plan.description,
            },
          ]
        : [],
    ),
    ...(waiting.length > 0
      ? {
          note: 'Actions wait for a person to approve them in Slack or the CLI; this MCP server cannot approve.',
        }
      : {}),
    ...(record.reportMarkdown === undefined ? {} : { report: bounded(record.reportMarkdown) }),
  };
}
