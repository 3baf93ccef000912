import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { RunbookError } from '../../errors/index.ts';
import type { ApprovalGrant, PlannedAction } from '../types.ts';
import { createEscalateAction } from './escalate-action.ts';
import type { Notifier } from './notifier.ts';
import { createNotifyAction } from './notify-action.ts';
import { createPagerDutySender } from './pagerduty.ts';

const grantFor = (planned: Pick<PlannedAction, 'hash'>): ApprovalGrant => ({
  approvalId: 'apr-1',
  planHash: planned.hash,
  approvedBy: 'U123',
  approvedAt: '2026-01-01T12:00:00Z',
});

/** Records posts: a fake of our own Notifier interface. */
function recordingNotifier(): Notifier & { posts: Array<{ channel: string | undefined; text: string }> } {
  const posts: Array<{ channel: string | undefined; text: string }> = [];
  return { posts, post: async (channel, text) => void posts.push({ channel, text }) };
}

const run = {
  id: 'run-42',
  runbookId: 'db-connection-exhaustion',
  service: 'payment-service',
  severity: 'P1',
};

describe('notify', () => {
  it('posts the planned message once, to the planned channel', async () => {
    const notifier = recordingNotifier();
    const action = createNotifyAction(notifier, 'C-DEFAULT');
    const planned = await action.plan(
      { type: 'notify', channel: 'C-PAYMENTS', message: 'Restarting payment-service' },
      'low',
      { run },
    );
    assert.equal(
      planned.dryRun,
      'post to C-PAYMENTS:\nRestarting payment-service\n_(from runbook db-connection-exhaustion, run run-42)_',
    );
    assert.equal(notifier.posts.length, 0, 'planning posts nothing');
    const outcome = await action.execute(planned, grantFor(planned));
    assert.equal(outcome.status, 'succeeded');
    assert.deepEqual(notifier.posts, [
      {
        channel: 'C-PAYMENTS',
        text: 'Restarting payment-service\n_(from runbook db-connection-exhaustion, run run-42)_',
      },
    ]);
  });

  it('refuses a grant for another plan and posts nothing', async () => {
    const notifier = recordingNotifier();
    const action = createNotifyAction(notifier, 'C-DEFAULT');
    const planned = await action.plan({ type: 'notify', message: 'one' }, 'low');
    const other = await action.plan({ type: 'notify', message: 'two' }, 'low');
    assert.equal(planned.target, 'slack: C-DEFAULT');
    await assert.rejects(
      action.execute(planned, grantFor(other)),
      (error: unknown) => error instanceof RunbookError && error.code === 'action.refused',
    );
    assert.equal(notifier.posts.length, 0);
  });

  it('fails, without throwing, when no notifier is configured', async () => {
    const action = createNotifyAction(undefined, undefined);
    const planned = await action.plan({ type: 'notify', message: 'hello' }, 'low');
    const outcome = await action.execute(planned, grantFor(planned));
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.summary, /no notifier/);
  });
});

describe('escalate through PagerDuty Events API v2', () => {
  const received: Array<Record<string, unknown>> = [];
  let server: Server;
  let baseUrl: string;
  before(async () => {
    server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      if (request.method !== 'POST' || request.url !== '/v2/enqueue') {
        response.writeHead(404).end();
        return;
      }
      if (body['routing_key'] !== 'R0UTINGKEY0123456789012345678901') {
        response.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            status: 'invalid event',
            message: 'Event object is invalid',
            errors: ['Invalid routing key'],
          }),
        );
        return;
      }
      received.push(body);
      response
        .writeHead(202, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: body['dedup_key'] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('pages with the run context and posts to the escalation channel, showing both in the dry run without the key', async () => {
    const notifier = recordingNotifier();
    const sender = createPagerDutySender({ routingKey: 'R0UTINGKEY0123456789012345678901', baseUrl });
    const action = createEscalateAction(notifier, sender, 'C-DEFAULT');
    const planned = await action.plan(
      { type: 'escalate', to: 'payments-oncall', message: 'DB connections exhausted' },
      'low',
      {
        run,
        channel: 'C-ESCALATIONS',
      },
    );
    assert.doesNotMatch(planned.dryRun, /R0UTINGKEY/);
    assert.match(planned.dryRun, /"dedup_key": "runbook-run-42"/);
    assert.match(
      planned.dryRun,
      /post to C-ESCALATIONS:\nEscalating to payments-oncall: DB connections exhausted/,
    );
    const outcome = await action.execute(planned, grantFor(planned));
    assert.equal(outcome.status, 'succeeded', outcome.summary);
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]?.['payload'], {
      summary: 'Escalating to payments-oncall: DB connections exhausted',
      source: 'payment-service',
      severity: 'critical',
      component: 'payment-service',
      custom_details: {
        runbook: 'db-connection-exhaustion',
        run_id: 'run-42',
        escalate_to: 'payments-oncall',
      },
    });
    assert.equal(received[0]?.['event_action'], 'trigger');
    assert.equal(notifier.posts[0]?.channel, 'C-ESCALATIONS');
  });

  it('reports a rejected routing key as a failed outcome that does not show the key', async () => {
    const sender = createPagerDutySender({ routingKey: 'wrong-key-abcdef', baseUrl });
    const action = createEscalateAction(undefined, sender, undefined);
    const planned = await action.plan({ type: 'escalate' }, 'low', { run });
    const outcome = await action.execute(planned, grantFor(planned));
    assert.equal(outcome.status, 'failed');
    assert.match(
      outcome.summary,
      /PagerDuty: pagerduty: HTTP 400: Event object is invalid: Invalid routing key/,
    );
    assert.doesNotMatch(outcome.summary, /wrong-key/);
  });
});
