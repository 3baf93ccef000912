import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import type { PlannedAction } from '../../src/actions/types.ts';
import { createApiApp, hashApiToken, parseApiTokens } from '../../src/api/index.ts';
import { buildApp } from '../../src/app.ts';
import { createApprovalService } from '../../src/approvals/index.ts';
import { type AuditLog, openAuditLog } from '../../src/audit/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createInvestigator } from '../../src/investigation/index.ts';
import { createRunbookCatalog } from '../../src/runbooks/index.ts';
import { createRunService, type RunService } from '../../src/runs/index.ts';
import { createMemoryStateStore } from '../../src/state/index.ts';
import { DB_RUNBOOK, fixedPrometheus, recordingRestart } from '../fakes/slack-stack.ts';

const SECRETS = { reader: 'tok-reader-3f9a', operator: 'tok-operator-77c1', approver: 'tok-approver-e210' };

interface Stack {
  url: string;
  dir: string;
  runs: RunService;
  audit: AuditLog;
  executed: PlannedAction[];
  close(): Promise<void>;
}

async function startStack(): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-api-'));
  const library = join(dir, 'runbooks');
  await mkdir(library);
  await writeFile(join(library, 'db-connections.yaml'), DB_RUNBOOK);
  const now = () => new Date();
  let seq = 0;
  const newId = (prefix: string) =>
    `${prefix}${Date.now().toString(36)}${(++seq).toString(36).padStart(3, '0')}`;
  const tokens = parseApiTokens([
    `reader:read:${hashApiToken(SECRETS.reader)}`,
    `operator:run:${hashApiToken(SECRETS.operator)}`,
    `approver:run+approve:${hashApiToken(SECRETS.approver)}`,
  ]);
  const catalog = await createRunbookCatalog(library);
  const store = createMemoryStateStore();
  const audit = await openAuditLog(join(dir, 'audit.jsonl'));
  const executed: PlannedAction[] = [];
  const providers = {
    prometheus_query: fixedPrometheus(
      new Map([
        ['pg_usage', 0.97],
        ['errors', 1],
      ]),
    ),
  };
  const actions = { restart: recordingRestart(executed) };
  const approvals = createApprovalService({
    store,
    audit,
    actions,
    policy: { approvers: ['U0BOB', 'api:approver'], defaultTtlMs: 600_000 },
    now,
    newId: () => newId('ap-'),
  });
  const investigator = createInvestigator({
    runbooks: () => catalog.list(),
    knowledge: () => [],
    providers,
    actions,
  });
  const runs = createRunService({
    catalog,
    providers,
    actions,
    approvals,
    audit,
    store,
    investigator,
    now,
    newId: () => newId('run-'),
  });
  const app = createApiApp({ runs, catalog, approvals, audit, tokens, now, maxBodyBytes: 4096 });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    runs,
    audit,
    executed,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runs.close();
      await audit.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

type Who = keyof typeof SECRETS | 'nobody';
// biome-ignore lint/suspicious/noExplicitAny: the tests read response JSON loosely and assert on it
type Json = any;

async function call(stack: Stack, who: Who, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who !== 'nobody') headers['authorization'] = `Bearer ${SECRETS[who]}`;
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const json = (await response.json()) as Json;
  return { status: response.status, json };
}

async function waitForRun(stack: Stack, runId: string, status = 'completed') {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const { json } = await call(stack, 'reader', 'GET', `/api/runs/${runId}`);
    if (json['status'] === status) return json;
    await sleep(20);
  }
  throw new Error(`run ${runId} never reached ${status}`);
}

async function auditLines(stack: Stack) {
  const text = await readFile(stack.audit.path, 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; actor: string; data: Record<string, unknown> });
}

