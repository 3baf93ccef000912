import { setTimeout as sleep } from 'node:timers/promises';
import type { ActionRegistry, ApprovalGrant } from '../actions/types.ts';
import type { AuditLog } from '../audit/index.ts';
import { RunbookError } from '../errors/index.ts';
import type { StateStore } from '../state/index.ts';
import { approvalRecords, decisionSlotKey, retentionMs } from './approval-records.ts';
import { autonomyRefusal } from './autonomy-refusal.ts';
import { refusalReason } from './check-approver.ts';
import { executePlan } from './execute-plan.ts';
import type { ApprovalPolicy, ApprovalRequest, ApprovalService, ApprovalStatus, Approver } from './types.ts';

export interface ApprovalServiceDeps {
  store: StateStore;
  audit: AuditLog;
  actions: ActionRegistry;
  policy: ApprovalPolicy;
  now: () => Date;
  newId: () => string;
  /** The user groups (`S…`) a user belongs to, when the approver list names groups (Slack `usergroups.users.list`). */
  resolveGroups?: (userId: string) => Promise<string[]>;
}

type Decision = 'approve' | 'deny';

/** How long a losing click waits for the winning one to record its decision. */
const RACE_WAIT_MS = 3000;
const RACE_POLL_MS = 20;

const STATUSES_AFTER: Record<Decision, readonly ApprovalStatus[]> = {
  approve: ['approved', 'executed', 'failed'],
  deny: ['denied'],
};

function refused(
  code: 'approval.expired' | 'approval.already_decided',
  request: ApprovalRequest,
): RunbookError {
  if (code === 'approval.expired') {
    return new RunbookError(
      code,
      `approval ${request.id} expired at ${request.expiresAt}; re-run the remediation to ask again`,
    );
  }
  const by = request.decidedBy ? ` by ${request.decidedBy}` : '';
  const at = request.decidedAt ? ` at ${request.decidedAt}` : '';
  return new RunbookError(code, `approval ${request.id} was already ${request.status}${by}${at}`);
}

/**
 * Approval requests and their decisions. A decision first claims the request's one decision slot
 * (`store.claim`, set-if-absent, not a lock): whoever gets it decides, so double clicks, Slack
 * retries, a restart between request and click, and several replicas execute the action at most
 * once. A crash after the claim leaves the request `approved` without an outcome: it is never
 * retried automatically, because running a mutation twice is worse than asking a person to look.
 */
