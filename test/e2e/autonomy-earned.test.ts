import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Action, ActionOutcome, PlannedAction } from '../../src/actions/types.ts';
import {
  type ApprovalService,
  AUTONOMY_APPROVER,
  createApprovalService,
  createAutonomyAdvisor,
  requestUndo,
} from '../../src/approvals/index.ts';
import { type AuditLog, openAuditLog } from '../../src/audit/index.ts';
import { createRunbookCatalog } from '../../src/runbooks/index.ts';
import { createRunService, type RunService } from '../../src/runs/index.ts';
import { createMemoryStateStore } from '../../src/state/index.ts';
import { DB_RUNBOOK, fixedPrometheus } from '../fakes/slack-stack.ts';

const AUTONOMOUS_RUNBOOK = DB_RUNBOOK.replace(
  '    rollback: pods restart on their own\n',
  '    rollback: pods restart on their own\n    autoApprove: {maxRisk: medium, after: 2}\n',
);

describe('earned autonomy', () => {
  let dir: string;
  let runs: RunService;
  let audit: AuditLog;
  const values = new Map([
    ['pg_usage', 0.97],
    ['errors', 1],
  ]);
  let restartFixes = true;
  let approvals: ApprovalService;
  let actions: { restart: Action<'restart'> };
  const executed: PlannedAction[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'runbook-autonomy-'));
    await mkdir(join(dir, 'runbooks'));
    await writeFile(join(dir, 'runbooks', 'db-connections.yaml'), AUTONOMOUS_RUNBOOK);
    const catalog = await createRunbookCatalog(join(dir, 'runbooks'));
    assert.deepEqual(catalog.issues, []);
    const store = createMemoryStateStore();
    audit = await openAuditLog(join(dir, 'audit.jsonl'));
    const restart: Action<'restart'> = {
      type: 'restart',
      async plan(spec, risk) {
        const target = `deployment/${spec.target.namespace}/${spec.target.name}`;
        return {
          type: 'restart',
          target,
          description: `restart ${target}`,
          risk,
          mutates: true,
          dryRun: `kubectl rollout restart ${target}`,
          spec,
          rollback: {
            description: 'pods restart on their own',
            ...(spec.target.name === 'payment-service' ? {} : { action: spec }),
          },
          hash: `h-${target}`,
        };
      },
      async execute(planned): Promise<ActionOutcome> {
        executed.push(planned);
        // The restart "fixes" the pool, so the validation that follows passes (unless told otherwise).
        if (restartFixes) values.set('pg_usage', 0.3);
        return { status: 'succeeded', summary: `restarted ${planned.target}`, durationMs: 1 };
      },
    };
    let seq = 0;
    const now = () => new Date();
    const providers = { prometheus_query: fixedPrometheus(values) };
    actions = { restart };
    approvals = createApprovalService({
      store,
      audit,
      actions,
      policy: { approvers: ['U0BOB'], defaultTtlMs: 600_000 },
      now,
      newId: () => `ap-${++seq}`,
    });
    runs = createRunService({
      catalog,
      providers,
      actions,
      approvals,
      audit,
      store,
      now,
      newId: () => `run-${++seq}`,
      autonomy: createAutonomyAdvisor(audit.path),
    });
  });
  after(async () => {
    await runs.close();
    await audit.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function runOnce() {
    values.set('pg_usage', 0.97);
    const handle = await runs.startRunbook({
      runbookId: 'db-connections',
      params: {},
      actor: 'U0ALICE',
      origin: { source: 'slack' },
    });
    const record = await handle.done;
    const approvalId = record.approvalIds[0];
    assert.ok(approvalId, 'the restart was proposed');
    return { record, approvalId };
  }

  it('waits for a person until the remediation has earned it, showing its record', async () => {
    for (let round = 0; round < 2; round += 1) {
      const { record, approvalId } = await runOnce();
      assert.ok(!record.events.some((e) => e.type === 'approval.decided'), 'nothing decided by itself yet');
      const refused = runs.decideApproval(approvalId, 'approve', AUTONOMY_APPROVER);
      await assert.rejects(refused, /has not earned autonomy/);
      const decided = await runs.decideApproval(approvalId, 'approve', { id: 'U0BOB', via: 'slack' });
      assert.equal(decided.status, 'executed');
      assert.equal(decided.autonomy?.record.streak, round);
    }
    const after = await runs.get((await runs.list({ limit: 1 }))[0]?.id ?? '');
    assert.ok(after?.events.some((e) => e.type === 'validation.finished' && e.passed));
  });

  it('approves the next run by itself, reported and audited as earned autonomy', async () => {
    const { record, approvalId } = await runOnce();
    const decided = record.events.find((e) => e.type === 'approval.decided');
    assert.ok(decided && decided.type === 'approval.decided');
    assert.equal(decided.actor, 'runbook:autonomy');
    assert.ok(record.events.some((e) => e.type === 'validation.finished' && e.passed));
    assert.equal(executed.length, 3);
    const lines = (await readFile(audit.path, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const approved = lines.find((l) => l.type === 'approval.approved' && l.data.approvalId === approvalId);
    assert.equal(approved?.actor, 'runbook:autonomy');
    assert.equal(approved?.data.via, 'autonomy');
    const requested = lines.find((l) => l.type === 'approval.requested' && l.data.approvalId === approvalId);
    assert.equal(requested?.data.autonomy.eligible, true);
    assert.deepEqual(requested?.data.autonomy.record, {
      approved: 2,
      validated: 2,
      validatedPassed: 2,
      streak: 2,
    });
  });

  it('resets after a failed validation: the next run waits for a person again', async () => {
    restartFixes = false;
    const failing = await runOnce();
    assert.ok(failing.record.events.some((e) => e.type === 'validation.finished' && !e.passed));
    restartFixes = true;
    const { record } = await runOnce();
    assert.ok(!record.events.some((e) => e.type === 'approval.decided'), 'waits for a person');
    const requested = (await readFile(audit.path, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((l) => l.type === 'approval.requested')
      .at(-1);
    assert.deepEqual(requested?.data.autonomy.record, {
      approved: 4,
      validated: 4,
      validatedPassed: 3,
      streak: 0,
    });
    assert.equal(requested?.data.autonomy.eligible, false);
  });

  it('Undo proposes the inverse for a person to approve, or says why it cannot', async () => {
    const [latest] = await runs.list({ limit: 1 });
    const approvalId = latest?.approvalIds[0] ?? '';
    await assert.rejects(
      requestUndo({ approvals, actions }, approvalId, 'U0CAROL'),
      /undo it by hand: pods restart/,
    );
    const original = await approvals.request({
      runId: latest?.id ?? '',
      runbookId: 'db-connections',
      runbookVersion: '1',
      remediationId: 'restart-app',
      plan: await actions.restart.plan(
        { type: 'restart', target: { kind: 'Deployment', name: 'checkout', namespace: 'production' } },
        'medium',
      ),
      requestedBy: 'U0ALICE',
    });
    const undo = await requestUndo({ approvals, actions }, original.id, 'U0CAROL');
    assert.equal(undo.status, 'pending');
    assert.equal(undo.remediationId, 'restart-app.undo');
    assert.equal(undo.requestedBy, 'U0CAROL');
    assert.equal(undo.autonomy, undefined);
  });
});
