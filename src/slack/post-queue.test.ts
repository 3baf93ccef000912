import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { webApi } from '@slack/bolt';
import { type FakeSlack, startFakeSlack } from '../../test/fakes/slack.ts';
import { createPostQueue, type PostQueue } from './post-queue.ts';
import { silentLogger } from './slack-logger.ts';
import { createSlackMetrics } from './slack-metrics.ts';

describe('the per-channel post queue, driving the real Web API client against a fake Slack', () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  const queues: PostQueue[] = [];

  before(async () => {
    slack = await startFakeSlack();
    client = new webApi.WebClient('xoxb-test-token', {
      slackApiUrl: slack.apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
  });
  after(async () => {
    for (const queue of queues) queue.close();
    await slack.close();
  });

  function queue(intervalMs: number) {
    const metrics = createSlackMetrics();
    const created = createPostQueue({ intervalMs, logger: silentLogger, metrics, transientRetries: 0 });
    queues.push(created);
    return { queue: created, metrics };
  }
  const post = (channel: string, text: string) => () => client.chat.postMessage({ channel, text });

  it('posts in order, one call per interval in a channel', async () => {
    const { queue: q } = queue(40);
    const sent = await Promise.all(
      ['1', '2', '3', '4'].map((text) => q.enqueue('C0ORDER', 'chat.postMessage', post('C0ORDER', text))),
    );
    assert.equal(sent.length, 4);
    const calls = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0ORDER');
    assert.deepEqual(
      calls.map((c) => c.args.text),
      ['1', '2', '3', '4'],
    );
    for (let index = 1; index < calls.length; index += 1) {
      const gap = (calls[index]?.atMs ?? 0) - (calls[index - 1]?.atMs ?? 0);
      assert.ok(gap >= 35, `gap ${gap} ms`);
    }
  });

  it('waits out a 429 and loses nothing, without holding up other channels', async () => {
    const { queue: q, metrics } = queue(1);
    slack.rateLimitNext('chat.postMessage', 1, 1);
    const startedAt = Date.now();
    const limited = Promise.all(
      ['a', 'b', 'c'].map((text) => q.enqueue('C0LIMIT', 'chat.postMessage', post('C0LIMIT', text))),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await q.enqueue('C0OTHER', 'chat.postMessage', post('C0OTHER', 'free'));
    assert.ok(Date.now() - startedAt < 900, 'another channel did not wait for the Retry-After');
    await limited;
    assert.ok(Date.now() - startedAt >= 1000, 'Retry-After: 1 was honoured');
    const delivered = [...slack.messages.values()].filter((m) => m.channel === 'C0LIMIT').map((m) => m.text);
    assert.deepEqual(delivered, ['a', 'b', 'c']);
    assert.match(metrics.render(), /slack_api_rate_limited_total\{method="chat.postMessage"\} 1/);
  });

  it('coalesces queued updates of one message into one call carrying the latest state', async () => {
    const { queue: q } = queue(60);
    const { ts } = await client.chat.postMessage({ channel: 'C0UPDATE', text: 'v0' });
    await q.enqueue('C0UPDATE', 'chat.postMessage', post('C0UPDATE', 'busy'));
    for (const text of ['v1', 'v2', 'v3']) {
      q.enqueueUpdate('C0UPDATE', `C0UPDATE:${ts}`, () =>
        client.chat.update({ channel: 'C0UPDATE', ts: ts as string, text }),
      );
    }
    assert.equal(await q.drain(2000), true);
    const updates = slack.callsTo('chat.update').filter((c) => c.args.ts === ts);
    assert.deepEqual(
      updates.map((c) => c.args.text),
      ['v3'],
    );
  });

  it('reports a permanent error to the caller and carries on with the next message', async () => {
    const { queue: q, metrics } = queue(1);
    slack.failNext('chat.postMessage', 'channel_not_found');
    const failed = q.enqueue('C0FAIL', 'chat.postMessage', post('C0FAIL', 'lost'));
    const next = q.enqueue('C0FAIL', 'chat.postMessage', post('C0FAIL', 'next'));
    await assert.rejects(failed, /channel_not_found/);
    assert.equal((await next).ok, true);
    assert.match(metrics.render(), /slack_api_errors_total\{method="chat.postMessage"\} 1/);
  });
});
