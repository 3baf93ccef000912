import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runSweep, type SchedulerDeps, type SweepSpec } from '../../src/scheduler/index.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { createSlackRequester } from '../fakes/slack-requests.ts';
import { type OpsApp, readAudit, SIGNING_SECRET, startOpsApp, sweepRunbook } from './ops-helpers.ts';

describe('sweeps', () => {
  let dir: string;
  let slack: FakeSlack;
  let ops: OpsApp;
  let web: Server;

  before(async () => {
    web = createServer((request, response) => {
      response.statusCode = request.url === '/down' ? 503 : 200;
      response.end(request.url === '/down' ? 'upstream unavailable' : 'ok');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const site = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'runbook-ops-sweeps-'));
    const library = join(dir, 'runbooks');
    await mkdir(library);
    await writeFile(join(library, 'api.yaml'), sweepRunbook('api', 'exit 0'));
    await writeFile(join(library, 'queue.yaml'), sweepRunbook('queue', 'echo backlog 9000; exit 2'));
    await writeFile(join(library, 'slow.yaml'), sweepRunbook('slow', 'sleep 10'));
    slack = await startFakeSlack();
    ops = await startOpsApp({
      dataDir: dir,
      runbooksDir: library,
      slack,
      configYaml: `sweeps:
  - name: platform
    cron: "0 3 * * *"
    timezone: Europe/Paris
    runbooks: [api, queue, slow]
    channel: C0SWEEPS
    timeout: 1s
  - name: edge
    cron: "*/5 * * * *"
    runbooks: [api]
    channel: C0EDGE
    timeout: 1s
    checks:
      - id: homepage
        name: Homepage answers
        type: http_check
        url: ${site}/
        health: {critical: "value == 0"}
      - id: checkout
        name: Checkout answers
        type: http_check
        url: ${site}/down
        timeout: 5s
        health: {critical: "value == 0"}
      - id: backlog
        type: command
        command: [sh, -c, "echo 250"]
        health: {warning: "double(fields.number) > 100.0"}
      - id: hung
        type: command
        command: [sleep, "10"]
  - name: shift
    cron: "0 8,20 * * *"
    handoff: true
    since: 12h
    channel: C0ONCALL
`,
    });
  });

  after(async () => {
    await ops?.stop();
    await slack?.close();
    await new Promise((resolve) => web?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('posts one summary with a color per runbook, a reply per unhealthy one, and a slow check does not hold the others', async () => {
    const startedAt = performance.now();
    const result = await ops.app.scheduler.runNow('platform', 'U0ALICE');
    const elapsedMs = performance.now() - startedAt;
    assert.equal(result.status, 'ran');
    if (result.status !== 'ran') return;
    assert.ok(
      elapsedMs < 5000,
      `the 10 s check was stopped at its 1 s limit (took ${Math.round(elapsedMs)} ms)`,
    );
    const colors = Object.fromEntries(result.report.checks.map((check) => [check.runbookId, check.color]));
    assert.deepEqual(colors, { api: 'green', queue: 'red', slow: 'yellow' });
    assert.equal(result.report.overall, 'red');
    const summaries = [...slack.messages.values()].filter((m) => m.channel === 'C0SWEEPS' && !m.thread_ts);
    assert.equal(summaries.length, 1);
    const summary = summaries[0];
    assert.match(JSON.stringify(summary?.blocks), /2 of 3 need attention/);
    const replies = await slack.waitFor(() => {
      const found = [...slack.messages.values()].filter((m) => m.thread_ts === summary?.ts);
      return found.length >= 2 ? found : undefined;
    });
    assert.equal(replies.length, 2, 'one reply for queue, one for slow');
    assert.match(JSON.stringify(replies), /backlog 9000/);
    const audited = (await readAudit(ops.app.config.auditLogPath)).filter(
      (line) => line.type === 'sweep.finished',
    );
    assert.equal(audited.at(-1)?.actor, 'U0ALICE');
  });

  it('runs inline checks beside runbooks through the real providers, each under its own time limit', async () => {
    const startedAt = performance.now();
    const result = await ops.app.scheduler.runNow('edge', 'U0ALICE');
    const elapsedMs = performance.now() - startedAt;
    assert.equal(result.status, 'ran');
    if (result.status !== 'ran') return;
    assert.ok(
      elapsedMs < 5000,
      `the hung check was stopped at the sweep's 1 s limit (${Math.round(elapsedMs)} ms)`,
    );
    const colors = Object.fromEntries(
      result.report.checks.map((check) => [`${check.kind}:${check.runbookId}`, check.color]),
    );
    assert.deepEqual(colors, {
      'runbook:api': 'green',
      'check:homepage': 'green',
      'check:checkout': 'red',
      'check:backlog': 'yellow',
      'check:hung': 'red',
    });
    const summary = [...slack.messages.values()].find((m) => m.channel === 'C0EDGE' && !m.thread_ts);
    assert.ok(summary, 'one summary in the sweep channel');
    assert.match(JSON.stringify(summary.blocks), /3 of 5 need attention.*homepage/);
    const replies = await slack.waitFor(() => {
      const found = [...slack.messages.values()].filter((m) => m.thread_ts === summary.ts);
      return found.length >= 3 ? found : undefined;
    });
    assert.equal(replies.length, 3, 'a reply for checkout, backlog and hung; none for the healthy ones');
    assert.match(JSON.stringify(replies), /503/);
    assert.match(JSON.stringify(replies), /timed out after 1000 ms/);
    const audited = (await readAudit(ops.app.config.auditLogPath)).filter(
      (line) => line.type === 'sweep.finished' && line.data['sweep'] === 'edge',
    );
    assert.deepEqual(audited.at(-1)?.data['checks'], [
      { runbook: 'api', health: 'healthy', runId: result.report.checks[0]?.runId },
      { check: 'homepage', health: 'healthy', runId: null },
      { check: 'checkout', health: 'critical', runId: null },
      { check: 'backlog', health: 'warning', runId: null },
      { check: 'hung', health: 'error', runId: null },
    ]);
  });

  it('counts an inline check that changed color for on_change, like a runbook', async () => {
    const flag = join(dir, 'queue-depth');
    await writeFile(flag, '10');
    const spec: SweepSpec = {
      name: 'depth',
      cron: '* * * * *',
      runbooks: [],
      checks: [
        {
          id: 'depth',
          type: 'command',
          command: ['cat', flag],
          health: { critical: 'double(fields.number) > 100.0' },
        },
      ],
      channel: 'C0DEPTH',
      mode: 'on_change',
      params: {},
      timeoutMs: 5000,
      from: 'config',
    };
    const slackApp = ops.app.slack;
    assert.ok(slackApp);
    const deps: SchedulerDeps = {
      runs: ops.app.runs,
      providers: ops.app.providers,
      store: ops.app.store,
      audit: ops.app.audit,
      sweeps: [spec],
      defaultChannel: undefined,
      display: { postSummary: (channel, report) => slackApp.postSweepSummary(channel, report) },
      logger: ops.app.logger,
      now: () => new Date(),
    };
    const slot = (minute: number) => ({ slot: new Date(Date.UTC(2030, 0, 2, 3, minute)), actor: 'schedule' });
    const first = await runSweep(deps, spec, slot(0));
    assert.equal(first.status === 'ran' && first.posted, false, 'green the first time: nothing posted');
    await writeFile(flag, '500');
    const changed = await runSweep(deps, spec, slot(1));
    assert.equal(changed.status === 'ran' && changed.posted, true, 'the check turned red: posted');
    const same = await runSweep(deps, spec, slot(2));
    assert.equal(same.status === 'ran' && same.posted, false, 'still red: nothing new to say');
  });

  it('posts the on-call handoff on a handoff sweep once per slot across replicas', async () => {
    const spec = (await ops.app.scheduler.list()).find((sweep) => sweep.name === 'shift');
    assert.equal(spec?.handoff, true);
    const handoffs = () =>
      [...slack.messages.values()].filter(
        (m) => m.channel === 'C0ONCALL' && JSON.stringify(m.blocks).includes('On-call handoff'),
      );
    const shift = {
      name: 'shift',
      cron: '0 8,20 * * *',
      runbooks: [],
      checks: [],
      handoff: { sinceMs: 12 * 3_600_000 },
      channel: 'C0ONCALL',
      mode: 'always',
      params: {},
      timeoutMs: 120_000,
      from: 'config',
    } satisfies SweepSpec;
    const slackApp = ops.app.slack;
    assert.ok(slackApp);
    const replica = (): SchedulerDeps => ({
      runs: ops.app.runs,
      store: ops.app.store,
      audit: ops.app.audit,
      sweeps: [shift],
      defaultChannel: undefined,
      display: {
        postSummary: (channel, report) => slackApp.postSweepSummary(channel, report),
        postHandoff: (channel, since) => slackApp.postHandoff(channel, since),
      },
      logger: ops.app.logger,
      now: () => new Date(),
    });
    const at = { slot: new Date('2030-01-03T08:00:00Z'), actor: 'schedule' };
    const [one, two] = await Promise.all([runSweep(replica(), shift, at), runSweep(replica(), shift, at)]);
    const ran = [one, two].filter((result) => result.status === 'handoff');
    assert.equal(ran.length, 1, 'one replica posts it');
    assert.deepEqual(
      [one, two].find((result) => result.status === 'skipped'),
      {
        status: 'skipped',
        reason: 'lease',
      },
    );
    await slack.waitFor(() => (handoffs().length >= 1 ? true : undefined));
    assert.equal(handoffs().length, 1);
    const now = await ops.app.scheduler.runNow('shift', 'U0ALICE');
    assert.equal(now.status, 'handoff');
    assert.equal(now.status === 'handoff' && now.posted, true);
    if (now.status === 'handoff') {
      const hours = (Date.now() - Date.parse(now.since)) / 3_600_000;
      assert.ok(hours > 11.9 && hours < 12.1, `since: 12h back (${hours})`);
    }
    await slack.waitFor(() => (handoffs().length >= 2 ? true : undefined));
    const audited = (await readAudit(ops.app.config.auditLogPath)).filter(
      (line) => line.type === 'handoff.posted' && line.data['sweep'] === 'shift',
    );
    assert.deepEqual(
      audited.map((line) => line.actor),
      ['sweep:shift', 'U0ALICE'],
    );
  });

  it('in on_change mode posts a scheduled sweep only when a color changed', async () => {
    const spec: SweepSpec = {
      name: 'quiet',
      cron: '* * * * *',
      runbooks: ['api'],
      channel: 'C0QUIET',
      checks: [],
      mode: 'on_change',
      params: {},
      timeoutMs: 5000,
      from: 'config',
    };
    const slackApp = ops.app.slack;
    assert.ok(slackApp);
    const deps: SchedulerDeps = {
      runs: ops.app.runs,
      store: ops.app.store,
      audit: ops.app.audit,
      sweeps: [spec],
      defaultChannel: undefined,
      display: { postSummary: (channel, report) => slackApp.postSweepSummary(channel, report) },
      logger: ops.app.logger,
      now: () => new Date(),
    };
    const first = await runSweep(deps, spec, { slot: new Date('2030-01-01T03:00:00Z'), actor: 'schedule' });
    assert.equal(first.status === 'ran' && first.posted, false, 'all green the first time: nothing to say');
    const again = await runSweep(deps, spec, { slot: new Date('2030-01-01T03:01:00Z'), actor: 'schedule' });
    assert.equal(again.status === 'ran' && again.posted, false, 'unchanged: nothing posted');
    const sameSlot = await runSweep(deps, spec, {
      slot: new Date('2030-01-01T03:01:00Z'),
      actor: 'schedule',
    });
    assert.deepEqual(sameSlot, { status: 'skipped', reason: 'lease' }, 'a slot runs once');
    await writeFile(join(dir, 'runbooks', 'api.yaml'), sweepRunbook('api', 'exit 1'));
    await ops.app.catalog.reload();
    const changed = await runSweep(deps, spec, { slot: new Date('2030-01-01T03:02:00Z'), actor: 'schedule' });
    assert.equal(changed.status === 'ran' && changed.posted, true, 'api turned red: posted');
    assert.equal(
      [...slack.messages.values()].filter((m) => m.channel === 'C0QUIET' && !m.thread_ts).length,
      1,
    );
  });

  it('lists sweeps with their next run in Slack and refuses an unknown one', async () => {
    const send = createSlackRequester({ appUrl: ops.url, signingSecret: SIGNING_SECRET, slack });
    const list = await send.command('sweeps');
    const answer = await slack.waitFor(() =>
      slack.responses.find((r) => list.responseUrl.endsWith(`/${r.id}`)),
    );
    assert.match(JSON.stringify(answer.body), /platform.*0 3 \* \* \*.*Europe\/Paris.*last: .*next: /);
    const unknown = await send.command('sweep nightly');
    const refused = await slack.waitFor(() =>
      slack.responses.find((r) => unknown.responseUrl.endsWith(`/${r.id}`)),
    );
    assert.match(JSON.stringify(refused.body), /no sweep \\"nightly\\"; known: platform/);
  });
});
