import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RunbookError } from '../../errors/index.ts';
import type { ApprovalGrant, PlannedAction } from '../types.ts';
import { createRunCommandAction } from './run-command-action.ts';

const node = process.execPath;
const RECORD =
  'require("fs").appendFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)) + "\\n"); console.log("terminated 3 idle connections")';

function grantFor(planned: Pick<PlannedAction, 'hash'>): ApprovalGrant {
  return {
    approvalId: 'apr-1',
    planHash: planned.hash,
    approvedBy: 'U123',
    approvedAt: '2026-01-01T12:00:00Z',
  };
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${sortedJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('run_command action', () => {
  let dir: string;
  let log: string;
  const hostile = 'payments; rm -rf / $(id) `id`';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'runbook-run-command-'));
    log = join(dir, 'argv.log');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const spec = () => ({
    type: 'run_command' as const,
    command: [node, '-e', RECORD, log, '--db', hostile],
    timeout: '10s',
  });

  it('plans without running, showing the exact argv, and hashes type, target, spec, risk and dryRun', async () => {
    const planned = await createRunCommandAction().plan(spec(), 'medium', {
      rollback: 'nothing to undo: idle sessions reconnect',
    });
    assert.equal(existsSync(log), false, 'planning ran nothing');
    assert.ok(planned.dryRun.includes(`'payments; rm -rf / $(id) \`id\`'`), planned.dryRun);
    assert.equal(planned.mutates, true);
    assert.equal(planned.rollback.description, 'nothing to undo: idle sessions reconnect');
    const { type, target, spec: resolved, risk, dryRun } = planned;
    const expected = createHash('sha256')
      .update(sortedJson({ type, target, spec: resolved, risk, dryRun }))
      .digest('hex');
    assert.equal(planned.hash, expected);
  });

  it('runs the exact argv exactly once with a grant for this plan', async () => {
    const action = createRunCommandAction();
    const planned = await action.plan(spec(), 'medium');
    assert.match(planned.rollback.description, /^none: /);
    const outcome = await action.execute(planned, grantFor(planned));
    assert.equal(outcome.status, 'succeeded', outcome.summary);
    assert.match(outcome.output ?? '', /terminated 3 idle connections/);
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0] ?? ''), ['--db', hostile]);
    rmSync(log);
  });

  it('refuses without a grant for this plan, and refuses a plan changed after approval', async () => {
    const action = createRunCommandAction();
    const planned = await action.plan(spec(), 'medium');
    const other = await action.plan(
      { ...spec(), command: [node, '-e', RECORD, log, '--db', 'other'] },
      'medium',
    );
    await assert.rejects(
      action.execute(planned, grantFor(other)),
      (error: unknown) => error instanceof RunbookError && error.code === 'action.refused',
    );
    await assert.rejects(
      action.execute(planned, undefined as unknown as ApprovalGrant),
      (error: unknown) => error instanceof RunbookError && error.code === 'action.refused',
    );
    const tampered = { ...planned, spec: { ...spec(), command: [node, '-e', RECORD, log, 'tampered'] } };
    await assert.rejects(action.execute(tampered, grantFor(planned)), /changed after it was approved/);
    assert.equal(existsSync(log), false, 'nothing ran');
  });

  it('reports a non-zero exit as failed', async () => {
    const action = createRunCommandAction();
    const planned = await action.plan(
      {
        type: 'run_command',
        command: [node, '-e', 'console.error("FATAL: password authentication failed"); process.exit(2)'],
      },
      'low',
    );
    const outcome = await action.execute(planned, grantFor(planned));
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.summary, /exited 2/);
    assert.match(outcome.output ?? '', /password authentication failed/);
  });

  it('refuses to plan a command with an unresolved parameter', async () => {
    await assert.rejects(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the unresolved placeholder is the input under test
      createRunCommandAction().plan({ type: 'run_command', command: ['psql', '-d', '${database}'] }, 'low'),
      (error: unknown) => error instanceof RunbookError && error.code === 'parameter.invalid',
    );
  });
});