describe('HTTP API', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack.close();
  });

  it('serves an OpenAPI document generated from the request schemas', async () => {
    const { status, json } = await call(stack, 'nobody', 'GET', '/openapi.json');
    assert.equal(status, 200);
    assert.equal(json['openapi'], '3.1.0');
    const start = json['paths']['/api/runs']['post']['requestBody']['content']['application/json']['schema'];
    const kinds = start.oneOf.map((variant: Json) => variant.properties.kind.const).sort();
    assert.deepEqual(kinds, ['investigation', 'runbook']);
    const query = json['paths']['/api/runs']['get']['parameters'].map((p: { name: string }) => p.name);
    assert.deepEqual(query, ['status', 'runbook', 'service', 'limit', 'cursor']);
  });

  it('refuses calls without a known bearer token and audits the refusal', async () => {
    assert.equal((await call(stack, 'nobody', 'GET', '/api/runs')).status, 401);
    const wrong = await fetch(`${stack.url}/api/runs`, {
      headers: { authorization: 'Bearer tok-reader-3f9b' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('www-authenticate'), 'Bearer');
    const refused = (await auditLines(stack)).filter((line) => line.type === 'api.unauthorized');
    assert.ok(refused.length >= 2);
  });

  it('refuses a token without the role the call needs', async () => {
    const { status, json } = await call(stack, 'reader', 'POST', '/api/runs', {
      kind: 'runbook',
      runbookId: 'db-connections',
    });
    assert.equal(status, 403);
    assert.equal(json['code'], 'api.forbidden');
  });

  it('answers bad input with 400 naming the zod path, and creates nothing', async () => {
    const missing = await call(stack, 'operator', 'POST', '/api/runs', {
      kind: 'runbook',
      params: { service: 7 },
    });
    assert.equal(missing.status, 400);
    assert.ok(missing.json['issues'].some((issue: { path: string }) => issue.path === 'body.runbookId'));
    const badKind = await call(stack, 'operator', 'POST', '/api/runs', { kind: 'deploy' });
    assert.equal(badKind.status, 400);
    assert.equal(badKind.json['issues'][0].path, 'body.kind');
    const notJson = await call(stack, 'operator', 'POST', '/api/runs', '{"kind":');
    assert.equal(notJson.status, 400);
    const unknownParam = await call(stack, 'operator', 'POST', '/api/runs', {
      kind: 'runbook',
      runbookId: 'db-connections',
      params: { servce: 'x' },
    });
    assert.equal(unknownParam.status, 400);
    assert.equal(unknownParam.json['code'], 'parameter.invalid');
    const badLimit = await call(stack, 'reader', 'GET', '/api/runs?limit=0');
    assert.equal(badLimit.status, 400);
    assert.equal(badLimit.json['issues'][0].path, 'query.limit');
    assert.equal((await stack.runs.list()).length, 0);
  });

  it('answers unknown ids with 404', async () => {
    const runbook = await call(stack, 'operator', 'POST', '/api/runs', {
      kind: 'runbook',
      runbookId: 'nope',
    });
    assert.equal(runbook.status, 404);
    assert.equal((await call(stack, 'reader', 'GET', '/api/runs/run-missing')).status, 404);
    assert.equal((await call(stack, 'operator', 'POST', '/api/runs/run-missing/abort')).status, 404);
    assert.equal((await call(stack, 'approver', 'POST', '/api/approvals/ap-missing/approve')).status, 404);
    assert.equal((await call(stack, 'reader', 'GET', '/api/runbooks/nope/versions')).status, 404);
    assert.equal((await stack.runs.list()).length, 0);
  });

  it('refuses a body over the size limit with 413', async () => {
    const { status, json } = await call(stack, 'operator', 'POST', '/api/runs', {
      kind: 'investigation',
      target: 'payment-service',
      text: 'x'.repeat(5000),
    });
    assert.equal(status, 413);
    assert.equal(json['code'], 'request.too_large');
    assert.equal((await stack.runs.list()).length, 0);
  });

  it('lists the runbook library and its versions', async () => {
    const { json } = await call(stack, 'reader', 'GET', '/api/runbooks');
    assert.deepEqual(
      json['runbooks'].map((r: { id: string }) => r.id),
      ['db-connections'],
    );
    const versions = await call(stack, 'reader', 'GET', '/api/runbooks/db-connections/versions');
    assert.equal(versions.json['versions'].length, 1);
    assert.match(versions.json['versions'][0].hash, /^[0-9a-f]{12}$/);
  });

  it('starts a runbook, shows its timeline and approves its remediation once, audited by token name', async () => {
    const started = await call(stack, 'operator', 'POST', '/api/runs', {
      kind: 'runbook',
      runbookId: 'db-connections',
      params: { service: 'payment-service' },
    });
    assert.equal(started.status, 202);
    const runId = started.json['runId'] as string;
    const run = await waitForRun(stack, runId);
    assert.equal(run['actor'], 'api:operator');
    assert.equal(run['source'], 'api');
    assert.ok(
      run['evidence'].checks.some((check: { checkId: string }) => check.checkId === 'connection_usage'),
    );
    assert.equal(run['decisions'][0].conclusion, 'Connection pool exhausted');
    const [approval] = run['approvals'];
    assert.equal(approval.status, 'pending');

    const forbidden = await call(stack, 'operator', 'POST', `/api/approvals/${approval.id}/approve`);
    assert.equal(forbidden.status, 403);
    const approved = await call(stack, 'approver', 'POST', `/api/approvals/${approval.id}/approve`);
    assert.equal(approved.status, 200);
    assert.equal(approved.json['status'], 'executed');
    assert.equal(approved.json['decidedBy'], 'api:approver');
    const again = await call(stack, 'approver', 'POST', `/api/approvals/${approval.id}/approve`);
    assert.equal(again.json['status'], 'executed');
    const denied = await call(stack, 'approver', 'POST', `/api/approvals/${approval.id}/deny`);
    assert.equal(denied.status, 409);
    assert.equal(stack.executed.length, 1);

    const after = (await call(stack, 'reader', 'GET', `/api/runs/${runId}`)).json;
    assert.equal(after['approvals'][0].status, 'executed');
    assert.equal(after['actions'][0].status, 'succeeded');

    const lines = await auditLines(stack);
    const apiCalls = lines.filter((line) => line.type === 'api.request');
    assert.ok(apiCalls.some((line) => line.actor === 'api:operator' && line.data['method'] === 'POST'));
    assert.ok(
      lines.some(
        (line) =>
          line.type === 'approval.approved' && line.actor === 'api:approver' && line.data['via'] === 'api',
      ),
    );
  });

  it('refuses to pause or resume a finished run with 409', async () => {
    const [run] = await stack.runs.list({ status: 'completed' });
    assert.ok(run);
    assert.equal((await call(stack, 'operator', 'POST', `/api/runs/${run.id}/pause`)).status, 409);
    assert.equal((await call(stack, 'operator', 'POST', `/api/runs/${run.id}/resume`)).status, 409);
  });

  it('filters runs and pages through them with a cursor', async () => {
    for (let index = 0; index < 3; index += 1) {
      const { json } = await call(stack, 'operator', 'POST', '/api/runs', {
        kind: 'investigation',
        target: 'checkout',
      });
      await waitForRun(stack, json['runId']);
    }
    const first = await call(stack, 'reader', 'GET', '/api/runs?service=checkout&limit=2');
    assert.equal(first.json['runs'].length, 2);
    assert.ok(first.json['nextCursor']);
    const second = await call(
      stack,
      'reader',
      'GET',
      `/api/runs?service=checkout&limit=2&cursor=${first.json['nextCursor']}`,
    );
    assert.equal(second.json['runs'].length, 1);
    assert.equal(second.json['nextCursor'], undefined);
    const ids = [...first.json['runs'], ...second.json['runs']].map((r: { id: string }) => r.id);
    assert.equal(new Set(ids).size, 3);
    const byRunbook = await call(stack, 'reader', 'GET', '/api/runs?runbook=db-connections&status=completed');
    assert.deepEqual(
      byRunbook.json['runs'].map((r: { target: string }) => r.target),
      ['payment-service'],
    );
    assert.equal((await call(stack, 'reader', 'GET', '/api/runs?cursor=garbage')).status, 400);
  });
});

