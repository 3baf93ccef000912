import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ApprovalRequest } from '../approvals/types.ts';
import { errorMessage, RunbookError } from '../errors/index.ts';
import type { ApprovalDecision } from '../runs/types.ts';
import { announceDecision, refreshApprovalMessage } from './approval-thread.ts';
import { buildPermalink } from './permalink.ts';
import { postEphemeral } from './post-message.ts';
import { APPROVE_ACTION_ID, DENY_ACTION_ID } from './render-approval.ts';
import { renderProblem } from './render-replies.ts';
import type { SlackRuntime } from './runtime.ts';

const RECORD_TTL_MS = 30 * 24 * 3_600_000;

interface Click {
  approvalId: string;
  decision: ApprovalDecision;
  user: string;
  channel?: string;
  messageTs?: string;
  threadTs?: string;
  permalink?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Where the clicked message is: the payload's message and container carry it, loosely typed. */
function clickLocation(body: BlockAction): { channel?: string; messageTs?: string; threadTs?: string } {
  const { channel_id, message_ts, thread_ts }: Record<string, unknown> = body.container ?? {};
  const { thread_ts: messageThreadTs }: Record<string, unknown> = body.message ?? {};
  const channel = body.channel?.id ?? text(channel_id);
  const messageTs = body.message?.ts ?? text(message_ts);
  const threadTs = text(messageThreadTs) ?? text(thread_ts);
  return {
    ...(channel ? { channel } : {}),
    ...(messageTs ? { messageTs } : {}),
    ...(threadTs ? { threadTs } : {}),
  };
}

async function permalinkOf(
  runtime: SlackRuntime,
  body: BlockAction,
  channel?: string,
  ts?: string,
  threadTs?: string,
) {
  if (!channel || !ts) return undefined;
  if (body.team?.domain) return buildPermalink(body.team.domain, channel, ts, threadTs);
  try {
    return (await runtime.client.chat.getPermalink({ channel, message_ts: ts })).permalink;
  } catch (error) {
    runtime.logger.warn({ channel, ts, error: errorMessage(error) }, 'no permalink for the approval message');
    return undefined;
  }
}

const REFUSAL_HINT: Partial<Record<RunbookError['code'], string>> = {
  'approval.unauthorized': 'Ask one of the configured approvers (RUNBOOK_APPROVERS) to decide.',
  'approval.expired': 'Nothing was run. Start the run again for a fresh proposal.',
  'approval.already_decided': 'Nothing more was run: an approved action runs once.',
  'approval.not_found': 'It may have been cleaned up; start the run again.',
};

async function refuse(runtime: SlackRuntime, click: Click, error: RunbookError): Promise<void> {
  runtime.metrics.increment('runbook_approval_decisions_total', {
    decision: click.decision,
    result: error.code,
  });
  await runtime.deps.audit.append({
    actor: click.user,
    type: 'slack.approval.refused',
    data: {
      approvalId: click.approvalId,
      decision: click.decision,
      code: error.code,
      reason: error.message,
      slackUser: click.user,
      permalink: click.permalink ?? null,
    },
  });
  if (click.channel) {
    await postEphemeral(
      runtime,
      { channel: click.channel, user: click.user, ...(click.threadTs ? { threadTs: click.threadTs } : {}) },
      renderProblem(error.message, REFUSAL_HINT[error.code]),
    );
  }
  if (
    (error.code === 'approval.expired' || error.code === 'approval.already_decided') &&
    click.channel &&
    click.messageTs
  ) {
    await refreshApprovalMessage(runtime, click.approvalId, {
      location: { channel: click.channel, ts: click.messageTs },
    });
  }
}

async function record(runtime: SlackRuntime, click: Click, request: ApprovalRequest): Promise<void> {
  // The approval service answers a repeated decision with the request as it stands; only the
  // first click to get here records the decision, later ones are logged as repeats.
  const first = await runtime.deps.store.claim(`slack-approval-recorded:${request.id}`, RECORD_TTL_MS);
  runtime.metrics.increment('runbook_approval_decisions_total', {
    decision: click.decision,
    result: first ? request.status : 'repeated',
  });
  await runtime.deps.audit.append({
    actor: click.user,
    type: first
      ? `slack.approval.${click.decision === 'approve' ? 'approved' : 'denied'}`
      : 'slack.approval.repeated',
    run_id: request.runId,
    runbook: request.runbookId,
    version: request.runbookVersion,
    data: {
      approvalId: request.id,
      decision: click.decision,
      status: request.status,
      slackUser: click.user,
      permalink: click.permalink ?? null,
      planHash: request.plan.hash,
      outcome: request.outcome ? { status: request.outcome.status, summary: request.outcome.summary } : null,
    },
  });
  if (!first && click.channel && request.decidedBy !== click.user) {
    const by = request.decidedBy ? ` by ${request.decidedBy}` : '';
    await postEphemeral(
      runtime,
      { channel: click.channel, user: click.user, ...(click.threadTs ? { threadTs: click.threadTs } : {}) },
      renderProblem(`Already ${request.status}${by}.`, REFUSAL_HINT['approval.already_decided']),
    );
  }
  if (click.channel && click.messageTs) {
    await refreshApprovalMessage(runtime, request.id, {
      request,
      location: { channel: click.channel, ts: click.messageTs },
    });
    announceDecision(runtime, {
      channel: click.channel,
      threadTs: click.threadTs,
      request,
      actor: click.user,
    });
  }
}

async function decide(
  runtime: SlackRuntime,
  body: BlockAction,
  action: ButtonAction,
  decision: ApprovalDecision,
) {
  const location = clickLocation(body);
  const permalink = await permalinkOf(runtime, body, location.channel, location.messageTs, location.threadTs);
  const click: Click = {
    approvalId: action.value ?? '',
    decision,
    user: body.user.id,
    ...location,
    ...(permalink ? { permalink } : {}),
  };
  const groups = await runtime.groups.groupsOf(click.user);
  let request: ApprovalRequest;
  try {
    request = await runtime.deps.runs.decideApproval(click.approvalId, decision, {
      id: click.user,
      groups,
      via: 'slack',
    });
  } catch (error) {
    if (error instanceof RunbookError && error.code.startsWith('approval.'))
      return refuse(runtime, click, error);
    throw error;
  }
  await record(runtime, click, request);
}

/**
 * Approve / Deny. Acknowledged at once; the run service decides who may approve and makes an
 * approved action execute once (double clicks, retries, restarts, replicas). Every decision and
 * every refused click goes to the audit log with the Slack user and the message's permalink.
 */
export function registerApprovalActions(app: App, runtime: SlackRuntime): void {
  for (const [actionId, decision] of [
    [APPROVE_ACTION_ID, 'approve'],
    [DENY_ACTION_ID, 'deny'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action }) => {
      await ack();
      runtime.metrics.increment('slack_actions_total', { action: actionId });
      try {
        await decide(runtime, body, action, decision);
      } catch (error) {
        runtime.logger.error(
          { approvalId: action.value, error: errorMessage(error) },
          'approval click failed',
        );
        const channel = body.channel?.id;
        if (channel) {
          await postEphemeral(
            runtime,
            { channel, user: body.user.id },
            renderProblem(`The decision failed: ${errorMessage(error)}`),
          ).catch((postError: unknown) =>
            runtime.logger.error({ error: errorMessage(postError) }, 'could not report a failed click'),
          );
        }
      }
    });
  }
}
