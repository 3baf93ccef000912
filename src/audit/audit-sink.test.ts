import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import type { ProgressEvent } from '../engine/events.ts';
import { openAuditLog } from './audit-log.ts';
import { auditSink } from './audit-sink.ts';
import type { AuditRecord } from './types.ts';

const at = '2024-05-01T03:00:00.000Z';

it('writes each progress event as an audit record carrying the runbook and version of its run', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-sink-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const log = await openAuditLog(join(dir, 'audit.jsonl'));
  const sink = auditSink(log, { onError: (error) => assert.fail(String(error)) });
  const events: ProgressEvent[] = [
    {
      type: 'run.started',
      runId: 'r1',
      at,
      kind: 'runbook',
      target: 'checkout',
      runbook: { id: 'bad-deploy', version: 4, hash: 'abc' },
      params: { url: 'https://u:pw@host' },
      actor: 'U123',
    },
    { type: 'approval.decided', runId: 'r1', at, approvalId: 'a1', decision: 'approved', actor: 'U999' },
    { type: 'run.finished', runId: 'r1', at, status: 'completed', summary: 'ok', durationMs: 5 },
    { type: 'error', runId: 'r1', at, code: 'x', message: 'after the run' },
  ];
  for (const event of events) await sink.emit(event);
  await log.close();
  const records = (await readFile(log.path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditRecord);
  assert.deepEqual(
    records.map((r) => [r.type, r.run_id, r.runbook, r.version, r.actor]),
    [
      ['run.started', 'r1', 'bad-deploy', '4', 'U123'],
      ['approval.decided', 'r1', 'bad-deploy', '4', 'U999'],
      ['run.finished', 'r1', 'bad-deploy', '4', 'U123'],
      ['error', 'r1', null, null, 'runbook'],
    ],
  );
  assert.deepEqual((records[0]!.data as { params: unknown }).params, { url: 'https://[REDACTED]@host' });
});

it('hands a failed append to onError instead of throwing into the run', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-sink-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const log = await openAuditLog(join(dir, 'audit.jsonl'));
  await log.close();
  const failures: unknown[] = [];
  const sink = auditSink(log, { onError: (error) => failures.push(error) });
  await sink.emit({ type: 'error', runId: 'r1', at, code: 'x', message: 'm' });
  assert.equal(failures.length, 1);
});
