import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PlannedAction } from '../../src/actions/types.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { messageText } from '../fakes/slack-approval-helpers.ts';
import { type SlackStack, startSlackStack } from '../fakes/slack-stack.ts';

const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));
let tsCounter = 0;
const userTs = () => `1690000000.${String(++tsCounter).padStart(6, '0')}`;

describe('mentions, thread messages and Events API retries', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;
  const executed: PlannedAction[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-slack-events-'));
    slack = await startFakeSlack();
    stack = await startSlackStack({ dataDir: root, slack, executed });
  });
  after(async () => {
    await stack?.stop();
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  const mention = (channel: string, text: string, extra: Record<string, unknown> = {}) => ({
    type: 'app_mention',
    user: 'U0ALICE',
    text: `<@${slack.botUserId}> ${text}`,
    ts: userTs(),
    channel,
    ...extra,
  });
  const postsIn = (channel: string) =>
    slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel);
  const runsIn = async (channel: string) =>
    (await stack.runs.list()).filter((run) => run.origin.channel === channel);

  async function investigationInThread(channel: string): Promise<string> {
    const event = mention(channel, 'payment-service is slow since the deploy');
    await stack.send.event(event);
    await slack.waitFor(
      () => postsIn(channel).some((c) => /Approval needed/.test(String(c.args.text))) || undefined,
      10_000,
    );
    return event.ts;
  }

  it('starts an investigation in a thread of the mention, with the evidence in that thread', async () => {
    const threadTs = await investigationInThread('C0MENTION');
    const posts = postsIn('C0MENTION');
    assert.ok(posts.length >= 4);
    assert.ok(
      posts.every((c) => c.args.thread_ts === threadTs),
      'everything stays in the mention’s thread',
    );
    assert.match(String(posts[0]?.args.text), /Investigating payment-service/);
    const [run] = await runsIn('C0MENTION');
    assert.equal(run?.actor, 'U0ALICE');
    assert.equal(run?.target, 'payment-service');
  });

  it('starts nothing new when Slack retries an event it already delivered', async () => {
    const event = mention('C0RETRY', 'payment-service is slow');
    const first = await stack.send.event(event);
    const retry = await stack.send.event(event, { eventId: first.eventId, retryNum: 1 });
    assert.equal(first.status, 200);
    assert.equal(retry.status, 200, 'the retry is acknowledged');
    await slack.waitFor(
      () => postsIn('C0RETRY').some((c) => /Approval needed/.test(String(c.args.text))) || undefined,
      10_000,
    );
    await settle();
    assert.equal((await runsIn('C0RETRY')).length, 1);
    assert.equal(postsIn('C0RETRY').filter((c) => /Investigating/.test(String(c.args.text))).length, 1);
  });

  it('ignores mentions and thread messages posted by bots, its own included', async () => {
    const threadTs = await investigationInThread('C0BOTS');
    await settle();
    const before = slack.calls.length;
    await stack.send.event(mention('C0BOTS', 'payment-service is slow', { bot_id: slack.botId }));
    await stack.send.event({
      type: 'message',
      subtype: 'bot_message',
      bot_id: slack.botId,
      text: 'status',
      ts: userTs(),
      thread_ts: threadTs,
      channel: 'C0BOTS',
    });
    await stack.send.event({
      type: 'message',
      bot_id: 'B0OTHER',
      user: 'U0OTHERBOT',
      text: 'status',
      ts: userTs(),
      thread_ts: threadTs,
      channel: 'C0BOTS',
    });
    await settle(300);
    const answers = slack.calls.slice(before).filter((c) => c.method.startsWith('chat.post'));
    assert.deepEqual(answers, []);
    assert.equal((await runsIn('C0BOTS')).length, 1);
  });

  it('answers "why" and "status" inside an investigation thread, and nothing elsewhere', async () => {
    const threadTs = await investigationInThread('C0ASK');
    await settle();
    const before = postsIn('C0ASK').length;
    await stack.send.event(mention('C0ASK', 'why', { thread_ts: threadTs }));
    const why = await slack.waitFor(() =>
      postsIn('C0ASK')
        .slice(before)
        .find((c) => /Why:/.test(String(c.args.text))),
    );
    assert.equal(why.args.thread_ts, threadTs);
    assert.match(JSON.stringify(why.args.blocks), /connection_usage/);
    await stack.send.event({
      type: 'message',
      user: 'U0BOB',
      text: 'status',
      ts: userTs(),
      thread_ts: threadTs,
      channel: 'C0ASK',
    });
    const status = await slack.waitFor(() =>
      postsIn('C0ASK')
        .slice(before)
        .find((c) => /completed/.test(String(c.args.text))),
    );
    assert.equal(status.args.thread_ts, threadTs);
    const count = postsIn('C0ASK').length;
    await stack.send.event({
      type: 'message',
      user: 'U0BOB',
      text: 'status',
      ts: userTs(),
      thread_ts: '1600000000.000001',
      channel: 'C0ASK',
    });
    await stack.send.event({
      type: 'message',
      user: 'U0BOB',
      text: 'I restarted the pods and the status looks fine',
      ts: userTs(),
      thread_ts: threadTs,
      channel: 'C0ASK',
    });
    await settle(300);
    assert.equal(postsIn('C0ASK').length, count, 'chatter and unknown threads get no answer');
  });

  it('delays but loses nothing when chat.postMessage is rate limited', async () => {
    const reference = await investigationInThread('C0NOLIMIT');
    await settle(300);
    const expected = postsIn('C0NOLIMIT').filter((c) => c.args.thread_ts === reference).length;
    const callsBefore = slack.callsTo('chat.postMessage').length;
    slack.rateLimitNext('chat.postMessage', 2, 1);
    const startedAt = Date.now();
    const event = mention('C0LIMITED', 'payment-service is slow since the deploy');
    await stack.send.event(event);
    await slack.waitFor(
      () => postsIn('C0LIMITED').some((c) => /Approval needed/.test(String(c.args.text))) || undefined,
      15_000,
    );
    await settle(300);
    const delivered = [...slack.messages.values()].filter((m) => m.channel === 'C0LIMITED');
    assert.equal(delivered.length, expected, 'every message arrived');
    assert.ok(Date.now() - startedAt >= 1000, 'Retry-After was honoured');
    assert.ok(
      slack.callsTo('chat.postMessage').length - callsBefore >= expected + 2,
      'the 429s were retried',
    );
    const order = delivered.map((m) => m.text ?? '');
    assert.match(order[0] ?? '', /Investigating/);
    assert.match(order.at(-1) ?? '', /Approval needed/);
    const metrics = await (await fetch(`${stack.appUrl}/metrics`)).text();
    assert.match(metrics, /slack_api_rate_limited_total\{method="chat.postMessage"\} 2/);
    assert.match(messageText(delivered[0]), /completed/);
  });
});
