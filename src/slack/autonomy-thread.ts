import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { AUTONOMY_APPROVER, describeRecord } from '../approvals/index.ts';
import type { ProgressEvent } from '../engine/events.ts';
import { errorMessage } from '../errors/index.ts';
import { postApprovalRequest } from './approval-thread.ts';
import { BLOCK_LIMITS, truncateText } from './block-limits.ts';
import { postEphemeral, postMessage } from './post-message.ts';
import { renderProblem } from './render-replies.ts';
import { context, escapeText, type SlackMessage, section } from './render-text.ts';
import type { SlackRuntime } from './runtime.ts';

export const UNDO_ACTION_ID = 'autonomy_undo';

export function isAutoApproval(
  event: ProgressEvent,
): event is Extract<ProgressEvent, { type: 'approval.decided' }> {
  return event.type === 'approval.decided' && event.actor === AUTONOMY_APPROVER.id;
}

/** "Auto-approved (approved 12 times, validated 12/12)" with an Undo button that proposes the inverse. */
export function renderAutoApproved(approvalId: string, record: string, action: string): SlackMessage {
  return {
    text: `Auto-approved by earned autonomy: ${action} (${record})`,
    blocks: [
      section(
        `:robot_face: *Auto-approved* by earned autonomy: ${escapeText(action)}\n_${escapeText(record)}_`,
      ),
      {
        type: 'actions',
        block_id: `undo:${approvalId.slice(0, 200)}`,
        elements: [
          {
            type: 'button',
            action_id: UNDO_ACTION_ID,
            text: { type: 'plain_text', text: 'Undo' },
            value: truncateText(approvalId, BLOCK_LIMITS.buttonValue),
            confirm: {
              title: { type: 'plain_text', text: 'Undo this action?' },
              text: {
                type: 'mrkdwn',
                text: 'This proposes the inverse action; a person approves it before it runs.',
              },
              confirm: { type: 'plain_text', text: 'Propose undo' },
              deny: { type: 'plain_text', text: 'Cancel' },
            },
          },
        ],
      },
      context(`approval \`${escapeText(approvalId)}\` · audited as runbook:autonomy`),
    ],
  };
}

/** The announcement in the run's thread when earned autonomy approved an action. */
export function announceAutoApproved(
  runtime: SlackRuntime,
  input: { channel: string; thread: () => Promise<string | undefined>; approvalId: string },
): void {
  postMessage(runtime, { channel: input.channel, thread: input.thread }, async () => {
    const request = await runtime.deps.approvals?.get(input.approvalId);
    const record = request?.autonomy ? describeRecord(request.autonomy.record) : 'track record unavailable';
    return renderAutoApproved(input.approvalId, record, request?.plan.description ?? input.approvalId);
  }).catch((error: unknown) =>
    runtime.logger.warn(
      { approvalId: input.approvalId, error: errorMessage(error) },
      'auto-approval not announced',
    ),
  );
}

/** Undo: asks the app for the inverse plan as a new approval request, posted in the same thread. */
export function registerUndoAction(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(UNDO_ACTION_ID, async ({ ack, body, action }) => {
    await ack();
    runtime.metrics.increment('slack_actions_total', { action: UNDO_ACTION_ID });
    const channel = body.channel?.id;
    const threadTs = body.message?.['thread_ts'] ?? body.message?.ts;
    try {
      if (!runtime.deps.undo) throw new Error('undo is not available in this deployment');
      const request = await runtime.deps.undo(action.value ?? '', body.user.id);
      if (!channel) return;
      postApprovalRequest(runtime, {
        channel,
        thread: async () => (typeof threadTs === 'string' ? threadTs : undefined),
        runId: request.runId,
        approvalId: request.id,
        remediation: {
          runbookId: request.runbookId,
          remediationId: request.remediationId,
          name: `Undo: ${request.plan.description}`,
          actionType: request.plan.type,
          risk: request.plan.risk,
          requiresApproval: true,
          plan: request.plan,
        },
      });
    } catch (error) {
      runtime.logger.warn({ approvalId: action.value, error: errorMessage(error) }, 'undo refused');
      if (channel) {
        await postEphemeral(
          runtime,
          { channel, user: body.user.id },
          renderProblem(`Undo is not possible: ${errorMessage(error)}`),
        ).catch((postError: unknown) =>
          runtime.logger.error({ error: errorMessage(postError) }, 'undo answer lost'),
        );
      }
    }
  });
}
