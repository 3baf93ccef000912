import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Action, ActionOutcome, ApprovalGrant, PlannedAction } from '../../src/actions/types.ts';
import {
  type ApprovalPolicy,
  type ApprovalService,
  type Approver,
  createApprovalService,
} from '../../src/approvals/index.ts';
import { type AuditLog, type AuditRecord, openAuditLog, verifyAuditLog } from '../../src/audit/index.ts';
import { RunbookError } from '../../src/errors/index.ts';
import type { Risk } from '../../src/runbooks/schema.ts';
import { createStateStore, type StateStore } from '../../src/state/index.ts';
import { redisSkipReason, startRedis } from '../helpers/redis.ts';

const REQUESTER = 'U0REQUESTER';
const ALICE: Approver = { id: 'U0ALICE', via: 'slack' };
const BOB: Approver = { id: 'U0BOB', via: 'slack' };
const MALLORY: Approver = { id: 'U0MALLORY', via: 'slack' };
const policy: ApprovalPolicy = { approvers: [ALICE.id, BOB.id, 'S0ONCALL'], defaultTtlMs: 30 * 60_000 };

function plan(risk: Risk = 'medium'): PlannedAction {
  return {
    type: 'restart',
    target: 'deployment/production/checkout',
    description: 'Restart the checkout deployment',
    risk,
    mutates: true,
    dryRun: 'PATCH apps/v1 deployments/checkout {"spec":{"template":{"metadata":{"annotations":{}}}}}',
    spec: { type: 'restart', target: { kind: 'Deployment', name: 'checkout', namespace: 'production' } },
    rollback: { description: 'Pods restart again; nothing to undo' },
    hash: `hash-${risk}`,
  };
}

/** A recording fake of our own Action interface: it refuses a grant for another plan, like the real ones. */
function recordingAction(options: { delayMs?: number; failWith?: string } = {}) {
  const executions: Array<{ plan: PlannedAction; grant: ApprovalGrant }> = [];
  const action: Action<'restart'> = {
    type: 'restart',
    plan: async () => plan(),
    async execute(planned, grant): Promise<ActionOutcome> {
      if (grant.planHash !== planned.hash)
        throw new RunbookError('action.refused', 'grant is for another plan');
      executions.push({ plan: planned, grant });
      await sleep(options.delayMs ?? 30);
      if (options.failWith) throw new Error(options.failWith);
      return {
        status: 'succeeded',
        summary: 'deployment/checkout restarted',
        durationMs: options.delayMs ?? 30,
      };
    },
  };
  return { action, executions };
}

interface Harness {
  dir: string;
  clock: { now: Date };
  store: StateStore;
  audit: AuditLog;
  service: (overrides?: Partial<Parameters<typeof createApprovalService>[0]>) => ApprovalService;
  recorder: ReturnType<typeof recordingAction>;
  auditRecords: () => Promise<AuditRecord[]>;
  close: () => Promise<void>;
}

