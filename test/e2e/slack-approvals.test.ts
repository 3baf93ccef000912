import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PlannedAction } from '../../src/actions/types.ts';
import type { AuditRecord } from '../../src/audit/index.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import {
  hasButtons,
  investigateUntilApproval,
  messageText,
  repliesMatching,
} from '../fakes/slack-approval-helpers.ts';
import { type SlackStack, startSlackStack } from '../fakes/slack-stack.ts';

async function auditRecords(path: string): Promise<AuditRecord[]> {
  const text = await readFile(path, 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditRecord);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('Approve / Deny in Slack, against the real approval and run services', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;
  const executed: PlannedAction[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-slack-approvals-'));
    slack = await startFakeSlack({ userGroups: [{ id: 'S0ONCALL', handle: 'oncall', users: ['U0CAROL'] }] });
    stack = await startSlackStack({
      dataDir: join(root, 'main'),
      slack,
      executed,
      approvers: ['U0BOB', 'S0ONCALL'],
    });
  });
  after(async () => {
    await stack?.stop();
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('executes an authorised approval exactly once, even for two simultaneous clicks', async () => {
    const posted = await investigateUntilApproval(stack, slack, 'C0APPROVE');
    const executedBefore = executed.length;
    const click = {
      actionId: 'approval_approve',
      value: posted.approvalId,
      user: 'U0BOB',
      channel: 'C0APPROVE',
      messageTs: posted.message.ts,
      threadTs: posted.threadTs,
    };
    const [first, second] = await Promise.all([stack.send.click(click), stack.send.click(click)]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    await slack.waitFor(() => !hasButtons(slack.messages.get(`C0APPROVE:${posted.message.ts}`)) || undefined);
    await slack.waitFor(
      () => repliesMatching(slack, 'C0APPROVE', posted.threadTs, /Action succeeded/).length > 0 || undefined,
    );
    await settle();
    assert.equal(executed.length - executedBefore, 1, 'the restart ran once');
    const updated = slack.messages.get(`C0APPROVE:${posted.message.ts}`);
    assert.match(messageText(updated), /Approved and executed/);
    assert.match(messageText(updated), /<@U0BOB>/);
    assert.match(messageText(updated), /restarted deployment\/production\/payment-service/);
    assert.equal(
      repliesMatching(slack, 'C0APPROVE', posted.threadTs, /Approval approved/).length,
      1,
      'one decision reply',
    );
    assert.equal(
      repliesMatching(slack, 'C0APPROVE', posted.threadTs, /Action succeeded/).length,
      1,
      'one result reply',
    );
    const records = await auditRecords(stack.auditPath);
    const decided = records.find(
      (r) =>
        r.type === 'slack.approval.approved' &&
        (r.data as { approvalId?: string }).approvalId === posted.approvalId,
    );
    assert.ok(decided, 'the decision is in the audit log');
    const forThis = records.filter(
      (r) => (r.data as { approvalId?: string }).approvalId === posted.approvalId,
    );
    assert.equal(forThis.filter((r) => r.type === 'slack.approval.approved').length, 1);
    assert.equal(
      forThis.filter((r) => r.type === 'slack.approval.repeated').length,
      1,
      'the second click is logged as a repeat',
    );
    assert.equal(decided.actor, 'U0BOB');
    assert.equal(
      (decided.data as { permalink?: string }).permalink,
      `https://acme.slack.com/archives/C0APPROVE/p${posted.message.ts.replace('.', '')}?thread_ts=${posted.threadTs}&cid=C0APPROVE`,
    );
  });

  it('lets a member of an approver user group approve', async () => {
    const posted = await investigateUntilApproval(stack, slack, 'C0GROUP');
    const executedBefore = executed.length;
    await stack.send.click({
      actionId: 'approval_approve',
      value: posted.approvalId,
      user: 'U0CAROL',
      channel: 'C0GROUP',
      messageTs: posted.message.ts,
      threadTs: posted.threadTs,
    });
    await slack.waitFor(() => !hasButtons(slack.messages.get(`C0GROUP:${posted.message.ts}`)) || undefined);
    assert.equal(executed.length - executedBefore, 1);
    assert.ok(slack.callsTo('usergroups.list').length >= 1, 'groups were read from Slack');
  });

  it('denies: nothing runs and the message says who denied it', async () => {
    const posted = await investigateUntilApproval(stack, slack, 'C0DENY');
    const executedBefore = executed.length;
    await stack.send.click({
      actionId: 'approval_deny',
      value: posted.approvalId,
      user: 'U0BOB',
      channel: 'C0DENY',
      messageTs: posted.message.ts,
      threadTs: posted.threadTs,
    });
    await slack.waitFor(() => !hasButtons(slack.messages.get(`C0DENY:${posted.message.ts}`)) || undefined);
    await settle();
    assert.equal(executed.length, executedBefore);
    assert.match(messageText(slack.messages.get(`C0DENY:${posted.message.ts}`)), /Denied\* by <@U0BOB>/);
    assert.equal(repliesMatching(slack, 'C0DENY', posted.threadTs, /Approval denied/).length, 1);
  });

  it('answers an unauthorised click with an ephemeral explanation and runs nothing', async () => {
    const posted = await investigateUntilApproval(stack, slack, 'C0UNAUTH');
    const executedBefore = executed.length;
    await stack.send.click({
      actionId: 'approval_approve',
      value: posted.approvalId,
      user: 'U0MALLORY',
      channel: 'C0UNAUTH',
      messageTs: posted.message.ts,
      threadTs: posted.threadTs,
    });
    const ephemeral = await slack.waitFor(() =>
      slack
        .callsTo('chat.postEphemeral')
        .find((c) => c.args.user === 'U0MALLORY' && c.args.channel === 'C0UNAUTH'),
    );
    assert.match(JSON.stringify(ephemeral.args.blocks), /not an approver/);
    await settle();
    assert.equal(executed.length, executedBefore);
    assert.ok(
      hasButtons(slack.messages.get(`C0UNAUTH:${posted.message.ts}`)),
      'the buttons stay for a real approver',
    );
    const records = await auditRecords(stack.auditPath);
    assert.ok(records.some((r) => r.type === 'slack.approval.refused' && r.actor === 'U0MALLORY'));
  });
});

describe('approvals that expire or outlive the app', () => {
  let root: string;
  let slack: FakeSlack;
  const executed: PlannedAction[] = [];
  const stacks: SlackStack[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-slack-approvals-restart-'));
    slack = await startFakeSlack();
  });
  after(async () => {
    for (const stack of stacks) await stack.stop().catch(() => undefined);
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a click after the approval expired, runs nothing and shows it expired', async () => {
    const stack = await startSlackStack({
      dataDir: join(root, 'expiry'),
      slack,
      executed,
      approvalTtlMs: 300,
    });
    stacks.push(stack);
    const posted = await investigateUntilApproval(stack, slack, 'C0EXPIRE');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const executedBefore = executed.length;
    await stack.send.click({
      actionId: 'approval_approve',
      value: posted.approvalId,
      user: 'U0BOB',
      channel: 'C0EXPIRE',
      messageTs: posted.message.ts,
      threadTs: posted.threadTs,
    });
    const ephemeral = await slack.waitFor(() =>
      slack.callsTo('chat.postEphemeral').find((c) => c.args.channel === 'C0EXPIRE'),
    );
    assert.match(JSON.stringify(ephemeral.args.blocks), /expired/);
    await slack.waitFor(() => !hasButtons(slack.messages.get(`C0EXPIRE:${posted.message.ts}`)) || undefined);
    assert.match(messageText(slack.messages.get(`C0EXPIRE:${posted.message.ts}`)), /Expired/);
    assert.equal(executed.length, executedBefore);
  });

  it('executes once when the app restarts between the request and the click', async () => {
    const dataDir = join(root, 'restart');
    const first = await startSlackStack({ dataDir, slack, executed });
    stacks.push(first);
    const posted = await investigateUntilApproval(first, slack, 'C0RESTART');
    await first.stop();
    stacks.splice(stacks.indexOf(first), 1);
    const second = await startSlackStack({ dataDir, slack, executed });
    stacks.push(second);
    const executedBefore = executed.length;
    const click = {
      actionId: 'approval_approve',
      value: posted.approvalId,
      user: 'U0BOB',
      channel: 'C0RESTART',
      messageTs: posted.message.ts,
      threadTs: posted.threadTs,
    };
    await Promise.all([second.send.click(click), second.send.click(click)]);
    await slack.waitFor(
      () => repliesMatching(slack, 'C0RESTART', posted.threadTs, /Action succeeded/).length > 0 || undefined,
    );
    await settle();
    assert.equal(executed.length - executedBefore, 1);
    assert.match(messageText(slack.messages.get(`C0RESTART:${posted.message.ts}`)), /Approved and executed/);
    assert.equal(repliesMatching(slack, 'C0RESTART', posted.threadTs, /Approval approved/).length, 1);
  });

  it('shows a decision taken outside Slack on the approval message', async () => {
    const dataDir = join(root, 'outside');
    const first = await startSlackStack({ dataDir, slack, executed });
    stacks.push(first);
    const posted = await investigateUntilApproval(first, slack, 'C0OUTSIDE');
    await first.stop();
    stacks.splice(stacks.indexOf(first), 1);
    const second = await startSlackStack({ dataDir, slack, executed });
    stacks.push(second);
    await second.runs.decideApproval(posted.approvalId, 'deny', { id: 'U0BOB', via: 'cli' });
    assert.ok(hasButtons(slack.messages.get(`C0OUTSIDE:${posted.message.ts}`)));
    await second.slackApp.showApprovalState(posted.approvalId);
    await slack.waitFor(() => !hasButtons(slack.messages.get(`C0OUTSIDE:${posted.message.ts}`)) || undefined);
    assert.match(messageText(slack.messages.get(`C0OUTSIDE:${posted.message.ts}`)), /Denied\* by <@U0BOB>/);
  });
});
