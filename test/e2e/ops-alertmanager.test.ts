import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import {
  type AlertmanagerServer,
  alertmanagerSkipReason,
  startAlertmanager,
} from '../helpers/alertmanager.ts';
import {
  ALERTMANAGER_TOKEN,
  diskRunbook,
  eventually,
  type OpsApp,
  readAudit,
  startOpsApp,
} from './ops-helpers.ts';

const skip = alertmanagerSkipReason();

describe('a real Alertmanager notifying Runbook', { skip }, () => {
  let dir: string;
  let slack: FakeSlack;
  let ops: OpsApp;
  let alertmanager: AlertmanagerServer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbook-ops-am-'));
    const library = join(dir, 'runbooks');
    await mkdir(library);
    await writeFile(join(library, 'disk.yaml'), diskRunbook(join(dir, 'executed.txt')));
    slack = await startFakeSlack();
    ops = await startOpsApp({
      dataDir: dir,
      runbooksDir: library,
      slack,
      defaultChannel: 'C0DEFAULT',
      configYaml:
        'routing:\n  - match: {labels: {team: storage}, severity: critical}\n    channel: C0STORAGE\n',
    });
    alertmanager = await startAlertmanager({
      webhookUrl: `${ops.url}/alerts/alertmanager`,
      bearerToken: ALERTMANAGER_TOKEN,
      groupWait: '1s',
      groupInterval: '1s',
      // Alertmanager re-sends a still-firing group this often: the repeats must start nothing.
      repeatInterval: '2s',
    });
  });

  after(async () => {
    await alertmanager?.stop();
    await ops?.stop();
    await slack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts one investigation per group in the routed channel, ignores repeats, and marks it resolved', async () => {
    const startsAt = new Date().toISOString();
    const disk = (instance: string) => ({
      labels: {
        alertname: 'DiskAlmostFull',
        service: 'payment-service',
        team: 'storage',
        severity: 'critical',
        instance,
      },
      annotations: { summary: `disk on ${instance} is 97% full` },
      startsAt,
    });
    // Two alerts of one group (alertname + service), and a second group for another service.
    await alertmanager.postAlerts([
      disk('10.0.0.1:9100'),
      disk('10.0.0.2:9100'),
      { labels: { alertname: 'HighLatency', service: 'search', severity: 'warning' }, startsAt },
    ]);

    const started = await eventually(
      async () => {
        const lines = (await readAudit(ops.app.config.auditLogPath)).filter(
          (l) => l.type === 'alert.investigation_started',
        );
        return lines.length >= 2 ? lines : undefined;
      },
      10_000,
      'two investigations',
    );
    const disks = started.filter((line) => line.data.alert === 'DiskAlmostFull');
    assert.equal(disks.length, 1, 'the two disk alerts are one group: one investigation');
    assert.equal(disks[0]?.data.alerts, 2);
    assert.equal(
      disks[0]?.data.channel,
      'C0STORAGE',
      'the routing rule (team=storage, critical) picks the channel',
    );
    assert.deepEqual(disks[0]?.data.runbooks, ['disk-pressure']);
    const latency = started.find((line) => line.data.alert === 'HighLatency');
    assert.equal(latency?.data.channel, 'C0DEFAULT', 'no rule fits: RUNBOOK_DEFAULT_CHANNEL');

    // The run is a real investigation shown as a Slack thread in the routed channel.
    const diskRunId = disks[0]?.run_id as string;
    const record = await eventually(
      async () => {
        const run = await ops.app.runs.get(diskRunId);
        return run?.status === 'completed' ? run : undefined;
      },
      10_000,
      'the disk investigation to finish',
    );
    assert.equal(record.origin.source, 'alert');
    assert.equal(record.conclusion?.category, 'disk-full');
    const parent = await slack.waitFor(() =>
      [...slack.messages.values()].find((m) => m.channel === 'C0STORAGE' && m.thread_ts === undefined),
    );

    // Alertmanager repeats the firing group (repeat_interval 2s): received, audited, nothing new started.
    await eventually(
      async () => {
        const lines = await readAudit(ops.app.config.auditLogPath);
        return lines.filter((l) => l.type === 'alert.duplicate').length >= 2;
      },
      10_000,
      'repeated notifications',
    );
    const allStarted = (await readAudit(ops.app.config.auditLogPath)).filter(
      (l) => l.type === 'alert.investigation_started',
    );
    assert.equal(allStarted.length, 2, 'repeats start no second investigation');

    // Resolve the disk group the way Prometheus does: the same alerts with endsAt in the past.
    const endsAt = new Date(Date.now() - 1000).toISOString();
    await alertmanager.postAlerts([
      { ...disk('10.0.0.1:9100'), endsAt },
      { ...disk('10.0.0.2:9100'), endsAt },
    ]);
    const resolved = await eventually(
      async () =>
        (await readAudit(ops.app.config.auditLogPath)).find(
          (l) => l.type === 'alert.resolved' && l.run_id === diskRunId,
        ),
      10_000,
      'the resolved notification',
    );
    assert.equal(resolved.data.alert, 'DiskAlmostFull');
    await slack.waitFor(() => {
      const shown = slack.messages.get(`C0STORAGE:${parent.ts}`);
      return JSON.stringify(shown?.blocks ?? []).includes('resolved') || undefined;
    });
    const resolvedReplies = () =>
      [...slack.messages.values()].filter(
        (m) => m.channel === 'C0STORAGE' && m.thread_ts === parent.ts && /resolved/.test(m.text ?? ''),
      );
    await slack.waitFor(() => resolvedReplies().length > 0 || undefined);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(
      resolvedReplies().length,
      1,
      'one "resolved" reply in the thread, however often it is delivered',
    );
  });
});
