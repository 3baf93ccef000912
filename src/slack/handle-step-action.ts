import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { errorMessage, RunbookError } from '../errors/index.ts';
import { postEphemeral, updateMessage } from './post-message.ts';
import { renderProblem } from './render-replies.ts';
import { parseStepButton, renderStepAnswered, STEP_ACTION_PREFIX } from './render-step-prompt.ts';
import type { SlackRuntime } from './runtime.ts';

/**
 * Done / Skip / Failed on a checklist step, Approve / Deny on an approval step: the run service
 * checks who may answer an approval step; a refusal is told to the person who clicked, only.
 */
export function registerStepActions(app: App, runtime: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${STEP_ACTION_PREFIX}`),
    async ({ ack, body, action }) => {
      await ack();
      runtime.metrics.increment('slack_actions_total', { action: action.action_id });
      const value = parseStepButton(action.value);
      const channel = body.channel?.id;
      const ts = body.message?.ts;
      const threadTs = body.message?.['thread_ts'] as string | undefined;
      if (!value) return;
      try {
        const waiting = runtime.deps.runs
          .waitingSteps(value.runId)
          .find((step) => step.stepId === value.stepId);
        const groups = await runtime.groups.groupsOf(body.user.id);
        await runtime.deps.runs.answerStep(value.runId, value.stepId, value.answer, {
          id: body.user.id,
          groups,
          via: 'slack',
        });
        await runtime.deps.audit.append({
          actor: body.user.id,
          type: 'slack.step.answered',
          run_id: value.runId,
          data: { stepId: value.stepId, answer: value.answer, slackUser: body.user.id },
        });
        if (channel && ts) {
          const answered = renderStepAnswered(
            waiting?.prompt ?? '',
            value.stepId,
            value.answer,
            body.user.id,
          );
          updateMessage(runtime, channel, ts, () => answered);
        }
      } catch (error) {
        if (!(error instanceof RunbookError)) {
          runtime.logger.error({ error: errorMessage(error), runId: value.runId }, 'step click failed');
        }
        if (channel) {
          await postEphemeral(
            runtime,
            { channel, user: body.user.id, ...(threadTs ? { threadTs } : {}) },
            renderProblem(`${errorMessage(error)}. Nothing changed for this step.`),
          );
        }
      }
    },
  );
}
