import type { ApprovalRequest } from '../approvals/types.ts';
import type { ProgressEvent, RecommendedRemediation } from '../engine/events.ts';
import { errorMessage } from '../errors/index.ts';
import { postMessage, updateMessage } from './post-message.ts';
import {
  type ApprovalCard,
  type ApprovalResult,
  approvalCard,
  renderApprovalRequest,
  renderApprovalResult,
} from './render-approval.ts';
import { renderEventReply } from './render-event.ts';
import { emptyRunView, type RunView } from './run-view.ts';
import type { SlackRuntime } from './runtime.ts';

async function lookupApproval(
  runtime: SlackRuntime,
  approvalId: string,
): Promise<ApprovalRequest | undefined> {
  if (!runtime.deps.approvals) return undefined;
  try {
    return await runtime.deps.approvals.get(approvalId);
  } catch (error) {
    runtime.logger.warn({ approvalId, error: errorMessage(error) }, 'approval look-up failed');
    return undefined;
  }
}

/** Posts the Approve / Deny message in the run's thread and remembers where it is. */
export function postApprovalRequest(
  runtime: SlackRuntime,
  input: {
    channel: string;
    thread: () => Promise<string | undefined>;
    runId: string;
    approvalId: string;
    remediation: RecommendedRemediation;
  },
): void {
  let card: ApprovalCard | undefined;
  postMessage(runtime, { channel: input.channel, thread: input.thread }, async () => {
    const request = await lookupApproval(runtime, input.approvalId);
    card = approvalCard(input.approvalId, input.remediation, request);
    return renderApprovalRequest(card);
  })
    .then(async (response) => {
      if (response?.ts === undefined || card === undefined) return;
      const threadTs = await input.thread();
      const messageTs = response.ts;
      await runtime.approvalMessages.save({
        approvalId: input.approvalId,
        runId: input.runId,
        channel: input.channel,
        ts: response.ts,
        ...(threadTs ? { threadTs } : {}),
        card,
      });
      await runtime.deps.approvals?.recordMessage?.(input.approvalId, { channel: input.channel, messageTs });
    })
    .catch((error: unknown) =>
      runtime.logger.error(
        { approvalId: input.approvalId, error: errorMessage(error) },
        'approval message not posted',
      ),
    );
}

/**
 * Shows the decision on the approval message itself (buttons gone). `known` is what the caller
 * already knows; the approval service, when there is one, has the last word.
 */
export async function refreshApprovalMessage(
  runtime: SlackRuntime,
  approvalId: string,
  known: { request?: ApprovalRequest; location?: { channel: string; ts: string }; fallback?: ApprovalResult },
): Promise<void> {
  const record = await runtime.approvalMessages.find(approvalId);
  const location = known.location ?? (record ? { channel: record.channel, ts: record.ts } : undefined);
  if (!location) return;
  updateMessage(runtime, location.channel, location.ts, async () => {
    const request = known.request ?? (await lookupApproval(runtime, approvalId));
    const card = record?.card ?? approvalCard(approvalId, undefined, request);
    const result: ApprovalResult | undefined = request
      ? {
          status: request.status,
          ...(request.decidedBy ? { decidedBy: request.decidedBy } : {}),
          ...(request.decidedAt ? { decidedAt: request.decidedAt } : {}),
          ...(request.outcome ? { outcome: request.outcome } : {}),
        }
      : known.fallback;
    return result && result.status !== 'pending'
      ? renderApprovalResult(card, result)
      : renderApprovalRequest(card);
  });
}

/** A decision or action result from the run: one thread reply (claimed once) and the message updated. */
export function announceApprovalEvent(
  runtime: SlackRuntime,
  input: {
    channel: string;
    thread: () => Promise<string | undefined>;
    event: Extract<ProgressEvent, { type: 'approval.decided' | 'action.finished' }>;
    view: RunView;
  },
): void {
  const { event } = input;
  const what = event.type === 'approval.decided' ? 'decision' : 'result';
  const fallback: ApprovalResult =
    event.type === 'approval.decided'
      ? { status: event.decision, decidedBy: event.actor, decidedAt: event.at }
      : {
          status: event.status === 'succeeded' ? 'executed' : 'failed',
          outcome: { status: event.status, summary: event.summary, durationMs: 0 },
        };
  const message = renderEventReply(event, input.view);
  // Claimed at the reply's turn in the queue, so the thread keeps the run's order.
  postMessage(runtime, { channel: input.channel, thread: input.thread }, async () =>
    message && (await runtime.approvalMessages.claimAnnouncement(event.approvalId, what))
      ? message
      : undefined,
  )
    .then(() => refreshApprovalMessage(runtime, event.approvalId, { fallback }))
    .catch((error: unknown) =>
      runtime.logger.error(
        { approvalId: event.approvalId, error: errorMessage(error) },
        'approval update failed',
      ),
    );
}

/** After a click: the decision and the action's result in the thread, each posted once overall. */
export function announceDecision(
  runtime: SlackRuntime,
  input: { channel: string; threadTs: string | undefined; request: ApprovalRequest; actor: string },
): void {
  const { request } = input;
  const at = request.decidedAt ?? runtime.now().toISOString();
  const view = emptyRunView(request.runId);
  const decision =
    request.status === 'denied' ? 'denied' : request.status === 'expired' ? 'expired' : 'approved';
  const events: Array<Extract<ProgressEvent, { type: 'approval.decided' | 'action.finished' }>> = [
    {
      type: 'approval.decided',
      runId: request.runId,
      at,
      approvalId: request.id,
      decision,
      actor: input.actor,
    },
  ];
  if (request.outcome) {
    events.push({
      type: 'action.finished',
      runId: request.runId,
      at,
      approvalId: request.id,
      status: request.outcome.status,
      summary: request.outcome.summary,
    });
  }
  const target = input.threadTs
    ? { channel: input.channel, threadTs: input.threadTs }
    : { channel: input.channel };
  for (const event of events) {
    const what = event.type === 'approval.decided' ? 'decision' : 'result';
    const message = renderEventReply(event, view);
    postMessage(runtime, target, async () =>
      message && (await runtime.approvalMessages.claimAnnouncement(request.id, what)) ? message : undefined,
    ).catch((error: unknown) =>
      runtime.logger.error(
        { approvalId: request.id, error: errorMessage(error) },
        'decision not posted in thread',
      ),
    );
  }
}
