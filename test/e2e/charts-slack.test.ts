import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlannedAction } from '../../src/actions/types.ts';
import type { CheckOutcome } from '../../src/engine/events.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { type SlackStack, startSlackStack } from '../fakes/slack-stack.ts';

const START = Math.floor(Date.now() / 1000) - 3600;

function outcome(checkId: string, ranged: boolean): CheckOutcome {
  return {
    checkId,
    name: checkId === 'pool' ? 'DB connection pool usage' : 'Error count',
    diagnosticType: 'prometheus_query',
    health: 'critical',
    value: 0.97,
    summary: `${checkId} is high`,
    durationMs: 4,
    query: 'pg_usage{service="payment-service"}',
    ...(ranged
      ? {
          series: [
            {
              labels: { service: 'payment-service' },
              samples: Array.from({ length: 60 }, (_, i): [number, number] => [
                START + i * 60,
                i < 40 ? 0.5 : 0.97,
              ]),
            },
          ],
          healthConditions: { critical: 'value > 0.9' },
        }
      : {}),
  };
}

describe('evidence charts in the Slack thread', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;
  const executed: PlannedAction[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-charts-slack-'));
    slack = await startFakeSlack();
    stack = await startSlackStack({ dataDir: root, slack, executed });
  });
  after(async () => {
    await stack?.stop();
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('uploads one PNG per check with a range series into the run thread, and none for a single value', async () => {
    const sink = stack.slackApp.threadSink({
      channel: 'C0CHARTS',
      alertStartsAt: new Date((START + 40 * 60) * 1000).toISOString(),
    });
    const at = () => new Date().toISOString();
    const runId = 'run-charts-1';
    await sink.emit({
      type: 'run.started',
      runId,
      at: at(),
      kind: 'investigation',
      target: 'payment-service',
      params: {},
      actor: 'alert',
    });
    await sink.emit({ type: 'check.finished', runId, at: at(), outcome: outcome('pool', true) });
    await sink.emit({ type: 'check.finished', runId, at: at(), outcome: outcome('errors', false) });
    const parent = await sink.parent;
    assert.ok('ts' in parent);
    const completed = await slack.waitFor(() => slack.callsTo('files.completeUploadExternal')[0], 10_000);
    const [requested] = slack.callsTo('files.getUploadURLExternal');
    assert.equal(requested?.args['filename'], `${runId}-pool.png`);
    assert.ok(Number(requested?.args['length']) > 5000, `PNG of ${requested?.args['length']} bytes`);
    assert.equal(completed.args['channel_id'], 'C0CHARTS');
    assert.equal(completed.args['thread_ts'], parent.threadTs);
    assert.match(JSON.stringify(completed.args['files']), /DB connection pool usage/);
    await sleep(200);
    assert.equal(slack.callsTo('files.getUploadURLExternal').length, 1);
  });
});
