import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlannedAction } from '../src/actions/types.ts';
import { startFakeSlack } from '../test/fakes/slack.ts';
import { investigateUntilApproval } from '../test/fakes/slack-approval-helpers.ts';
import { startSlackStack } from '../test/fakes/slack-stack.ts';

const CONCURRENT = 200;

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[index] ?? 0) * 10) / 10;
}

async function measure(
  requests: Array<() => Promise<{ status: number; elapsedMs: number }>>,
): Promise<number[]> {
  const results = await Promise.all(requests.map((send) => send()));
  const failed = results.filter((result) => result.status !== 200);
  if (failed.length > 0)
    throw new Error(`${failed.length} of ${results.length} requests were not acknowledged with 200`);
  return results.map((result) => result.elapsedMs).sort((a, b) => a - b);
}

/**
 * 200 concurrent signed `/runbook list` commands, then 200 concurrent clicks on one approval's
 * buttons, against the real Slack app (HTTP mode, Bolt, real services) on loopback. Slack wants an
 * ack within 3 s; these figures show how far below that the app stays under a burst.
 */
export async function benchSlackAckLatency(): Promise<
  Array<{ name: string; value: number; unit: string; meaning: string }>
> {
  const root = await mkdtemp(join(tmpdir(), 'runbook-bench-slack-'));
  const slack = await startFakeSlack();
  const executed: PlannedAction[] = [];
  const stack = await startSlackStack({ dataDir: root, slack, executed, options: { postIntervalMs: 1 } });
  try {
    // Warm-up: connections, JIT and the first auth.test are not what a burst at 3 AM pays.
    await measure(Array.from({ length: 50 }, () => () => stack.send.command('help')));
    const commands = await measure(
      Array.from(
        { length: CONCURRENT },
        (_, index) => () => stack.send.command('list', { user: `U0USER${index}`, channel: 'C0BENCH' }),
      ),
    );
    const posted = await investigateUntilApproval(stack, slack, 'C0BENCHAPPROVE');
    const clicks = await measure(
      Array.from(
        { length: CONCURRENT },
        (_, index) => () =>
          stack.send.click({
            actionId: index % 2 === 0 ? 'approval_approve' : 'approval_deny',
            value: posted.approvalId,
            user: index === 0 ? 'U0BOB' : `U0CLICKER${index}`,
            channel: 'C0BENCHAPPROVE',
            messageTs: posted.message.ts,
            threadTs: posted.threadTs,
          }),
      ),
    );
    if (executed.length > 1)
      throw new Error(`an approval executed ${executed.length} times under ${CONCURRENT} clicks`);
    return [
      {
        name: 'slack_command_ack_p50',
        value: percentile(commands, 50),
        unit: 'ms',
        meaning: `median time to acknowledge one of ${CONCURRENT} concurrent signed /runbook commands (Slack's limit: 3000 ms)`,
      },
      {
        name: 'slack_command_ack_p99',
        value: percentile(commands, 99),
        unit: 'ms',
        meaning: `99th percentile ack time of ${CONCURRENT} concurrent signed /runbook commands (Slack's limit: 3000 ms)`,
      },
      {
        name: 'slack_click_ack_p50',
        value: percentile(clicks, 50),
        unit: 'ms',
        meaning: `median time to acknowledge one of ${CONCURRENT} concurrent Approve/Deny clicks on one approval`,
      },
      {
        name: 'slack_click_ack_p99',
        value: percentile(clicks, 99),
        unit: 'ms',
        meaning: `99th percentile ack time of ${CONCURRENT} concurrent Approve/Deny clicks (the action still ran at most once)`,
      },
    ];
  } finally {
    await stack.stop();
    await slack.close();
    await rm(root, { recursive: true, force: true });
  }
}
