import type { RunbookCommand } from './parse-runbook-command.ts';
import { renderRunStatus } from './render-replies.ts';
import type { SlackMessage } from './render-text.ts';
import { problemMessage } from './respond-problem.ts';
import type { SlackRuntime } from './runtime.ts';

/** `/runbook pause|resume|abort <run>`: pause waits for the next step boundary; abort ends the run. */
export async function controlRun(
  runtime: SlackRuntime,
  command: Extract<RunbookCommand, { kind: 'pause' | 'resume' | 'abort' }>,
  user: string,
): Promise<SlackMessage> {
  const runs = runtime.deps.runs;
  try {
    const record =
      command.kind === 'pause'
        ? await runs.pause(command.runId, user)
        : command.kind === 'resume'
          ? await runs.resume(command.runId, user)
          : await runs.abort(command.runId, user);
    return renderRunStatus(record, runtime.now());
  } catch (error) {
    return problemMessage(error, '/runbook status');
  }
}
