import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoCommand } from '../../src/cli/commands/demo.ts';
import type { CliIO } from '../../src/cli/types.ts';
import { startFakeSlack } from '../fakes/slack.ts';
import { approveButtonValue } from '../fakes/slack-approval-helpers.ts';
import { createSlackRequester } from '../fakes/slack-requests.ts';

const root = join(import.meta.dirname, '../..');
const SIGNING_SECRET = 'demo-signing-secret';

function terminal(env: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CliIO = {
    env,
    cwd: root,
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text) },
    prompt: undefined,
    signal: new AbortController().signal,
  };
  return { io, out: () => out, err: () => err };
}

describe('npm run demo', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'runbook-demo-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('plays a whole incident in the terminal: investigation, approval, action, validation, verified audit', async () => {
    const { io, out, err } = terminal({ RUNBOOK_DATA_DIR: join(dataDir, 'terminal') });
    const code = await demoCommand.run([], io);
    const text = out();
    assert.equal(code, 0, err());
    assert.match(text, /Alert CheckoutHighErrorRate/);
    assert.match(text, /# Incident note: .*bad-deploy/);
    assert.match(text, /approved by cli:demo/);
    assert.match(text, /action succeeded: Roll back deployment\/production\/checkout/);
    assert.match(
      text,
      /Kubernetes API received: PATCH \/apis\/apps\/v1\/namespaces\/production\/deployments\/checkout/,
    );
    assert.match(text, /validation (passed|failed)/);
    assert.match(text, /ok: \d+ records, chain intact/);
  });

  it('refuses an unknown scenario with a hint', async () => {
    const { io, err } = terminal({ RUNBOOK_DATA_DIR: join(dataDir, 'unknown') });
    assert.equal(await demoCommand.run(['--scenario', 'no-such-incident'], io), 2);
    assert.match(err(), /no scenario "no-such-incident" \(try --list\)/);
  });

  it('plays the incident in a Slack channel when Slack tokens and a channel are set, and waits for the click', async () => {
    const slack = await startFakeSlack();
    try {
      const { io, out, err } = terminal({
        RUNBOOK_DATA_DIR: join(dataDir, 'slack'),
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        RUNBOOK_DEFAULT_CHANNEL: 'C0DEMO',
        RUNBOOK_APPROVERS: 'U0APPROVER',
      });
      const finished = demoCommand.run([], io);
      const message = await slack.waitFor(
        () => [...slack.messages.values()].find((m) => m.channel === 'C0DEMO' && approveButtonValue(m)),
        30_000,
      );
      const port = /http:\/\/127\.0\.0\.1:(\d+)\/slack\/events/.exec(out())?.[1];
      assert.ok(port, out());
      const requester = createSlackRequester({
        appUrl: `http://127.0.0.1:${port}`,
        signingSecret: SIGNING_SECRET,
        slack,
      });
      const click = await requester.click({
        actionId: 'approval_approve',
        value: approveButtonValue(message) as string,
        user: 'U0APPROVER',
        channel: 'C0DEMO',
        messageTs: message.ts,
        ...(message.thread_ts ? { threadTs: message.thread_ts as string } : {}),
      });
      assert.equal(click.status, 200);
      assert.equal(await finished, 0, err());
      assert.match(out(), /Kubernetes API received: PATCH/);
      assert.ok(slack.callsTo('chat.update').length > 0, 'the parent and approval messages are kept current');
    } finally {
      await slack.close();
    }
  });
});
