import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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

  before(async () => {
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
`,
    });
  });

  after(async () => {
    await ops?.stop();
    await slack?.close();
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

  it('in on_change mode posts a scheduled sweep only when a color changed', async () => {
    const spec: SweepSpec = {
      name: 'quiet',
      cron: '* * * * *',
      runbooks: ['api'],
      channel: 'C0QUIET',
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