export function createApprovalService(deps: ApprovalServiceDeps): ApprovalService {
  const { store, audit, actions, policy, now } = deps;
  const records = approvalRecords(store, now);

  const record = (request: ApprovalRequest, type: string, actor: string, data: Record<string, unknown>) =>
    audit.append({
      type,
      actor,
      run_id: request.runId,
      runbook: request.runbookId,
      version: request.runbookVersion,
      data: { approvalId: request.id, target: request.plan.target, ...data },
    });

  const isOverdue = (request: ApprovalRequest) => now().getTime() >= Date.parse(request.expiresAt);

  /** Marks an overdue request expired if nobody decided it first; returns the latest copy. */
  const expire = async (request: ApprovalRequest, noticedBy: string): Promise<ApprovalRequest> => {
    const won = await store.claim(
      decisionSlotKey(request.id),
      retentionMs(request, now().getTime()),
      'expire',
    );
    if (!won) return records.load(request.id);
    const expired = await records.update(request.id, { status: 'expired', decidedAt: now().toISOString() });
    await record(expired, 'approval.expired', noticedBy, { expiresAt: request.expiresAt });
    return expired;
  };

  /** A click on a request that is no longer pending: the same decision again is a no-op, anything else is refused. */
  const settle = async (current: ApprovalRequest, decision: Decision, approver: Approver) => {
    if (STATUSES_AFTER[decision].includes(current.status)) {
      await record(current, 'approval.repeated', approver.id, {
        decision,
        status: current.status,
        via: approver.via,
      });
      return current;
    }
    const code = current.status === 'expired' ? 'approval.expired' : 'approval.already_decided';
    await record(current, 'approval.refused', approver.id, {
      decision,
      reason: code,
      status: current.status,
    });
    throw refused(code, current);
  };

  /** Lost the claim to another click or replica: wait for its decision to be recorded, then settle. */
  const afterLostClaim = async (id: string, decision: Decision, approver: Approver) => {
    const deadline = Date.now() + RACE_WAIT_MS;
    let current = await records.load(id);
    while (current.status === 'pending' && Date.now() < deadline) {
      await sleep(RACE_POLL_MS);
      current = await records.load(id);
    }
    if (current.status !== 'pending') return settle(current, decision, approver);
    const winner = await store.get<string>(decisionSlotKey(id));
    if (typeof winner === 'string' && winner.startsWith(`${decision}:`)) return current;
    await record(current, 'approval.refused', approver.id, { decision, reason: 'approval.already_decided' });
    throw new RunbookError('approval.already_decided', `approval ${id} is being decided by another click`);
  };

  const approveAndExecute = async (request: ApprovalRequest, approver: Approver) => {
    const decidedAt = now().toISOString();
    const approved = await records.update(request.id, {
      status: 'approved',
      decidedBy: approver.id,
      decidedAt,
    });
    await record(approved, 'approval.approved', approver.id, {
      planHash: request.plan.hash,
      via: approver.via,
    });
    const grant: ApprovalGrant = {
      approvalId: request.id,
      planHash: request.plan.hash,
      approvedBy: approver.id,
      approvedAt: decidedAt,
    };
    const outcome = await executePlan(actions, request.plan, grant, now);
    const final = await records.update(request.id, {
      status: outcome.status === 'succeeded' ? 'executed' : 'failed',
      outcome,
    });
    await record(final, 'action.executed', approver.id, {
      actionType: request.plan.type,
      planHash: request.plan.hash,
      risk: request.plan.risk,
      ...outcome,
    });
    return final;
  };

  return {
    async request(input) {
      if (!actions[input.plan.type]) {
        throw new RunbookError(
          'action.refused',
          `remediation ${input.remediationId}: no "${input.plan.type}" action is configured, so it cannot be approved`,
        );
      }
      const ttlMs = input.ttlMs ?? policy.defaultTtlMs;
      const requestedAt = now();
      const request: ApprovalRequest = {
        id: deps.newId(),
        runId: input.runId,
        runbookId: input.runbookId,
        runbookVersion: input.runbookVersion,
        remediationId: input.remediationId,
        plan: input.plan,
        requestedBy: input.requestedBy,
        requestedAt: requestedAt.toISOString(),
        expiresAt: new Date(requestedAt.getTime() + ttlMs).toISOString(),
        status: 'pending',
        ...(input.channel === undefined ? {} : { channel: input.channel }),
        ...(input.autonomy === undefined ? {} : { autonomy: input.autonomy }),
      };
      // Audited before it exists: nothing can be approved that the log does not show.
      await record(request, 'approval.requested', request.requestedBy, {
        remediationId: request.remediationId,
        expiresAt: request.expiresAt,
        risk: request.plan.risk,
        rollback: request.plan.rollback,
        plan: request.plan,
        ...(request.autonomy === undefined ? {} : { autonomy: request.autonomy }),
      });
      return records.save(request);
    },

    async decide(approvalId, decision, approver) {
      const request = await records.load(approvalId);
      const reason =
        approver.via === 'autonomy'
          ? autonomyRefusal(request, decision)
          : await refusalReason(request, decision, approver, policy, deps.resolveGroups);
      if (reason) {
        await record(request, 'approval.refused', approver.id, { decision, reason, via: approver.via });
        throw new RunbookError('approval.unauthorized', `approval ${approvalId}: ${reason}`);
      }
      if (request.status !== 'pending') return settle(request, decision, approver);
      if (isOverdue(request)) {
        const latest = await expire(request, approver.id);
        if (latest.status === 'expired') throw refused('approval.expired', latest);
        return settle(latest, decision, approver);
      }
      const slot = decisionSlotKey(approvalId);
      const won = await store.claim(
        slot,
        retentionMs(request, now().getTime()),
        `${decision}:${approver.id}`,
      );
      if (!won) return afterLostClaim(approvalId, decision, approver);
      if (decision === 'approve') return approveAndExecute(request, approver);
      const denied = await records.update(approvalId, {
        status: 'denied',
        decidedBy: approver.id,
        decidedAt: now().toISOString(),
      });
      await record(denied, 'approval.denied', approver.id, { via: approver.via });
      return denied;
    },

    get: (approvalId) => records.find(approvalId),

    listPending: async () => (await records.list()).filter((request) => request.status === 'pending'),

    async expireDue() {
      const overdue = (await records.list()).filter((r) => r.status === 'pending' && isOverdue(r));
      const results = await Promise.all(overdue.map((request) => expire(request, 'runbook')));
      return results.filter((request) => request.status === 'expired');
    },

    recordMessage: (approvalId, message) =>
      records.update(approvalId, { channel: message.channel, messageTs: message.messageTs }),
  };
}
