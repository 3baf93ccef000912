import type { App, RespondFn } from '@slack/bolt';
import { errorMessage } from '../errors/index.ts';
import { emptyDraft, openAuthoringModal } from './handle-authoring.ts';
import { answerHandoff } from './handoff-command.ts';
import { parseRunbookCommand, type RunbookCommand, USAGE } from './parse-runbook-command.ts';
import { redactMessage } from './redact-message.ts';
import {
  renderHelp,
  renderProblem,
  renderRunbookList,
  renderRunList,
  renderRunStatus,
  renderStarted,
} from './render-replies.ts';
import type { SlackMessage } from './render-text.ts';
import { postFailureMessage, problemMessage } from './respond-problem.ts';
import { controlRun } from './run-control.ts';
import type { SlackRuntime } from './runtime.ts';
import { startRunFromSlack } from './start-run.ts';
import { answerSweepCommand } from './sweep-commands.ts';

const PARENT_WAIT_MS = 15_000;

async function answer(runtime: SlackRuntime, respond: RespondFn, message: SlackMessage): Promise<void> {
  const safe = redactMessage(message, runtime.redact);
  try {
    await respond({ response_type: 'ephemeral', text: safe.text, blocks: safe.blocks });
  } catch (error) {
    runtime.metrics.increment('slack_api_errors_total', { method: 'response_url' });
    runtime.logger.warn({ error: errorMessage(error) }, 'could not answer a slash command');
  }
}

async function startFromCommand(
  runtime: SlackRuntime,
  command: Extract<RunbookCommand, { kind: 'investigate' | 'run' }>,
  who: { user: string; channel: string },
): Promise<SlackMessage> {
  const usage = command.kind === 'run' ? USAGE.run : USAGE.investigate;
  let started: Awaited<ReturnType<typeof startRunFromSlack>>;
  try {
    started = await startRunFromSlack(runtime, {
      kind: command.kind === 'run' ? 'runbook' : 'investigation',
      target: command.kind === 'run' ? command.runbookId : command.target,
      params: command.params,
      ...(command.kind === 'investigate' && command.text !== command.target ? { text: command.text } : {}),
      actor: who.user,
      channel: who.channel,
    });
  } catch (error) {
    return problemMessage(error, usage);
  }
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, PARENT_WAIT_MS, 'timeout').unref());
  const parent = await Promise.race([started.sink.parent, timeout]);
  if (parent !== 'timeout' && 'error' in parent) return postFailureMessage(parent.error);
  return renderStarted(started.handle.runId);
}

async function execute(
  runtime: SlackRuntime,
  command: RunbookCommand,
  who: { user: string; channel: string },
): Promise<SlackMessage> {
  switch (command.kind) {
    case 'help':
      return renderHelp();
    case 'invalid':
      return renderProblem(command.problem, command.suggestion);
    case 'list':
      return renderRunbookList(await runtime.deps.catalog.list());
    case 'status': {
      if (command.runId === undefined)
        return renderRunList(await runtime.deps.runs.list({ limit: 10 }), runtime.now());
      const record = await runtime.deps.runs.get(command.runId);
      return record
        ? renderRunStatus(record, runtime.now())
        : renderProblem(`no run "${command.runId}"`, 'Recent runs: `/runbook status`');
    }
    case 'investigate':
    case 'run':
      return startFromCommand(runtime, command, who);
    case 'sweeps':
    case 'sweep':
      return answerSweepCommand(runtime, command, who.user);
    case 'pause':
    case 'resume':
    case 'abort':
      return controlRun(runtime, command, who.user);
    case 'new':
      return renderProblem('the runbook editor opens from the slash command itself', USAGE.new);
    case 'handoff':
      return answerHandoff(runtime, command, who);
    default:
      return command satisfies never;
  }
}

/** `/runbook …`: acknowledged at once (Slack allows 3 s); the answer follows on response_url. */
export function registerRunbookCommand(app: App, runtime: SlackRuntime): void {
  app.command('/runbook', async ({ command, ack, respond }) => {
    await ack();
    const parsed = parseRunbookCommand(command.text);
    runtime.metrics.increment('slack_commands_total', { subcommand: parsed.kind });
    if (parsed.kind === 'new') {
      // A modal needs the command's trigger_id, which expires in 3 s: open it before anything else.
      await openAuthoringModal(runtime, command.trigger_id, emptyDraft(parsed.runbookId), {
        channel: command.channel_id,
      }).catch((error: unknown) =>
        runtime.logger.warn({ error: errorMessage(error) }, 'authoring modal not opened'),
      );
      return;
    }
    let reply: SlackMessage;
    try {
      reply = await execute(runtime, parsed, { user: command.user_id, channel: command.channel_id });
    } catch (error) {
      runtime.logger.error({ error: errorMessage(error), subcommand: parsed.kind }, '/runbook failed');
      reply = problemMessage(error);
    }
    await answer(runtime, respond, reply);
  });
}
