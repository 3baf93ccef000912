import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PlannedAction } from '../../src/actions/types.ts';
import { type FakeMessage, type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { messageText } from '../fakes/slack-approval-helpers.ts';
import { type SlackStack, startSlackStack } from '../fakes/slack-stack.ts';

const CHECKLIST = `id: failover-drill
name: Failover drill
mode: procedure
steps:
  - id: announce
    instruction: Announce the drill in the incidents channel.
  - id: go
    approval: Promote the replica?
  - id: verify
    instruction: Check replication lag is zero.
`;

interface Button {
  action_id?: string;
  value?: string;
}

function buttonOf(message: FakeMessage | undefined, actionId: string): string | undefined {
  for (const block of (message?.blocks ?? []) as Array<{ type?: string; elements?: Button[] }>) {
    const button = block.elements?.find((element) => element.action_id === actionId);
    if (button?.value) return button.value;
  }
  return undefined;
}

describe('procedures in Slack', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-procedures-slack-'));
    const dataDir = join(root, 'main');
    await mkdir(join(dataDir, 'runbooks'), { recursive: true });
    await writeFile(join(dataDir, 'runbooks', 'failover-drill.yaml'), CHECKLIST);
    slack = await startFakeSlack();
    const executed: PlannedAction[] = [];
    stack = await startSlackStack({ dataDir, slack, executed, approvers: ['U0BOB'] });
  });
  after(async () => {
    await stack?.stop();
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  const messageAt = (channel: string, ts: string) =>
    [...slack.messages.values()].find((m) => m.channel === channel && m.ts === ts);

  const stepMessage = (channel: string, stepId: string, actionId: string) =>
    slack.waitFor(
      () =>
        [...slack.messages.values()].find(
          (m) => m.channel === channel && buttonOf(m, actionId)?.includes(`"stepId":"${stepId}"`),
        ),
      10_000,
    );

  it('runs a checklist with Done buttons and an approval step only an approver can pass', async () => {
    const channel = 'C0DRILL';
    await stack.send.command('run failover-drill', { channel, user: 'U0ALICE' });
    const announce = await stepMessage(channel, 'announce', 'runbook_step_done');
    assert.match(messageText(announce), /Announce the drill/);
    assert.ok(buttonOf(announce, 'runbook_step_skipped'), 'a Skip button');
    assert.ok(buttonOf(announce, 'runbook_step_failed'), 'a Failed button');
    await stack.send.click({
      actionId: 'runbook_step_done',
      value: buttonOf(announce, 'runbook_step_done') as string,
      user: 'U0ALICE',
      channel,
      messageTs: announce.ts,
      ...(announce.thread_ts ? { threadTs: announce.thread_ts } : {}),
    });
    await slack.waitFor(() => /Done by/.test(messageText(messageAt(channel, announce.ts))));

    const gate = await stepMessage(channel, 'go', 'runbook_step_approve');
    const approve = {
      actionId: 'runbook_step_approve',
      value: buttonOf(gate, 'runbook_step_approve') as string,
      channel,
      messageTs: gate.ts,
      ...(gate.thread_ts ? { threadTs: gate.thread_ts } : {}),
    };
    await stack.send.click({ ...approve, user: 'U0ALICE' });
    await slack.waitFor(() =>
      slack.callsTo('chat.postEphemeral').find((call) => /not an approver/.test(JSON.stringify(call))),
    );
    const runId = JSON.parse(approve.value).runId as string;
    assert.equal((await stack.runs.get(runId))?.status, 'running');
    assert.equal(stack.runs.waitingSteps(runId)[0]?.stepId, 'go');

    await stack.send.click({ ...approve, user: 'U0BOB' });
    const verify = await stepMessage(channel, 'verify', 'runbook_step_done');
    await stack.send.click({
      actionId: 'runbook_step_done',
      value: buttonOf(verify, 'runbook_step_done') as string,
      user: 'U0ALICE',
      channel,
      messageTs: verify.ts,
    });
    let record = await stack.runs.get(runId);
    for (let tries = 0; record?.status !== 'completed' && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      record = await stack.runs.get(runId);
    }
    assert.equal(record?.status, 'completed');
    await slack.waitFor(() =>
      [...slack.messages.values()].find(
        (m) =>
          m.channel === channel &&
          /\*Steps\*[^"]*announce` complete[^"]*verify` complete/.test(messageText(m)),
      ),
    );
    assert.ok(
      [...slack.messages.values()].some(
        (m) => m.channel === channel && /Step go\* complete: approved by U0BOB/.test(messageText(m)),
      ),
      'each finished step posts its result in the thread',
    );
  });

  it('pauses, resumes and aborts a run with /runbook pause|resume|abort', async () => {
    const channel = 'C0CONTROL';
    await stack.send.command('run failover-drill', { channel, user: 'U0ALICE' });
    const announce = await stepMessage(channel, 'announce', 'runbook_step_done');
    const runId = JSON.parse(buttonOf(announce, 'runbook_step_done') as string).runId as string;
    const before = slack.responses.length;
    await stack.send.command(`pause ${runId}`, { channel, user: 'U0ALICE' });
    await slack.waitFor(() => slack.responses.length > before);
    assert.equal((await stack.runs.get(runId))?.status, 'paused');
    await stack.send.command(`resume ${runId}`, { channel, user: 'U0ALICE' });
    await slack.waitFor(() => slack.responses.length > before + 1);
    assert.equal((await stack.runs.get(runId))?.status, 'running');
    await stack.send.command(`abort ${runId}`, { channel, user: 'U0ALICE' });
    await slack.waitFor(() => slack.responses.length > before + 2);
    assert.equal((await stack.runs.get(runId))?.status, 'cancelled');
    assert.match(JSON.stringify(slack.responses.at(-1)?.body), /cancelled/);
  });
});
