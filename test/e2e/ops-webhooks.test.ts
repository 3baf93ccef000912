import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.ts';
import { createSlackRequester } from '../fakes/slack-requests.ts';
import {
  ALERTMANAGER_TOKEN,
  DATADOG_TOKEN,
  diskRunbook,
  eventually,
  type OpsApp,
  PAGERDUTY_SECRET,
  readAudit,
  SIGNING_SECRET,
  startOpsApp,
} from './ops-helpers.ts';

function alertmanagerBody(overrides: Record<string, unknown> = {}) {
  return {
    version: '4',
    groupKey: '{}:{alertname="DiskAlmostFull"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'runbook',
    groupLabels: { alertname: 'DiskAlmostFull' },
    commonLabels: { alertname: 'DiskAlmostFull', service: 'payment-service' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'DiskAlmostFull', service: 'payment-service' },
        annotations: { summary: 'disk 97% full' },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus/graph',
        fingerprint: 'a1b2c3d4',
      },
    ],
    ...overrides,
  };
}

function pagerDutyBody(eventType: string, incidentId: string) {
  return JSON.stringify({
    event: {
      id: `01EV${incidentId}`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: new Date().toISOString(),
      agent: null,
      client: null,
      data: {
        id: incidentId,
        type: 'incident',
        self: `https://api.pagerduty.com/incidents/${incidentId}`,
        html_url: `https://acme.pagerduty.com/incidents/${incidentId}`,
        number: 7,
        status: eventType === 'incident.resolved' ? 'resolved' : 'triggered',
        incident_key: `key-${incidentId}`,
        created_at: new Date().toISOString(),
        title: 'DiskAlmostFull',
        service: { id: 'PSVC', type: 'service_reference', summary: 'payment-service' },
        urgency: 'high',
        priority: { id: 'PPRI', type: 'priority_reference', summary: 'P1' },
      },
    },
  });
}

