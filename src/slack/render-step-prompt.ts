import type { ProgressEvent } from '../engine/events.ts';
import type { StepAnswer } from '../runs/index.ts';
import { context, escapeText, fallback, type KnownBlock, type SlackMessage, section } from './render-text.ts';

export const STEP_ACTION_PREFIX = 'runbook_step_';

type WaitingStep = Extract<ProgressEvent, { type: 'step.changed' }> & { prompt: string };

export function isWaitingStep(event: ProgressEvent): event is WaitingStep {
  return event.type === 'step.changed' && event.status === 'waiting' && event.prompt !== undefined;
}

const BUTTONS: Record<
  'instruction' | 'approval',
  Array<{ answer: StepAnswer; label: string; style?: 'primary' | 'danger' }>
> = {
  instruction: [
    { answer: 'done', label: 'Done', style: 'primary' },
    { answer: 'skipped', label: 'Skip' },
    { answer: 'failed', label: 'Failed', style: 'danger' },
  ],
  approval: [
    { answer: 'approve', label: 'Approve', style: 'primary' },
    { answer: 'deny', label: 'Deny', style: 'danger' },
  ],
};

/** What a button carries: which run, which step, which answer. */
export interface StepButtonValue {
  runId: string;
  stepId: string;
  answer: StepAnswer;
}

export function parseStepButton(value: string | undefined): StepButtonValue | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<StepButtonValue>;
    if (
      typeof parsed.runId === 'string' &&
      typeof parsed.stepId === 'string' &&
      typeof parsed.answer === 'string'
    ) {
      return { runId: parsed.runId, stepId: parsed.stepId, answer: parsed.answer };
    }
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  return undefined;
}

/** A checklist item (Done / Skip / Failed) or an approval step (Approve / Deny) in the run's thread. */
export function renderStepPrompt(event: WaitingStep): SlackMessage {
  const kind = event.kind === 'approval' ? 'approval' : 'instruction';
  const title =
    kind === 'approval' ? ':raised_hand: *Approval step*' : ':ballot_box_with_check: *Checklist step*';
  const blocks: KnownBlock[] = [
    section(`${title} \`${escapeText(event.stepId)}\`\n${escapeText(event.prompt)}`),
    {
      type: 'actions',
      block_id: `step:${event.stepId}`,
      elements: BUTTONS[kind].map((button) => ({
        type: 'button' as const,
        action_id: `${STEP_ACTION_PREFIX}${button.answer}`,
        text: { type: 'plain_text' as const, text: button.label },
        value: JSON.stringify({ runId: event.runId, stepId: event.stepId, answer: button.answer }),
        ...(button.style ? { style: button.style } : {}),
      })),
    },
  ];
  if (kind === 'approval') blocks.push(context('Only approvers (RUNBOOK_APPROVERS) may answer.'));
  return { text: fallback(`Step ${event.stepId}: ${event.prompt}`), blocks };
}

/** The same message once answered: the buttons give way to who answered what. */
export function renderStepAnswered(
  prompt: string,
  stepId: string,
  answer: StepAnswer,
  user: string,
): SlackMessage {
  const verb: Record<StepAnswer, string> = {
    done: ':white_check_mark: Done',
    skipped: ':fast_forward: Skipped',
    failed: ':x: Failed',
    approve: ':white_check_mark: Approved',
    deny: ':no_entry: Denied',
  };
  return {
    text: fallback(`Step ${stepId}: ${verb[answer]} by <@${user}>`),
    blocks: [
      section(`\`${escapeText(stepId)}\` ${escapeText(prompt)}`),
      context(`${verb[answer]} by <@${user}>`),
    ],
  };
}
