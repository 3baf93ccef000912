import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autonomyRecords, describeRecord } from './autonomy-record.ts';

type Entry = { type: string; run_id: string | null; runbook: string | null; data: unknown };

function approvedRun(run: string, approval: string, outcome: 'passed' | 'failed' | 'action-failed'): Entry[] {
  return [
    {
      type: 'approval.requested',
      run_id: run,
      runbook: 'db',
      data: { approvalId: approval, remediationId: 'restart' },
    },
    { type: 'approval.approved', run_id: run, runbook: 'db', data: { approvalId: approval, via: 'slack' } },
    {
      type: 'action.executed',
      run_id: run,
      runbook: 'db',
      data: { approvalId: approval, status: outcome === 'action-failed' ? 'failed' : 'succeeded' },
    },
    ...(outcome === 'action-failed'
      ? []
      : [
          { type: 'validation.finished', run_id: run, runbook: null, data: { passed: outcome === 'passed' } },
        ]),
  ];
}

describe('autonomyRecords', () => {
  it('counts validated approvals in a row per remediation', () => {
    const records = autonomyRecords([
      ...approvedRun('r1', 'a1', 'passed'),
      ...approvedRun('r2', 'a2', 'passed'),
    ]);
    assert.deepEqual(records.get('db/restart'), { approved: 2, validated: 2, validatedPassed: 2, streak: 2 });
  });

  it('resets the streak on a failed validation or a failed action, keeping the totals', () => {
    const records = autonomyRecords([
      ...approvedRun('r1', 'a1', 'passed'),
      ...approvedRun('r2', 'a2', 'failed'),
      ...approvedRun('r3', 'a3', 'passed'),
      ...approvedRun('r4', 'a4', 'action-failed'),
    ]);
    const record = records.get('db/restart');
    assert.deepEqual(record, { approved: 4, validated: 3, validatedPassed: 2, streak: 0 });
    assert.equal(
      describeRecord(record ?? { approved: 0, validated: 0, validatedPassed: 0, streak: 0 }),
      'approved 4 times, validated 2/3',
    );
  });

  it('ignores validations of runs that executed nothing, and approvals it cannot place', () => {
    const records = autonomyRecords([
      { type: 'validation.finished', run_id: 'r9', runbook: null, data: { passed: true } },
      { type: 'approval.approved', run_id: 'r9', runbook: 'db', data: { approvalId: 'unknown' } },
    ]);
    assert.equal(records.size, 0);
  });
});
