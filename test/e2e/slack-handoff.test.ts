import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PlannedAction } from '../../src/actions/types.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { type SlackStack, startSlackStack } from '../fakes/slack-stack.ts';

const text = (blocks: unknown) => JSON.stringify(blocks ?? []);

describe('/runbook handoff', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;
  const executed: PlannedAction[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-handoff-'));
    slack = await startFakeSlack();
    stack = await startSlackStack({ dataDir: root, slack, executed });
  });
  after(async () => {
    await stack?.stop();
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  const handoffPosts = (channel: string) =>
    slack.calls.filter(
      (call) =>
        call.method === 'chat.postMessage' &&
        call.args.channel === channel &&
        text(call.args.blocks).includes('On-call handoff'),
    );

  it('posts conclusions, pending approvals and what is unresolved in the channel', async () => {
    const handle = await stack.runs.startRunbook({
      runbookId: 'db-connections',
      params: {},
      actor: 'U0ALICE',
      origin: { source: 'slack' },
    });
    const run = await handle.done;
    assert.equal(run.approvalIds.length, 1);
    const response = await stack.send.command('handoff 2h', { channel: 'C0ONCALL' });
    assert.equal(response.status, 200);
    const post = await slack.waitFor(() => handoffPosts('C0ONCALL')[0]);
    const body = text(post.args.blocks);
    assert.match(body, /Connection pool exhausted/);
    assert.match(body, /Pending approvals\*\\n• .*restart deployment\/production\/payment-service/);
    assert.match(body, new RegExp(`approval ${run.approvalIds[0]} .* waits for a decision`));
    const answer = await slack.waitFor(() =>
      slack.responses.find((r) => String(r.body.text).includes('Handoff posted')),
    );
    assert.equal(answer.body.response_type, 'ephemeral');
  });

  it('shows an action with its failed validation as unresolved', async () => {
    const [run] = await stack.runs.list({ runbookId: 'db-connections' });
    const approvalId = run?.approvalIds[0];
    assert.ok(approvalId);
    await stack.runs.decideApproval(approvalId, 'approve', { id: 'U0BOB', via: 'slack' });
    assert.equal(executed.length, 1);
    await stack.send.command('handoff', { channel: 'C0NEXT' });
    const post = await slack.waitFor(() => handoffPosts('C0NEXT')[0]);
    const body = text(post.args.blocks);
    assert.match(body, /restarted deployment\/production\/payment-service — validation failed/);
    assert.match(body, /still unhealthy after/);
    assert.doesNotMatch(body, /waits for a decision/);
  });

  it('refuses a since that is not a duration or a time', async () => {
    await stack.send.command('handoff yesterday', { channel: 'C0ONCALL' });
    const answer = await slack.waitFor(() =>
      slack.responses.find((r) => text(r.body.blocks).includes('yesterday')),
    );
    assert.match(text(answer.body.blocks), /not a time/);
    assert.equal(handoffPosts('C0ONCALL').length, 1);
  });
});
