import type { RunbookCommand } from './parse-runbook-command.ts';
import { renderProblem } from './render-replies.ts';
import { renderSweepList, renderSweepSummary } from './render-sweep.ts';
import { type SlackMessage, section } from './render-text.ts';
import type { SlackRuntime } from './runtime.ts';

/** `/runbook sweeps` lists them with last and next run; `/runbook sweep <name>` runs one now. */
export async function answerSweepCommand(
  runtime: SlackRuntime,
  command: Extract<RunbookCommand, { kind: 'sweeps' | 'sweep' }>,
  user: string,
): Promise<SlackMessage> {
  const sweeps = runtime.deps.sweeps;
  if (!sweeps) return renderProblem('sweeps are not enabled in this app');
  if (command.kind === 'sweeps') return renderSweepList(await sweeps.list());
  const result = await sweeps.runNow(command.name, user);
  if (result.status === 'skipped') {
    return renderProblem(`sweep ${command.name} is already running`, '/runbook sweeps');
  }
  if (result.status === 'handoff') {
    const where = !result.channel
      ? 'no channel'
      : result.channel.startsWith('#')
        ? result.channel
        : `<#${result.channel}>`;
    const text = result.posted
      ? `:baton_passing_relay: Handoff posted in ${where}.`
      : `Handoff not posted (${where}): see the logs.`;
    return { text, blocks: [section(text)] };
  }
  return renderSweepSummary(result.report);
}
