import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import type { PlannedAction } from '../../src/actions/types.ts';
import { createDeployRoutes, slackDeployDisplay } from '../../src/alerts/deploy/index.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { type SlackStack, startSlackStack } from '../fakes/slack-stack.ts';

const GITHUB_SECRET = 'gh-webhook-secret-51c2';
const ARGO_TOKEN = 'argo-token-9d01';
const silent = { info() {}, warn() {}, error() {} };

function deploymentStatus(state: string, deploymentId = 4242) {
  return JSON.stringify({
    action: 'created',
    deployment_status: {
      id: 1,
      state,
      description: 'rollout exceeded its progress deadline',
      environment: 'production',
      log_url: 'https://github.com/acme/payments/actions/runs/1',
      created_at: new Date().toISOString(),
    },
    deployment: {
      id: deploymentId,
      sha: 'a1b2c3d4e5f6a7b8c9d0',
      ref: 'main',
      environment: 'production',
      payload: { service: 'payment-service', namespace: 'production' },
    },
    repository: { name: 'payments', full_name: 'acme/payments' },
  });
}

describe('deploy-failure webhooks', () => {
  let root: string;
  let slack: FakeSlack;
  let stack: SlackStack;
  let url: string;
  let close: () => Promise<void>;
  const executed: PlannedAction[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'runbook-deploy-'));
    slack = await startFakeSlack();
    stack = await startSlackStack({ dataDir: root, slack, executed });
    const routes = createDeployRoutes({
      deps: {
        runs: stack.runs,
        store: stack.store,
        audit: stack.audit,
        routing: [],
        defaultChannel: 'C0DEPLOYS',
        display: slackDeployDisplay(stack.slackApp),
        logger: silent,
        now: () => new Date(),
      },
      secrets: { githubSecret: GITHUB_SECRET, argocdToken: ARGO_TOKEN },
    });
    const server = serve({ fetch: routes.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  after(async () => {
    await close?.();
    await stack?.stop();
    await slack?.close();
    await rm(root, { recursive: true, force: true });
  });

  const github = (body: string, event = 'deployment_status', secret = GITHUB_SECRET) =>
    fetch(`${url}/alerts/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      },
      body,
    });

  it('investigates the workload of a failed GitHub deployment and attaches the report to its thread', async () => {
    const response = await github(deploymentStatus('failure'));
    assert.equal(response.status, 202);
    const outcome = (await response.json()) as { runId: string; service: string; channel: string };
    assert.equal(outcome.service, 'payment-service');
    assert.equal(outcome.channel, 'C0DEPLOYS');
    const run = await stack.runs.get(outcome.runId);
    assert.equal(run?.kind, 'investigation');
    assert.equal(run?.target, 'payment-service');
    const upload = await slack.waitFor(
      () =>
        slack
          .callsTo('files.getUploadURLExternal')
          .find((c) => c.args['filename'] === `${outcome.runId}-report.md`),
      15_000,
    );
    assert.ok(Number(upload.args['length']) > 100);
    const completed = await slack.waitFor(() => slack.callsTo('files.completeUploadExternal')[0], 5000);
    assert.equal(completed.args['channel_id'], 'C0DEPLOYS');
    const parent = [...slack.messages.values()].find(
      (m) => m.channel === 'C0DEPLOYS' && m.thread_ts === undefined,
    );
    assert.equal(completed.args['thread_ts'], parent?.ts);
  });

  it('starts nothing more when the same deployment reports error after failure', async () => {
    const response = await github(deploymentStatus('error'));
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, 'duplicate');
  });

  it('ignores successful deployments and pings, and refuses a bad signature', async () => {
    const success = await github(deploymentStatus('success', 7));
    assert.equal(((await success.json()) as { status: string }).status, 'ignored');
    const ping = await github(JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 }), 'ping');
    assert.equal(ping.status, 200);
    const forged = await github(deploymentStatus('failure', 8), 'deployment_status', 'not-the-secret');
    assert.equal(forged.status, 401);
    const audit = await readFile(stack.auditPath, 'utf8');
    assert.match(audit, /"reason":"bad signature".*"type":"deploy.rejected"/);
  });

  it('investigates a degraded Argo CD app with the right token, and names a bad field of the generic body', async () => {
    const argo = (body: unknown, token = ARGO_TOKEN) =>
      fetch(`${url}/alerts/argocd`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    assert.equal((await argo({ app: 'checkout', phase: 'Failed' }, 'wrong')).status, 401);
    const healthy = await argo({ app: 'checkout', phase: 'Succeeded', health: 'Healthy' });
    assert.equal(((await healthy.json()) as { status: string }).status, 'ignored');
    const degraded = await argo({
      app: 'checkout',
      namespace: 'shop',
      revision: 'f00d',
      phase: 'Succeeded',
      health: 'Degraded',
    });
    assert.equal(degraded.status, 202);
    const { runId } = (await degraded.json()) as { runId: string };
    assert.equal((await stack.runs.get(runId))?.target, 'checkout');
    const generic = await fetch(`${url}/alerts/deploy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ARGO_TOKEN}` },
      body: JSON.stringify({ service: 'orders', stauts: 'failed' }),
    });
    assert.equal(generic.status, 400);
    assert.match(((await generic.json()) as { error: string }).error, /stauts/);
  });
});
