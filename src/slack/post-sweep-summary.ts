import type { SweepReport } from '../scheduler/index.ts';
import { postMessage } from './post-message.ts';
import { renderSweepCheckReply, renderSweepSummary } from './render-sweep.ts';
import type { SlackRuntime } from './runtime.ts';
import { slackErrorCode } from './slack-errors.ts';

/** One summary message in `channel`, then one thread reply per runbook that is not green. */
export async function postSweepSummary(
  runtime: SlackRuntime,
  channel: string,
  report: SweepReport,
): Promise<void> {
  const parent = await postMessage(runtime, { channel }, renderSweepSummary(report)).catch(
    (error: unknown) => {
      throw new Error(`sweep summary not posted in ${channel}: ${slackErrorCode(error) ?? String(error)}`);
    },
  );
  const threadTs = parent?.ts;
  if (!threadTs) return;
  await Promise.all(
    report.checks
      .filter((check) => check.color !== 'green')
      .map((check) => postMessage(runtime, { channel, threadTs }, renderSweepCheckReply(check))),
  );
}
