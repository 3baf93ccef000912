import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { PlannedAction } from '../../src/actions/types.ts';
import { type App, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config/index.ts';
import { RunbookError } from '../../src/errors/index.ts';
import type { DiagnosticDefinition } from '../../src/runbooks/index.ts';
import { type PostgresServer, postgresSkipReason, startPostgres } from '../helpers/postgres.ts';
import { eventLog, removeDir, tempDir } from './procedures-harness.ts';

const APPROVER = 'U0DBA';
const skip = postgresSkipReason();

const RUNBOOK = `id: db-sessions
name: Idle sessions
mode: procedure
diagnostics:
  - id: usage
    type: database_query
    database: main
    sql: >-
      SELECT count(*)::int AS in_use, current_setting('max_connections')::int AS max_connections
      FROM pg_stat_activity
    health:
      critical: "items[0].in_use > items[0].max_connections * 0.9"
remediations:
  - id: bump-counter
    name: Record a cleanup
    type: automated
    risk: medium
    action:
      type: sql
      database: main
      sql: UPDATE counters SET n = n + 1 WHERE id = $1
      args: [1]
steps:
  - id: check
    diagnostic: usage
  - id: cleanup
    if: "steps.check.status == 'complete'"
    action: bump-counter
`;

async function query(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL checks and actions', { skip }, () => {
  let server: PostgresServer;
  let dir: string;
  let app: App;

  before(async () => {
    server = await startPostgres();
    dir = await tempDir('runbook-procedures-pg-');
    await mkdir(join(dir, 'runbooks'), { recursive: true });
    await writeFile(join(dir, 'runbooks', 'db-sessions.yaml'), RUNBOOK);
    await query(
      server.url,
      'CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL); INSERT INTO counters VALUES (1, 0)',
    );
    const config = loadConfig(
      {
        RUNBOOK_DATA_DIR: join(dir, 'data'),
        RUNBOOK_RUNBOOKS_DIR: join(dir, 'runbooks'),
        RUNBOOK_DATABASE_MAIN_URL: server.url,
        RUNBOOK_APPROVERS: APPROVER,
        LOG_LEVEL: 'error',
      },
      dir,
    );
    app = await buildApp(config, { slack: false });
  });
  after(async () => {
    await app?.stop();
    await server?.stop();
    if (dir) await removeDir(dir);
  });

  const check = (
    step: Omit<Extract<DiagnosticDefinition, { type: 'database_query' }>, 'type' | 'database'>,
  ) => {
    const provider = app.providers.database_query;
    assert.ok(provider);
    return provider.check(
      { type: 'database_query', database: 'main', ...step },
      { params: {}, now: new Date(), signal: AbortSignal.timeout(10_000) },
    );
  };

  it('reads rows as items, the first numeric cell as value, within the row limit', async () => {
    const result = await check({
      id: 'series',
      sql: 'SELECT g AS n, $1::text AS label FROM generate_series(7, 20) AS g',
      args: ['x'],
      rowLimit: 5,
    });
    assert.equal(result.status, 'ok', result.error);
    assert.equal(result.value, 7);
    assert.equal(result.items.length, 5);
    assert.deepEqual(result.items[0], { n: 7, label: 'x' });
    assert.equal(result.fields['truncated'], true);
  });

  it('fails a diagnostic that tries to write, as read-only, and changes nothing', async () => {
    const result = await check({ id: 'write', sql: 'UPDATE counters SET n = 99 WHERE id = 1' });
    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /read-only transaction/);
    const created = await check({ id: 'create', sql: 'CREATE TABLE sneaky (id int)' });
    assert.equal(created.status, 'error');
    assert.match(created.error ?? '', /read-only/);
    assert.deepEqual(await query(server.url, 'SELECT n FROM counters'), [{ n: 0 }]);
    assert.deepEqual(await query(server.url, "SELECT to_regclass('sneaky') AS t"), [{ t: null }]);
  });

  it('cancels a slow query at its statement timeout', async () => {
    const started = Date.now();
    const result = await check({ id: 'slow', sql: 'SELECT pg_sleep(5)', timeout: '500ms' });
    assert.equal(result.status, 'error');
    assert.match(result.error ?? '', /timed out after 450 ms \(statement_timeout\)/);
    assert.ok(Date.now() - started < 3000, 'it did not wait for the five seconds');
  });

  it('says which variable configures an unknown database, without a connection string', async () => {
    const provider = app.providers.database_query;
    assert.ok(provider);
    const result = await provider.check(
      { type: 'database_query', id: 'x', database: 'billing', sql: 'SELECT 1' },
      { params: {}, now: new Date(), signal: AbortSignal.timeout(5000) },
    );
    assert.match(result.error ?? '', /RUNBOOK_DATABASE_BILLING_URL \(configured: main\)/);
    assert.doesNotMatch(JSON.stringify(result), /127\.0\.0\.1/);
  });

  it('refuses the sql action without an approval for its exact plan', async () => {
    const action = app.actions.sql;
    assert.ok(action);
    const plan = await action.plan(
      { type: 'sql', database: 'main', sql: 'UPDATE counters SET n = n + 100 WHERE id = $1', args: [1] },
      'high',
    );
    assert.match(plan.dryRun, /^UPDATE counters SET n = n \+ 100 WHERE id = \$1\n-- \$1 = 1\n/);
    await assert.rejects(
      action.execute(plan, undefined as never),
      (error: unknown) => error instanceof RunbookError && error.code === 'action.refused',
    );
    const forged = {
      approvalId: 'ap-x',
      planHash: 'f'.repeat(64),
      approvedBy: APPROVER,
      approvedAt: new Date().toISOString(),
    };
    await assert.rejects(action.execute(plan, forged), /different plan/);
    assert.deepEqual(await query(server.url, 'SELECT n FROM counters'), [{ n: 0 }]);
  });

  it('runs the sql action once, after an approval, and reports and audits the rows affected', async () => {
    const log = eventLog();
    const handle = await app.runs.startRunbook(
      { runbookId: 'db-sessions', params: {}, actor: 'cli:alice', origin: { source: 'cli' } },
      log.sink,
    );
    const proposed = await log.next((event) => event.type === 'remediation.proposed');
    assert.ok(proposed.type === 'remediation.proposed' && proposed.approvalId);
    const plan = proposed.remediation.plan as PlannedAction;
    assert.match(plan.dryRun, /UPDATE counters SET n = n \+ 1 WHERE id = \$1/);
    assert.deepEqual(
      await query(server.url, 'SELECT n FROM counters'),
      [{ n: 0 }],
      'nothing runs before the approval',
    );
    const approver = { id: APPROVER, via: 'slack' as const };
    await app.runs.decideApproval(proposed.approvalId, 'approve', approver);
    await app.runs.decideApproval(proposed.approvalId, 'approve', approver);
    const record = await handle.done;
    assert.equal(record.status, 'completed');
    assert.deepEqual(await query(server.url, 'SELECT n FROM counters'), [{ n: 1 }], 'it ran exactly once');
    const finished = record.events.find((event) => event.type === 'action.finished');
    assert.match(
      finished?.type === 'action.finished' ? finished.summary : '',
      /database\/main: 1 row affected/,
    );
    const check = record.events.find((event) => event.type === 'check.finished');
    assert.ok(check?.type === 'check.finished' && check.outcome.health === 'healthy');
    await app.audit.close();
    const audit = await readFile(app.config.auditLogPath, 'utf8');
    assert.match(audit, /1 row affected[^\n]*"type":"action.executed"/);
    assert.doesNotMatch(audit, /postgres:\/\/runbook@/);
  });
});
