import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PlannedAction } from '../../src/actions/types.ts';
import { ConfigError } from '../../src/errors/index.ts';
import { createSlackApp } from '../../src/slack/index.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { type SlackStack, startSlackStack } from '../fakes/slack-stack.ts';

function blockText(blocks: unknown): string {
  return JSON.stringify(blocks ?? []);
}

describe('the Slack app over HTTP: signing and commands', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;
  const executed: PlannedAction[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-slack-commands-'));
    slack = await startFakeSlack();
    stack = await startSlackStack({ dataDir: root, slack, executed });
  });
  after(async () => {
    await stack?.stop();
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('rejects a request signed with the wrong secret with 401 and runs nothing', async () => {
    const response = await stack.send.command('list', {}, { signWith: 'not-the-secret' });
    assert.equal(response.status, 401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(slack.responses.length, 0);
  });

  it('rejects a correctly signed request whose timestamp is more than five minutes old', async () => {
    const response = await stack.send.command(
      'list',
      {},
      { timestampSeconds: Math.floor(Date.now() / 1000) - 600 },
    );
    assert.equal(response.status, 401);
  });

  it('answers an unknown subcommand with an ephemeral message naming it and the right usage', async () => {
    const response = await stack.send.command('investgate payment-service');
    assert.equal(response.status, 200);
    const id = response.responseUrl.split('/').pop();
    const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === id));
    assert.equal(answer.body.response_type, 'ephemeral');
    const text = blockText(answer.body.blocks);
    assert.match(text, /unknown subcommand \\"investgate\\"/);
    assert.match(text, /did you mean `investigate`/);
    assert.match(text, /\/runbook run <runbook-id>/);
  });

  it('lists the runbooks of the catalog', async () => {
    const response = await stack.send.command('list');
    const id = response.responseUrl.split('/').pop();
    const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === id));
    assert.match(blockText(answer.body.blocks), /db-connections/);
  });

  it('explains a bad parameter with the run service’s own message', async () => {
    const response = await stack.send.command('run db-connections servcie=checkout');
    const id = response.responseUrl.split('/').pop();
    const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === id));
    assert.equal(answer.body.response_type, 'ephemeral');
    assert.match(blockText(answer.body.blocks), /unknown parameter \\"servcie\\"/);
  });

  it('investigates: one parent message kept current, then evidence as thread replies in order', async () => {
    const before = slack.calls.length;
    const response = await stack.send.command('investigate payment-service', { channel: 'C0INVEST' });
    assert.equal(response.status, 200);
    const posts = () =>
      slack.calls
        .slice(before)
        .filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0INVEST');
    const parentCall = await slack.waitFor(() => posts()[0]);
    assert.equal(parentCall.args.thread_ts, undefined);
    const parent = [...slack.messages.values()].find(
      (m) => m.channel === 'C0INVEST' && m.thread_ts === undefined,
    );
    assert.ok(parent);
    await slack.waitFor(
      () => blockText(slack.messages.get(`C0INVEST:${parent.ts}`)?.blocks).includes('completed') || undefined,
    );
    await slack.waitFor(
      () => posts().some((c) => blockText(c.args.blocks).includes('Approval needed')) || undefined,
    );
    const replies = posts().slice(1);
    assert.ok(
      replies.every((c) => c.args.thread_ts === parent.ts),
      'every reply is in the parent’s thread',
    );
    const kinds = replies.map((c) => {
      const text = blockText(c.args.blocks);
      if (text.includes('Approval needed')) return 'approval';
      if (text.includes('*Conclusion*')) return 'conclusion';
      if (text.includes('Hypothesis:')) return 'hypothesis';
      if (text.includes('DB connection pool usage') || text.includes('Error rate')) return 'check';
      return 'other';
    });
    assert.ok(kinds.includes('hypothesis'), kinds.join(','));
    assert.ok(kinds.includes('check'), kinds.join(','));
    assert.ok(
      kinds.indexOf('check') > kinds.indexOf('hypothesis'),
      'checks come after the hypothesis they test',
    );
    assert.ok(
      kinds.indexOf('conclusion') > kinds.lastIndexOf('check'),
      'the conclusion comes after the evidence',
    );
    assert.ok(kinds.indexOf('approval') > kinds.indexOf('conclusion'), 'the approval request comes last');
    const updates = slack.calls
      .slice(before)
      .filter((c) => c.method === 'chat.update' && c.args.ts === parent.ts);
    assert.ok(updates.length >= 1, 'the parent was updated');
    assert.match(blockText(updates.at(-1)?.args.blocks), /completed/);
    assert.match(blockText(updates.at(-1)?.args.blocks), /\*Conclusion\*/);
    const id = response.responseUrl.split('/').pop();
    const answer = await slack.waitFor(() => slack.responses.find((r) => r.id === id));
    assert.match(blockText(answer.body.blocks), /Started `/);
  });

  it('serves liveness, readiness and its own metrics on the same port', async () => {
    const health = await fetch(`${stack.appUrl}/healthz`);
    assert.equal(health.status, 200);
    const ready = await fetch(`${stack.appUrl}/readyz`);
    assert.deepEqual(await ready.json(), { status: 'ready' });
    const response = await stack.send.command('help');
    const id = response.responseUrl.split('/').pop();
    await slack.waitFor(() => slack.responses.find((r) => r.id === id));
    const metrics = await (await fetch(`${stack.appUrl}/metrics`)).text();
    assert.match(metrics, /^slack_commands_total\{subcommand="help"\} [1-9]/m);
    assert.match(metrics, /^# TYPE runbook_runs_started_total counter$/m);
    assert.match(metrics, /^slack_post_queue_depth \d+$/m);
  });

  it('refuses to start without a bot token, or over HTTP without a signing secret, naming the variable', () => {
    const deps = {
      runs: stack.runs,
      catalog: { list: () => [] },
      store: stack.store,
      audit: stack.audit,
      now: () => new Date(),
    };
    const slackConfig = stack.config.slack;
    assert.throws(
      () =>
        createSlackApp({
          ...deps,
          config: { ...stack.config, slack: { ...slackConfig, botToken: undefined } },
        }),
      (error: unknown) => error instanceof ConfigError && /^SLACK_BOT_TOKEN: required/.test(error.message),
    );
    assert.throws(
      () =>
        createSlackApp({
          ...deps,
          config: { ...stack.config, slack: { ...slackConfig, signingSecret: undefined } },
        }),
      (error: unknown) =>
        error instanceof ConfigError && /^SLACK_SIGNING_SECRET: required in HTTP mode/.test(error.message),
    );
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set, and fails at start naming it when Slack refuses the token', async () => {
    const socketApp = createSlackApp({
      runs: stack.runs,
      catalog: { list: () => [] },
      store: stack.store,
      audit: stack.audit,
      now: () => new Date(),
      config: { ...stack.config, slack: { ...stack.config.slack, appToken: 'xapp-1-revoked' } },
    });
    try {
      await assert.rejects(
        socketApp.start(0),
        /^RunbookError: SLACK_APP_TOKEN: Socket Mode could not connect/,
      );
      const opened = slack.callsTo('apps.connections.open');
      assert.equal(opened.at(-1)?.token, 'xapp-1-revoked', 'the app token went to SLACK_API_URL');
    } finally {
      await socketApp.stop().catch(() => undefined);
    }
  });
});
