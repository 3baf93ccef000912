import type { ProgressEvent } from '../engine/events.ts';
import { errorMessage } from '../errors/index.ts';
import { postMessage, type ReplyTarget } from './post-message.ts';
import { renderStepPrompt } from './render-step-prompt.ts';
import type { SlackRuntime } from './runtime.ts';

/** Posts a step that waits for a person in the run's thread, with its buttons. */
export function postStepPrompt(
  runtime: SlackRuntime,
  target: ReplyTarget,
  event: Extract<ProgressEvent, { type: 'step.changed' }> & { prompt: string },
): void {
  postMessage(runtime, target, renderStepPrompt(event)).catch((error: unknown) =>
    runtime.logger.warn({ error: errorMessage(error), runId: event.runId }, 'step prompt lost'),
  );
}
