import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { approveButtonValue } from '../fakes/slack-approval-helpers.ts';
import { createSlackRequester, type SlackRequester } from '../fakes/slack-requests.ts';
import { type RedisServer, redisSkipReason, startRedis } from '../helpers/redis.ts';
import {
  ALERTMANAGER_TOKEN,
  diskRunbook,
  eventually,
  type OpsApp,
  readAudit,
  SIGNING_SECRET,
  startOpsApp,
  sweepRunbook,
} from './ops-helpers.ts';

const skip = redisSkipReason();

describe('two replicas sharing one Redis', { skip }, () => {
  let dir: string;
  let redis: RedisServer;
  let slack: FakeSlack;
  let a: OpsApp;
  let b: OpsApp;
  let sendA: SlackRequester;
  let sendB: SlackRequester;
  let executedFile: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbook-ops-replicas-'));
    const library = join(dir, 'runbooks');
    await mkdir(library);
    executedFile = join(dir, 'executed.txt');
    await writeFile(join(library, 'disk.yaml'), diskRunbook(executedFile));
    await writeFile(join(library, 'heartbeat.yaml'), sweepRunbook('heartbeat', 'exit 0'));
    redis = await startRedis();
    slack = await startFakeSlack();
    // Every second: both replicas schedule it, the lease lets one run each slot.
    const configYaml = `sweeps:
  - name: every-second
    cron: "* * * * * *"
    runbooks: [heartbeat]
    channel: C0SWEEP
    mode: always
    timeout: 5s
`;
    const start = async (name: string) => {
      const dataDir = join(dir, name);
      await mkdir(dataDir);
      return startOpsApp({
        dataDir,
        runbooksDir: library,
        slack,
        redisUrl: redis.url,
        defaultChannel: 'C0ALERTS',
        configYaml,
      });
    };
    [a, b] = await Promise.all([start('a'), start('b')]);
    sendA = createSlackRequester({ appUrl: a.url, signingSecret: SIGNING_SECRET, slack });
    sendB = createSlackRequester({ appUrl: b.url, signingSecret: SIGNING_SECRET, slack });
  });

  after(async () => {
    await a?.stop();
    await b?.stop();
    await slack?.close();
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const parentsIn = (channel: string) =>
    [...slack.messages.values()].filter((m) => m.channel === channel && m.thread_ts === undefined);

  it('starts one investigation when Slack delivers the same event to both', async () => {
    const event = {
      type: 'app_mention',
      user: 'U0ALICE',
      text: `<@${slack.botUserId}> payment-service disk is filling up`,
      ts: '1700000100.000100',
      channel: 'C0MENTION',
    };
    const [first, retry] = await Promise.all([
      sendA.event(event, { eventId: 'Ev0DUPLICATE' }),
      sendB.event(event, { eventId: 'Ev0DUPLICATE', retryNum: 1 }),
    ]);
    assert.equal(first.status, 200);
    assert.equal(retry.status, 200);
    await eventually(async () => (await a.app.runs.list()).some((run) => run.origin.channel === 'C0MENTION'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const runs = (await b.app.runs.list()).filter((run) => run.origin.channel === 'C0MENTION');
    assert.equal(runs.length, 1, 'one run, seen from either replica');
  });

  it('starts one investigation when an alert reaches both replicas', async () => {
    const body = JSON.stringify({
      version: '4',
      groupKey: '{}:{alertname="DiskAlmostFull",service="payment-service"}',
      status: 'firing',
      receiver: 'runbook',
      groupLabels: {},
      commonLabels: {},
      commonAnnotations: {},
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'DiskAlmostFull', service: 'payment-service' },
          annotations: {},
          fingerprint: 'f00d',
        },
      ],
    });
    const deliver = (app: OpsApp) =>
      fetch(`${app.url}/alerts/alertmanager`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ALERTMANAGER_TOKEN}`, 'content-type': 'application/json' },
        body,
      }).then((response) => response.json() as Promise<{ status: string }>);
    const outcomes = await Promise.all([deliver(a), deliver(b)]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status).sort(), ['duplicate', 'started']);
  });

  it('executes an approved action once when Approve is clicked on both replicas', async () => {
    await sendA.command('investigate DiskAlmostFull service=payment-service', {
      channel: 'C0CLICK',
      user: 'U0ALICE',
    });
    const message = await slack.waitFor(
      () =>
        [...slack.messages.values()].find(
          (m) => m.channel === 'C0CLICK' && approveButtonValue(m) !== undefined,
        ),
      15_000,
    );
    const click = {
      actionId: 'approval_approve',
      value: approveButtonValue(message) as string,
      user: 'U0BOB',
      channel: 'C0CLICK',
      messageTs: message.ts,
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
    };
    await Promise.all([sendA.click(click), sendB.click(click), sendA.click(click)]);
    const lines = await eventually(async () => {
      const text = await readFile(executedFile, 'utf8').catch(() => '');
      return text.length > 0 ? text.trim().split('\n') : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual((await readFile(executedFile, 'utf8')).trim().split('\n'), lines);
    assert.equal(lines.length, 1, 'the clean-up ran once');
  });

  it('runs a sweep scheduled on both replicas once per slot', async () => {
    const sweeps = async () =>
      [
        ...(await readAudit(a.app.config.auditLogPath)),
        ...(await readAudit(b.app.config.auditLogPath)),
      ].filter((line) => line.type === 'sweep.finished' && line.data.slot !== null);
    const finished = await eventually(
      async () => ((await sweeps()).length >= 3 ? sweeps() : undefined),
      10_000,
      'three sweeps',
    );
    const slots = finished.map((line) => String(line.data.slot));
    assert.equal(new Set(slots).size, slots.length, `each slot ran once: ${slots.join(', ')}`);
    assert.ok(parentsIn('C0SWEEP').length >= 3, 'a summary per slot');
  });

  it('lets the other replica take a pending approval after one replica stops mid-investigation', async () => {
    await rm(executedFile, { force: true });
    await sendA.command('investigate DiskAlmostFull service=payment-service', {
      channel: 'C0HANDOVER',
      user: 'U0ALICE',
    });
    const message = await slack.waitFor(
      () =>
        [...slack.messages.values()].find(
          (m) => m.channel === 'C0HANDOVER' && approveButtonValue(m) !== undefined,
        ),
      15_000,
    );
    // Read before clicking: the message loses its buttons once decided.
    const approvalId = approveButtonValue(message) as string;
    await a.stop();
    const response = await sendB.click({
      actionId: 'approval_approve',
      value: approvalId,
      user: 'U0BOB',
      channel: 'C0HANDOVER',
      messageTs: message.ts,
      ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
    });
    assert.equal(response.status, 200);
    const lines = await eventually(async () => {
      const text = await readFile(executedFile, 'utf8').catch(() => '');
      return text.length > 0 ? text.trim().split('\n') : undefined;
    });
    assert.equal(lines.length, 1);
    const executed = await eventually(async () =>
      (await readAudit(b.app.config.auditLogPath)).find(
        (line) => line.type === 'action.executed' && line.data.approvalId === approvalId,
      ),
    );
    assert.equal(executed.actor, 'U0BOB');
    assert.equal(executed.data.status, 'succeeded');
  });
});