async function harness(recorder = recordingAction()): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'runbook-approvals-'));
  const clock = { now: new Date('2024-05-01T03:00:00.000Z') };
  const store = await createStateStore({ dataDir: dir });
  const audit = await openAuditLog(join(dir, 'audit.jsonl'));
  return {
    dir,
    clock,
    store,
    audit,
    recorder,
    service: (overrides = {}) =>
      createApprovalService({
        store,
        audit,
        actions: { restart: recorder.action },
        policy,
        now: () => clock.now,
        newId: randomUUID,
        ...overrides,
      }),
    auditRecords: async () =>
      (await readFile(join(dir, 'audit.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as AuditRecord),
    async close() {
      await store.close();
      await audit.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const ask = (service: ApprovalService, risk: Risk = 'medium', ttlMs?: number) =>
  service.request({
    runId: 'run-1',
    runbookId: 'bad-deploy',
    runbookVersion: '3',
    remediationId: 'restart-checkout',
    plan: plan(risk),
    requestedBy: REQUESTER,
    channel: 'C0INCIDENT',
    ...(ttlMs === undefined ? {} : { ttlMs }),
  });

describe('approval service over the embedded store', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('stores a pending request and audits it with the plan, risk and rollback', async () => {
    const request = await ask(h.service());
    assert.equal(request.status, 'pending');
    assert.equal(request.expiresAt, '2024-05-01T03:30:00.000Z');
    assert.deepEqual(await h.service().get(request.id), request);
    assert.ok((await h.service().listPending()).some((pending) => pending.id === request.id));
    const audited = (await h.auditRecords()).find(
      (r) => r.type === 'approval.requested' && (r.data as { approvalId: string }).approvalId === request.id,
    );
    assert.ok(audited);
    assert.equal(audited.actor, REQUESTER);
    assert.equal(audited.run_id, 'run-1');
    assert.equal(audited.runbook, 'bad-deploy');
    const data = audited.data as { risk: string; rollback: { description: string }; plan: { hash: string } };
    assert.equal(data.risk, 'medium');
    assert.equal(data.rollback.description, 'Pods restart again; nothing to undo');
    assert.equal(data.plan.hash, 'hash-medium');
  });

  it('executes once when the same approver clicks twice at once, bound to the plan hash', async () => {
    const service = h.service();
    const request = await ask(service);
    const before = h.recorder.executions.length;
    const [first, second] = await Promise.all([
      service.decide(request.id, 'approve', ALICE),
      service.decide(request.id, 'approve', ALICE),
    ]);
    const mine = h.recorder.executions.slice(before);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]?.grant.planHash, 'hash-medium');
    assert.equal(mine[0]?.grant.approvedBy, ALICE.id);
    const statuses = [first.status, second.status].sort();
    assert.ok(statuses.includes('executed'), statuses.join());
    const final = await service.get(request.id);
    assert.equal(final?.status, 'executed');
    assert.equal(final?.outcome?.summary, 'deployment/checkout restarted');
    assert.equal(final?.decidedBy, ALICE.id);
  });

  it('executes once for two approvers clicking at once, and a later identical click changes nothing', async () => {
    const service = h.service();
    const request = await ask(service);
    const before = h.recorder.executions.length;
    await Promise.all([
      service.decide(request.id, 'approve', ALICE),
      service.decide(request.id, 'approve', BOB),
    ]);
    const again = await service.decide(request.id, 'approve', BOB);
    assert.equal(h.recorder.executions.length - before, 1);
    assert.equal(again.status, 'executed');
    assert.equal(
      (await h.auditRecords()).filter(
        (r) => r.type === 'action.executed' && (r.data as { approvalId: string }).approvalId === request.id,
      ).length,
      1,
    );
  });

  it('denies without executing, and refuses a later approve', async () => {
    const service = h.service();
    const request = await ask(service);
    const before = h.recorder.executions.length;
    const denied = await service.decide(request.id, 'deny', BOB);
    assert.equal(denied.status, 'denied');
    assert.equal(denied.decidedBy, BOB.id);
    assert.equal((await service.decide(request.id, 'deny', ALICE)).status, 'denied');
    await assert.rejects(service.decide(request.id, 'approve', ALICE), { code: 'approval.already_decided' });
    assert.equal(h.recorder.executions.length, before);
  });

  it('lets exactly one of a racing approve and deny win', async () => {
    const service = h.service();
    const request = await ask(service);
    const before = h.recorder.executions.length;
    const results = await Promise.allSettled([
      service.decide(request.id, 'approve', ALICE),
      service.decide(request.id, 'deny', BOB),
    ]);
    const final = await service.get(request.id);
    assert.equal(results.filter((r) => r.status === 'rejected').length, 1);
    assert.equal(h.recorder.executions.length - before, final?.status === 'executed' ? 1 : 0);
    assert.ok(final?.status === 'executed' || final?.status === 'denied');
  });

  it('refuses and audits an approver who is not configured', async () => {
    const service = h.service();
    const request = await ask(service);
    await assert.rejects(service.decide(request.id, 'approve', MALLORY), { code: 'approval.unauthorized' });
    assert.equal((await service.get(request.id))?.status, 'pending');
    const refusal = (await h.auditRecords()).find(
      (r) => r.type === 'approval.refused' && (r.data as { approvalId: string }).approvalId === request.id,
    );
    assert.equal(refusal?.actor, MALLORY.id);
  });

  it('accepts a member of a configured user group, given by the click or resolved', async () => {
    const byClick = await ask(h.service());
    const viaGroup: Approver = { id: 'U0CAROL', groups: ['S0ONCALL'], via: 'slack' };
    assert.equal((await h.service().decide(byClick.id, 'approve', viaGroup)).status, 'executed');

    const resolved = h.service({
      resolveGroups: async (userId) => (userId === 'U0DAVE' ? ['S0ONCALL'] : []),
    });
    const byLookup = await ask(resolved);
    assert.equal(
      (await resolved.decide(byLookup.id, 'approve', { id: 'U0DAVE', via: 'slack' })).status,
      'executed',
    );
    await assert.rejects(
      resolved.decide((await ask(resolved)).id, 'approve', { id: 'U0ERIN', via: 'slack' }),
      {
        code: 'approval.unauthorized',
      },
    );
  });

  it('refuses a requester approving their own high-risk action, unless the policy allows it', async () => {
    const requesterAsApprover: Approver = { id: REQUESTER, via: 'slack' };
    const strict = h.service({ policy: { ...policy, approvers: [...policy.approvers, REQUESTER] } });
    const high = await ask(strict, 'high');
    await assert.rejects(strict.decide(high.id, 'approve', requesterAsApprover), {
      code: 'approval.unauthorized',
    });
    const low = await ask(strict, 'low');
    assert.equal((await strict.decide(low.id, 'approve', requesterAsApprover)).status, 'executed');
    assert.equal((await strict.decide(high.id, 'approve', ALICE)).status, 'executed');

    const lenient = h.service({
      policy: { ...policy, approvers: [...policy.approvers, REQUESTER], allowSelfApproveHighRisk: true },
    });
    const own = await ask(lenient, 'high');
    assert.equal((await lenient.decide(own.id, 'approve', requesterAsApprover)).status, 'executed');
  });

  it('lets the requester withdraw their own request even when not an approver', async () => {
    const request = await ask(h.service());
    const withdrawn = await h.service().decide(request.id, 'deny', { id: REQUESTER, via: 'slack' });
    assert.equal(withdrawn.status, 'denied');
  });

  it('expires a request by the injected clock, on a click and in expireDue', async () => {
    const service = h.service();
    const clicked = await ask(service, 'medium', 60_000);
    const swept = await ask(service, 'medium', 60_000);
    const fresh = await ask(service, 'medium', 10 * 60_000);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const before = h.recorder.executions.length;
    await assert.rejects(service.decide(clicked.id, 'approve', ALICE), { code: 'approval.expired' });
    assert.equal((await service.get(clicked.id))?.status, 'expired');
    const expired = await service.expireDue();
    assert.deepEqual(
      expired.map((r) => r.id),
      [swept.id],
    );
    assert.equal((await service.get(fresh.id))?.status, 'pending');
    await assert.rejects(service.decide(swept.id, 'approve', ALICE), { code: 'approval.expired' });
    assert.equal(h.recorder.executions.length, before);
    assert.ok((await h.auditRecords()).some((r) => r.type === 'approval.expired'));
  });

  it('records a failing action as failed with its reason', async () => {
    const failing = recordingAction({ failWith: 'deployments.apps "checkout" not found' });
    const service = h.service({ actions: { restart: failing.action } });
    const request = await ask(service);
    const final = await service.decide(request.id, 'approve', ALICE);
    assert.equal(final.status, 'failed');
    assert.match(final.outcome?.summary ?? '', /not found/);
    assert.equal(failing.executions.length, 1);
  });

  it('refuses to request an approval for an action type that is not configured', async () => {
    await assert.rejects(ask(h.service({ actions: {} })), { code: 'action.refused' });
  });

  it('remembers where the approval message was posted', async () => {
    const request = await ask(h.service());
    const updated = await h
      .service()
      .recordMessage(request.id, { channel: 'C0INCIDENT', messageTs: '1714532400.000100' });
    assert.equal(updated.messageTs, '1714532400.000100');
    assert.equal((await h.service().get(request.id))?.messageTs, '1714532400.000100');
  });

  it('reports an unknown approval as not found', async () => {
    await assert.rejects(h.service().decide('nope', 'approve', ALICE), { code: 'approval.not_found' });
  });

  it('leaves a valid audit chain behind', async () => {
    assert.equal((await verifyAuditLog(join(h.dir, 'audit.jsonl'))).ok, true);
  });
});

describe('approval service across restarts', () => {
  it('executes once when the process restarts between request and click', async (t) => {
    const recorder = recordingAction();
    const first = await harness(recorder);
    t.after(() => rm(first.dir, { recursive: true, force: true }));
    const request = await ask(first.service());
    await first.store.close();
    await first.audit.close();

    const reopen = async () => {
      const store = await createStateStore({ dataDir: first.dir });
      const audit = await openAuditLog(join(first.dir, 'audit.jsonl'));
      const service = createApprovalService({
        store,
        audit,
        actions: { restart: recorder.action },
        policy,
        now: () => first.clock.now,
        newId: randomUUID,
      });
      return { service, close: async () => Promise.all([store.close(), audit.close()]) };
    };
    const [a, b] = [await reopen(), await reopen()];
    const results = await Promise.all([
      a.service.decide(request.id, 'approve', ALICE),
      b.service.decide(request.id, 'approve', BOB),
    ]);
    await Promise.all([a.close(), b.close()]);
    assert.equal(recorder.executions.length, 1);
    assert.ok(results.some((r) => r.status === 'executed'));
    const restarted = await reopen();
    assert.equal((await restarted.service.decide(request.id, 'approve', ALICE)).status, 'executed');
    await restarted.close();
    assert.equal(recorder.executions.length, 1);
    assert.deepEqual(await verifyAuditLog(join(first.dir, 'audit.jsonl')), {
      ok: true,
      records: (await readFile(join(first.dir, 'audit.jsonl'), 'utf8')).trim().split('\n').length,
    });
  });
});

const skip = redisSkipReason();
describe('approval service on two replicas sharing Redis', { skip: skip ?? false }, () => {
  it('executes once when both replicas take the same click', async (t) => {
    const redis = await startRedis();
    const dir = await mkdtemp(join(tmpdir(), 'runbook-approvals-redis-'));
    const recorder = recordingAction({ delayMs: 50 });
    const replicas = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const store = await createStateStore({ dataDir: dir, redisUrl: redis.url, namespace: 'replicas' });
        const audit = await openAuditLog(join(dir, `audit-${name}.jsonl`));
        const service = createApprovalService({
          store,
          audit,
          actions: { restart: recorder.action },
          policy,
          now: () => new Date(),
          newId: randomUUID,
        });
        return { service, close: () => Promise.all([store.close(), audit.close()]) };
      }),
    );
    t.after(async () => {
      for (const replica of replicas) await replica.close();
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    });
    const [a, b] = replicas as [(typeof replicas)[0], (typeof replicas)[0]];
    for (let round = 0; round < 5; round += 1) {
      const request = await ask(a.service);
      const clicks = Array.from({ length: 6 }, (_, i) =>
        (i % 2 === 0 ? a : b).service.decide(request.id, 'approve', i % 3 === 0 ? ALICE : BOB),
      );
      await Promise.all(clicks);
      assert.equal(recorder.executions.length, round + 1, `round ${round}`);
      assert.equal((await b.service.get(request.id))?.status, 'executed');
    }
  });
});
