import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProgressEvent } from '../../engine/index.ts';
import type { RunRecord } from '../../runs/index.ts';
import { renderRunReport } from './markdown-report.ts';
import { createProgressRenderer } from './progress-renderer.ts';

const at = (second: number) => `2026-01-01T12:00:${String(second).padStart(2, '0')}.000Z`;
const runId = 'run-1';
const outcome = {
  checkId: 'connection_usage',
  name: 'Connection usage',
  diagnosticType: 'prometheus_query',
  health: 'critical' as const,
  value: 0.9712,
  summary: 'max = 0.97 | of max_connections',
  query: 'sum(pg_stat_activity_count) / 100',
  durationMs: 120,
};
const remediation = {
  runbookId: 'db',
  remediationId: 'restart-app',
  name: 'Restart the app',
  actionType: 'restart',
  risk: 'medium' as const,
  requiresApproval: true,
  rollback: 'pods restart on their own',
};
const events: ProgressEvent[] = [
  {
    type: 'run.started',
    runId,
    at: at(0),
    kind: 'runbook',
    target: 'payments',
    runbook: { id: 'db', version: 3, hash: 'abcdef123456' },
    params: { service: 'payments' },
    actor: 'cli:alice',
  },
  {
    type: 'check.started',
    runId,
    at: at(0),
    checkId: 'connection_usage',
    name: 'Connection usage',
    diagnosticType: 'prometheus_query',
  },
  { type: 'check.finished', runId, at: at(1), outcome },
  {
    type: 'decision.taken',
    runId,
    at: at(1),
    runbookId: 'db',
    path: ["diagnostics.connection_usage.status == 'critical'"],
    conclusion: 'Pool exhausted',
    category: 'db-connection-exhaustion',
  },
  { type: 'remediation.proposed', runId, at: at(1), remediation, approvalId: 'ap-1' },
  {
    type: 'run.finished',
    runId,
    at: at(2),
    status: 'completed',
    summary: 'Pool exhausted',
    durationMs: 2000,
  },
  {
    type: 'approval.decided',
    runId,
    at: at(5),
    approvalId: 'ap-1',
    decision: 'approved',
    actor: 'cli:alice',
  },
  {
    type: 'action.finished',
    runId,
    at: at(6),
    approvalId: 'ap-1',
    status: 'succeeded',
    summary: 'restarted',
  },
  { type: 'check.finished', runId, at: at(7), outcome: { ...outcome, health: 'healthy', value: 0.2 } },
  { type: 'validation.finished', runId, at: at(7), passed: true, summary: 'no critical diagnostics' },
];
const record: RunRecord = {
  id: runId,
  kind: 'runbook',
  target: 'payments',
  runbook: { id: 'db', version: 3, hash: 'abcdef123456' },
  params: { service: 'payments' },
  status: 'completed',
  actor: 'cli:alice',
  origin: { source: 'cli' },
  startedAt: at(0),
  finishedAt: at(2),
  events,
  conclusion: {
    category: 'db-connection-exhaustion',
    summary: 'Pool exhausted',
    confidence: 'high',
    severity: 'P1',
    supportingEvidence: [{ checkId: 'connection_usage', summary: 'max = 0.97', grade: 'strong' }],
    ruledOut: [],
    remediations: [remediation],
  },
  approvalIds: ['ap-1'],
};

describe('renderRunReport', () => {
  const report = renderRunReport(record, { name: 'DB connection exhaustion', file: 'runbooks/db.yaml' });

  it('names the runbook, its version and the parameters', () => {
    assert.match(report, /^# DB connection exhaustion\n/);
    assert.match(report, /- runbook: db v3 \(abcdef123456\), runbooks\/db\.yaml/);
    assert.match(report, /\| service \| payments \|/);
  });

  it('lists each diagnostic of the run once, with health, value, escaped summary and query', () => {
    assert.match(
      report,
      /\| Connection usage \| \*\*critical\*\* \| 0\.9712 \| max = 0\.97 \\\| of max_connections \| 120 ms \|/,
    );
    assert.equal(
      report.match(/\| Connection usage \|/g)?.length,
      1,
      'validation re-runs are not listed as diagnostics',
    );
    assert.match(report, /connection_usage \(prometheus_query\): `sum\(pg_stat_activity_count\) \/ 100`/);
  });

  it('shows the decision path, conclusion, remediation with its approval, action and validation', () => {
    assert.match(report, /## Decision path\n\n1\. `diagnostics\.connection_usage\.status == 'critical'`/);
    assert.match(report, /\*\*Pool exhausted\*\*/);
    assert.match(report, /- confidence: high/);
    assert.match(report, /### Restart the app \(restart-app\)/);
    assert.match(report, /- rollback: pods restart on their own/);
    assert.match(report, /- approval ap-1: approved by cli:alice/);
    assert.match(report, /- result: succeeded: restarted/);
    assert.match(report, /Validation passed: no critical diagnostics/);
  });

  it('ends with a timeline relative to the start', () => {
    assert.match(report, /## Timeline\n\n- 12:00:00\.000 \(\+0 ms\) run started by cli:alice/);
    assert.match(report, /\(\+7\.0 s\) validation passed/);
  });
});

describe('createProgressRenderer', () => {
  it('writes plain lines without a terminal', () => {
    let written = '';
    const renderer = createProgressRenderer({ write: (text: string) => (written += text) }, { tty: false });
    for (const event of events.slice(0, 4)) renderer.emit(event);
    renderer.stop();
    assert.ok(!written.includes('\r') && !written.includes('\u001b'), 'no cursor control');
    assert.match(written, /^Running db v3 \(abcdef123456\) with service=payments\n/);
    assert.match(written, /✓ connection_usage {2}critical +max = 0\.97/);
    assert.match(written, /→ decision: Pool exhausted\n$/);
  });

  it('draws a spinner naming running checks on a terminal and clears it when they finish', () => {
    let written = '';
    const renderer = createProgressRenderer({ write: (text: string) => (written += text) }, { tty: true });
    renderer.emit(events[1] as ProgressEvent);
    assert.match(written, /1 running: Connection usage/);
    renderer.emit(events[2] as ProgressEvent);
    renderer.stop();
    assert.ok(written.endsWith('\r\x1b[2K'), 'the spinner line is cleared');
  });
});
