import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlannedAction } from '../../src/actions/types.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { type SlackStack, startSlackStack } from '../fakes/slack-stack.ts';

const SECRET = 'sk-live-4f9a8b7c6d5e4f3a';
const UPDATE_INTERVAL_MS = 400;

describe('a run shown as a Slack thread (threadSink, as alerts and sweeps use it)', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;
  const executed: PlannedAction[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-slack-sink-'));
    slack = await startFakeSlack();
    stack = await startSlackStack({
      dataDir: root,
      slack,
      executed,
      secrets: [SECRET],
      options: { parentUpdateIntervalMs: UPDATE_INTERVAL_MS },
    });
  });
  after(async () => {
    await stack?.stop();
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  const at = () => new Date().toISOString();
  const inChannel = (channel: string) =>
    slack.calls.filter((c) => c.args.channel === channel && c.method.startsWith('chat.'));

  it('posts one parent, every check as a reply in order, and coalesces the parent updates', async () => {
    const sink = stack.slackApp.threadSink({ channel: 'C0SINK' });
    const runId = 'run-sink-1';
    const startedAt = Date.now();
    await sink.emit({
      type: 'run.started',
      runId,
      at: at(),
      kind: 'runbook',
      target: 'checkout',
      runbook: { id: 'db-connections', version: 1, hash: 'abc' },
      params: { service: 'checkout' },
      actor: 'alertmanager',
    });
    for (let index = 0; index < 12; index += 1) {
      const checkId = `check_${index}`;
      await sink.emit({
        type: 'check.started',
        runId,
        at: at(),
        checkId,
        name: `Check ${index}`,
        diagnosticType: 'prometheus_query',
      });
      await sink.emit({
        type: 'check.finished',
        runId,
        at: at(),
        outcome: {
          checkId,
          name: `Check ${index}`,
          diagnosticType: 'prometheus_query',
          health: index % 3 === 0 ? 'critical' : 'healthy',
          value: index,
          summary: `value ${index}`,
          durationMs: 2,
        },
      });
      await sleep(60);
    }
    await sink.emit({
      type: 'run.finished',
      runId,
      at: at(),
      status: 'completed',
      summary: 'all checked',
      durationMs: Date.now() - startedAt,
    });
    const posts = () => inChannel('C0SINK').filter((c) => c.method === 'chat.postMessage');
    await slack.waitFor(() => posts().length === 13 || undefined);
    const [parent, ...replies] = posts();
    const parentTs = [...slack.messages.values()].find(
      (m) => m.channel === 'C0SINK' && m.thread_ts === undefined,
    )?.ts;
    assert.ok(parent && parentTs);
    assert.deepEqual(
      replies.map((c) => String(c.args.text).split(' =')[0]),
      Array.from({ length: 12 }, (_, index) => `Check ${index}`),
    );
    assert.ok(replies.every((c) => c.args.thread_ts === parentTs));
    await slack.waitFor(
      () =>
        JSON.stringify(slack.messages.get(`C0SINK:${parentTs}`)?.blocks).includes('completed') || undefined,
      3000,
    );
    const updates = inChannel('C0SINK').filter((c) => c.method === 'chat.update');
    for (let index = 1; index < updates.length; index += 1) {
      const gap = (updates[index]?.atMs ?? 0) - (updates[index - 1]?.atMs ?? 0);
      // Rendered an interval apart; measured on arrival, so allow for network jitter on a busy machine.
      assert.ok(gap >= UPDATE_INTERVAL_MS / 2, `updates ${gap} ms apart`);
    }
    assert.ok(
      updates.length <= Math.ceil((Date.now() - startedAt) / UPDATE_INTERVAL_MS) + 1,
      `${updates.length} updates`,
    );
    const final = JSON.stringify(slack.messages.get(`C0SINK:${parentTs}`)?.blocks);
    assert.match(final, /12\/12 checks · 4 critical/);
  });

  it('truncates huge evidence so Slack accepts it, and redacts secrets from everything posted', async () => {
    const sink = stack.slackApp.threadSink({ channel: 'C0HUGE' });
    const runId = 'run-sink-2';
    await sink.emit({
      type: 'run.started',
      runId,
      at: at(),
      kind: 'investigation',
      target: 'checkout',
      params: {},
      actor: 'U0ALICE',
    });
    await sink.emit({
      type: 'check.finished',
      runId,
      at: at(),
      outcome: {
        checkId: 'logs',
        name: 'Error logs',
        diagnosticType: 'log_search',
        health: 'critical',
        value: 4000,
        summary: `connect failed token=${SECRET} `.repeat(900),
        query: `{app="checkout"} |= "${SECRET}"`,
        durationMs: 30,
      },
    });
    await sink.emit({
      type: 'error',
      runId,
      at: at(),
      code: 'provider.failed',
      message: `Authorization: Bearer ${SECRET}`,
    });
    await sink.emit({
      type: 'run.finished',
      runId,
      at: at(),
      status: 'completed',
      summary: 'done',
      durationMs: 10,
    });
    await slack.waitFor(
      () => inChannel('C0HUGE').filter((c) => c.method === 'chat.postMessage').length === 3 || undefined,
    );
    await sleep(UPDATE_INTERVAL_MS + 100);
    const calls = inChannel('C0HUGE');
    assert.equal(JSON.stringify(calls).includes(SECRET), false, 'the secret never reached Slack');
    const evidence = [...slack.messages.values()].find(
      (m) => m.channel === 'C0HUGE' && /Error logs/.test(m.text ?? ''),
    );
    assert.ok(evidence, 'Slack accepted the evidence message');
    assert.match(JSON.stringify(evidence.blocks), /truncated/);
  });
});
