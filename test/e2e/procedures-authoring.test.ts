import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { PlannedAction } from '../../src/actions/types.ts';
import { authorWithModel } from '../../src/slack/index.ts';
import { type FakeAnthropic, inOrder, reply, startFakeAnthropic } from '../fakes/anthropic.ts';
import { type FakeMessage, type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { messageText } from '../fakes/slack-approval-helpers.ts';
import { type SlackStack, startSlackStack } from '../fakes/slack-stack.ts';

interface Button {
  action_id?: string;
  value?: string;
}
interface View {
  callback_id: string;
  private_metadata: string;
  blocks: Array<{ block_id: string; element: { initial_value?: string } }>;
}

function button(message: FakeMessage | undefined, actionId: string): string | undefined {
  for (const block of (message?.blocks ?? []) as Array<{ elements?: Button[] }>) {
    const found = block.elements?.find((element) => element.action_id === actionId);
    if (found?.value) return found.value;
  }
  return undefined;
}

/** Submits the modal as Slack would, with the fields as the person left (or changed) them. */
async function submitView(
  stack: SlackStack,
  slack: FakeSlack,
  view: View,
  user: string,
  changes: Record<string, string> = {},
) {
  const values = Object.fromEntries(
    view.blocks.map((block) => [
      block.block_id,
      {
        value: {
          type: 'plain_text_input',
          value: changes[block.block_id] ?? block.element.initial_value ?? null,
        },
      },
    ]),
  );
  const payload = {
    type: 'view_submission',
    team: { id: slack.teamId, domain: slack.teamDomain },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: slack.teamId },
    api_app_id: 'A0RUNBOOK',
    token: 'unused',
    trigger_id: `${Date.now()}.trigger`,
    view: {
      id: 'V0AUTHOR',
      team_id: slack.teamId,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      state: { values },
      hash: 'h',
      title: { type: 'plain_text', text: 'New runbook' },
      blocks: view.blocks,
      app_id: 'A0RUNBOOK',
      bot_id: slack.botId,
    },
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return stack.send.raw(body, 'application/x-www-form-urlencoded');
}

describe('authoring a runbook from Slack', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-procedures-authoring-'));
    slack = await startFakeSlack();
    stack = await startSlackStack({
      dataDir: join(root, 'main'),
      slack,
      executed: [] as PlannedAction[],
      approvers: ['U0BOB'],
    });
  });
  after(async () => {
    await stack?.stop();
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  const submit = (view: View, user: string, changes: Record<string, string> = {}) =>
    submitView(stack, slack, view, user, changes);

  it('turns a numbered list into a draft, saves it as version 1, and lets only an approver publish it', async () => {
    const channel = 'C0AUTHOR';
    await stack.send.event({
      type: 'app_mention',
      user: 'U0ALICE',
      channel,
      ts: '1700000100.000100',
      text: `<@${slack.botUserId}> create a runbook called db-failover with these steps: 1. Check replication lag on <replica>. 2. Promote \${replica} to primary. 3. Point the app at the new primary.`,
    });
    const offer = await slack.waitFor(() =>
      [...slack.messages.values()].find((m) => m.channel === channel && button(m, 'runbook_author_open')),
    );
    assert.match(messageText(offer), /db-failover/);
    assert.match(messageText(offer), /Parameters: replica/);
    const opened = slack.callsTo('views.open').length;
    await stack.send.click({
      actionId: 'runbook_author_open',
      value: button(offer, 'runbook_author_open') as string,
      user: 'U0ALICE',
      channel,
      messageTs: offer.ts,
      ...(offer.thread_ts ? { threadTs: offer.thread_ts } : {}),
    });
    await slack.waitFor(() => slack.callsTo('views.open').length > opened);
    const raw = slack.callsTo('views.open').at(-1)?.args['view'];
    const view = (typeof raw === 'string' ? JSON.parse(raw) : raw) as View;
    const initial = Object.fromEntries(
      view.blocks.map((block) => [block.block_id, block.element.initial_value]),
    );
    assert.equal(initial['id'], 'db-failover');
    assert.equal(
      initial['steps'],
      `1. Check replication lag on \${replica}.\n2. Promote \${replica} to primary.\n3. Point the app at the new primary.`,
    );
    assert.equal(initial['parameters'], 'replica');

    const invalid = await submit(view, 'U0ALICE', { id: 'DB Failover!' });
    assert.match(invalid.body, /"response_action":"errors"/);
    assert.match(invalid.body, /kebab-case/);
    await assert.rejects(readFile(join(root, 'main', 'runbooks', 'DB Failover!.yaml'), 'utf8'));

    const saved = await submit(view, 'U0ALICE');
    assert.equal(saved.status, 200);
    const file = join(root, 'main', 'runbooks', 'db-failover.yaml');
    const text = await readFile(file, 'utf8');
    assert.match(text, /status: draft/);
    assert.match(text, /version: 1/);
    const posted = await slack.waitFor(() =>
      [...slack.messages.values()].find((m) => m.channel === channel && button(m, 'runbook_publish')),
    );
    assert.match(messageText(posted), /Draft runbook `db-failover` \(version 1\)/);
    assert.equal(posted.thread_ts, offer.thread_ts ?? '1700000100.000100');

    const publish = { actionId: 'runbook_publish', value: 'db-failover', channel, messageTs: posted.ts };
    await stack.send.click({ ...publish, user: 'U0ALICE' });
    await slack.waitFor(() =>
      slack.callsTo('chat.postEphemeral').find((call) => /not an approver/.test(JSON.stringify(call.args))),
    );
    assert.match(await readFile(file, 'utf8'), /status: draft/);
    await stack.send.click({ ...publish, user: 'U0BOB' });
    await slack
      .waitFor(async () => /status: published/.test(await readFile(file, 'utf8')) || undefined)
      .catch(() => undefined);
    let published = await readFile(file, 'utf8');
    for (let tries = 0; !/status: published/.test(published) && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      published = await readFile(file, 'utf8');
    }
    assert.match(published, /status: published/);
    assert.match(published, /# Drafted from Slack/, 'comments survive publishing');
  });

  it('opens an empty editor for /runbook new', async () => {
    const before = slack.callsTo('views.open').length;
    await stack.send.command('new cache-flush', { channel: 'C0AUTHOR', user: 'U0ALICE' });
    await slack.waitFor(() => slack.callsTo('views.open').length > before);
    const raw = slack.callsTo('views.open').at(-1)?.args['view'];
    assert.match(typeof raw === 'string' ? raw : JSON.stringify(raw), /cache-flush/);
  });
});

describe('authoring a runbook from Slack with Claude', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;
  let anthropic: FakeAnthropic;
  const INVALID = '```yaml\nid: Db Failover\nname: DB failover\nsteps:\n  - Promote the replica.\n```';
  const VALID =
    '```yaml\nid: db-failover\nname: DB failover\nstatus: published\nmode: procedure\nparameters:\n  - name: replica\nsteps:\n' +
    `  - Check replication lag on \${replica}.\n  - id: go\n    approval: Promote the replica?\n\`\`\``;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-procedures-authoring-claude-'));
    slack = await startFakeSlack();
    anthropic = await startFakeAnthropic(
      inOrder(reply({ type: 'text', text: INVALID }), reply({ type: 'text', text: VALID })),
    );
    const client = new Anthropic({ apiKey: 'test-key', baseURL: anthropic.url, maxRetries: 0 });
    stack = await startSlackStack({
      dataDir: join(root, 'main'),
      slack,
      executed: [] as PlannedAction[],
      approvers: ['U0BOB'],
      authorRunbook: (text) => authorWithModel(client, 'claude-test', text),
    });
  });
  after(async () => {
    await stack?.stop();
    await slack?.close();
    await anthropic?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('shows invalid YAML with its errors and never saves it, then saves a valid one as a draft', async () => {
    const channel = 'C0CLAUDE';
    const mention = (ts: string) =>
      stack.send.event({
        type: 'app_mention',
        user: 'U0ALICE',
        channel,
        ts,
        text: `<@${slack.botUserId}> create a runbook for failing over the orders database to its replica`,
      });
    await mention('1700000200.000100');
    const refused = await slack.waitFor(() =>
      [...slack.messages.values()].find((m) => m.channel === channel && /not valid/.test(messageText(m))),
    );
    assert.match(messageText(refused), /kebab-case/);
    assert.match(
      String(anthropic.requests[0]?.body.messages[0]?.content),
      /<untrusted source=\\?"slack\\?">/,
    );

    await mention('1700000300.000100');
    const offer = await slack.waitFor(() =>
      [...slack.messages.values()].find((m) => m.channel === channel && button(m, 'runbook_author_open')),
    );
    const opened = slack.callsTo('views.open').length;
    await stack.send.click({
      actionId: 'runbook_author_open',
      value: button(offer, 'runbook_author_open') as string,
      user: 'U0ALICE',
      channel,
      messageTs: offer.ts,
    });
    await slack.waitFor(() => slack.callsTo('views.open').length > opened);
    const raw = slack.callsTo('views.open').at(-1)?.args['view'];
    const view = (typeof raw === 'string' ? JSON.parse(raw) : raw) as View;
    const yaml = view.blocks[0]?.element.initial_value ?? '';
    assert.match(yaml, /status: draft/, 'whatever the model wrote, it is saved as a draft');
    const saved = await submitView(stack, slack, view, 'U0ALICE');
    assert.equal(saved.status, 200);
    const text = await readFile(join(root, 'main', 'runbooks', 'db-failover.yaml'), 'utf8');
    assert.match(text, /status: draft/);
    assert.match(text, /version: 1/);
  });
});