describe('buildApp', () => {
  it('serves the API on the app port beside the other routes, with the configured tokens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'runbook-api-app-'));
    try {
      const config = loadConfig(
        {
          RUNBOOK_DATA_DIR: dir,
          RUNBOOK_RUNBOOKS_DIR: join(dir, 'runbooks'),
          RUNBOOK_API_TOKENS: `bot:approve:${hashApiToken('s3cret-bot')}`,
          LOG_LEVEL: 'silent',
        },
        dir,
      );
      await mkdir(config.runbooksDir);
      const app = await buildApp(config, { store: createMemoryStateStore(), slack: false });
      try {
        const { port } = await app.start(0);
        const base = `http://127.0.0.1:${port}`;
        const response = await fetch(`${base}/api/approvals`, {
          headers: { authorization: 'Bearer s3cret-bot' },
        });
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { approvals: [] });
        assert.equal((await fetch(`${base}/openapi.json`)).status, 200);
        assert.equal((await fetch(`${base}/api/runs`)).status, 401);
      } finally {
        await app.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a malformed RUNBOOK_API_TOKENS entry at start-up', () => {
    assert.throws(
      () => loadConfig({ RUNBOOK_API_TOKENS: 'bot:admin:abc' }, tmpdir()),
      /RUNBOOK_API_TOKENS.*name:role1\+role2:sha256hex/,
    );
  });
});