const sign = (secret: string, body: string) =>
  `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('alert webhooks on the app server', () => {
  let dir: string;
  let slack: FakeSlack;
  let ops: OpsApp;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbook-ops-hooks-'));
    const library = join(dir, 'runbooks');
    await mkdir(library);
    await writeFile(join(library, 'disk.yaml'), diskRunbook(join(dir, 'executed.txt')));
    slack = await startFakeSlack();
    ops = await startOpsApp({ dataDir: dir, runbooksDir: library, slack, defaultChannel: 'C0ALERTS' });
  });

  after(async () => {
    await ops?.stop();
    await slack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${ops.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(10_000),
    });

  const rejections = async () =>
    (await readAudit(ops.app.config.auditLogPath)).filter((line) => line.type === 'alert.rejected');

  it('refuses a missing or wrong Alertmanager token with 401, and audits why without the body', async () => {
    const body = JSON.stringify(
      alertmanagerBody({ commonAnnotations: { note: 'password=hunter2-in-body' } }),
    );
    const missing = await post('/alerts/alertmanager', body);
    assert.equal(missing.status, 401);
    const wrong = await post('/alerts/alertmanager', body, { authorization: 'Bearer not-the-token' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(await wrong.json(), { error: 'bad token' });
    const audited = await rejections();
    assert.ok(audited.some((line) => line.data.reason === 'missing token' && line.data.status === 401));
    assert.ok(audited.some((line) => line.data.reason === 'bad token' && line.actor === 'alertmanager'));
    assert.doesNotMatch(JSON.stringify(audited), /hunter2/);
  });

  it('answers 413 to an oversized body and 400 with the zod path to a malformed one', async () => {
    const auth = { authorization: `Bearer ${ALERTMANAGER_TOKEN}` };
    const huge = JSON.stringify(alertmanagerBody({ commonAnnotations: { blob: 'x'.repeat(300 * 1024) } }));
    const tooBig = await post('/alerts/alertmanager', huge, auth);
    assert.equal(tooBig.status, 413);
    const notJson = await post('/alerts/alertmanager', '{"version": "4",', auth);
    assert.equal(notJson.status, 400);
    assert.match(((await notJson.json()) as { error: string }).error, /not JSON/);
    const bad = alertmanagerBody();
    (bad.alerts[0] as { labels: Record<string, unknown> }).labels = { service: 'x' };
    const invalid = await post('/alerts/alertmanager', JSON.stringify(bad), auth);
    assert.equal(invalid.status, 400);
    assert.match(
      ((await invalid.json()) as { error: string }).error,
      /^alerts\[0\]\.labels: every alert needs an alertname label/,
    );
    const wrongVersion = await post(
      '/alerts/alertmanager',
      JSON.stringify(alertmanagerBody({ version: '3' })),
      auth,
    );
    assert.match(
      ((await wrongVersion.json()) as { error: string }).error,
      /^version: expected Alertmanager webhook version "4"/,
    );
    const audited = await rejections();
    assert.ok(audited.some((line) => line.data.status === 413));
    assert.ok(audited.some((line) => String(line.data.reason).startsWith('alerts[0].labels')));
  });

  it('starts one investigation from a signed PagerDuty incident, refuses a bad signature, and resolves it', async () => {
    const body = pagerDutyBody('incident.triggered', 'PINC1');
    const forged = await post('/alerts/pagerduty', body, {
      'x-pagerduty-signature': sign('wrong-secret', body),
    });
    assert.equal(forged.status, 401);
    const unsigned = await post('/alerts/pagerduty', body);
    assert.equal(unsigned.status, 401);
    // During a secret rotation PagerDuty sends several signatures: one valid one is enough.
    const signatures = `${sign('old-secret', body)},${sign(PAGERDUTY_SECRET, body)}`;
    const accepted = await post('/alerts/pagerduty', body, { 'x-pagerduty-signature': signatures });
    assert.equal(accepted.status, 202);
    const outcome = (await accepted.json()) as {
      status: string;
      runId: string;
      channel: string;
      runbooks: string[];
    };
    assert.equal(outcome.status, 'started');
    assert.equal(outcome.channel, 'C0ALERTS');
    assert.deepEqual(outcome.runbooks, ['disk-pressure']);
    const again = await post('/alerts/pagerduty', body, {
      'x-pagerduty-signature': sign(PAGERDUTY_SECRET, body),
    });
    assert.deepEqual(await again.json(), { status: 'duplicate', key: 'PINC1' });

    const ack = pagerDutyBody('incident.acknowledged', 'PINC1');
    const ignored = await post('/alerts/pagerduty', ack, {
      'x-pagerduty-signature': sign(PAGERDUTY_SECRET, ack),
    });
    assert.equal(((await ignored.json()) as { status: string }).status, 'ignored');

    const record = await eventually(async () => {
      const run = await ops.app.runs.get(outcome.runId);
      return run?.status === 'completed' ? run : undefined;
    });
    assert.equal(record.actor, 'pagerduty');
    const parent = await slack.waitFor(() =>
      [...slack.messages.values()].find((m) => m.channel === 'C0ALERTS' && m.thread_ts === undefined),
    );
    const resolvedBody = pagerDutyBody('incident.resolved', 'PINC1');
    const resolved = await post('/alerts/pagerduty', resolvedBody, {
      'x-pagerduty-signature': sign(PAGERDUTY_SECRET, resolvedBody),
    });
    assert.deepEqual(await resolved.json(), { status: 'resolved', key: 'PINC1', runId: outcome.runId });
    await slack.waitFor(
      () =>
        JSON.stringify(slack.messages.get(`C0ALERTS:${parent.ts}`)?.blocks ?? []).includes('resolved') ||
        undefined,
    );
    assert.ok(
      (await rejections()).some((line) => line.actor === 'pagerduty' && line.data.reason === 'bad signature'),
    );
  });

  it('takes Datadog monitor notifications with the token header, and generic alerts with any configured token', async () => {
    const monitor = {
      alert_id: '123456',
      aggreg_key: 'host:db-1',
      alert_title: '[Triggered on {host:db-1}] DiskAlmostFull',
      transition: 'Triggered',
      priority: 'P2',
      tags: 'service:payment-service,env:prod,slack_channel:C0INCIDENT',
      hostname: 'db-1',
      date: String(Date.now()),
      link: 'https://app.datadoghq.com/monitors/123456',
      body: 'Disk above 95%',
    };
    const refused = await post('/alerts/datadog', JSON.stringify(monitor), { 'x-runbook-token': 'nope' });
    assert.equal(refused.status, 401);
    const started = await post('/alerts/datadog', JSON.stringify(monitor), {
      'x-runbook-token': DATADOG_TOKEN,
    });
    assert.equal(started.status, 202);
    const outcome = (await started.json()) as { channel: string; runId: string };
    assert.equal(outcome.channel, 'C0INCIDENT', 'the incident channel named in the alert');
    const run = await ops.app.runs.get(outcome.runId);
    assert.equal(run?.target, 'DiskAlmostFull');

    const generic = {
      name: 'DiskAlmostFull',
      severity: 'critical',
      labels: { service: 'payment-service' },
      fingerprint: 'gen-1',
    };
    const noAuth = await post('/alerts/generic', JSON.stringify(generic));
    assert.equal(noAuth.status, 401);
    const first = await post('/alerts/generic', JSON.stringify(generic), {
      authorization: `Bearer ${DATADOG_TOKEN}`,
    });
    assert.equal(first.status, 202);
    const second = await post('/alerts/generic', JSON.stringify(generic), {
      authorization: `Bearer ${ALERTMANAGER_TOKEN}`,
    });
    assert.equal(((await second.json()) as { status: string }).status, 'duplicate');
    const unknownField = await post('/alerts/generic', JSON.stringify({ ...generic, colour: 'red' }), {
      authorization: `Bearer ${DATADOG_TOKEN}`,
    });
    assert.equal(unknownField.status, 400);
  });

  it('serves health, metrics and signed Slack requests on the same port', async () => {
    assert.deepEqual(await (await fetch(`${ops.url}/healthz`)).json(), { status: 'ok' });
    assert.equal((await fetch(`${ops.url}/readyz`)).status, 200);
    const metrics = await (await fetch(`${ops.url}/metrics`)).text();
    assert.match(metrics, /runbook_alerts_total\{outcome="started",source="pagerduty"\} 1/);
    assert.match(metrics, /slack_commands_total/);
    const send = createSlackRequester({ appUrl: ops.url, signingSecret: SIGNING_SECRET, slack });
    const forged = await send.command('help', {}, { signWith: 'not-the-secret' });
    assert.equal(forged.status, 401, 'Bolt still verifies the signature');
    const sweeps = await send.command('sweeps');
    assert.equal(sweeps.status, 200);
    const answer = await slack.waitFor(() =>
      slack.responses.find((r) => sweeps.responseUrl.endsWith(`/${r.id}`)),
    );
    assert.match(String(answer.body.text), /No sweeps are configured/);
  });

  it('answers 503 to new webhooks and is not ready once shutting down', async () => {
    await ops.stop();
    const response = await ops.app.serving.http.request('/alerts/generic', {
      method: 'POST',
      headers: { authorization: `Bearer ${DATADOG_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Late' }),
    });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '5');
    assert.equal((await ops.app.serving.http.request('/readyz')).status, 503);
    await assert.rejects(
      fetch(`${ops.url}/healthz`, { signal: AbortSignal.timeout(2000) }),
      'the port is closed',
    );
  });
});
