import assert from 'node:assert/strict';
import { it } from 'node:test';
import { refusalReason } from './check-approver.ts';
import type { ApprovalPolicy, ApprovalRequest } from './types.ts';

const request = (risk: 'low' | 'high') =>
  ({ id: 'a1', requestedBy: 'U0REQ', plan: { risk } }) as unknown as ApprovalRequest;
const policy: ApprovalPolicy = { approvers: ['U0ALICE', 'S0ONCALL'], defaultTtlMs: 1 };

it('fails closed when no approvers are configured', async () => {
  const reason = await refusalReason(
    request('low'),
    'approve',
    { id: 'U0ALICE', via: 'slack' },
    { ...policy, approvers: [] },
    undefined,
  );
  assert.match(reason ?? '', /RUNBOOK_APPROVERS/);
});

it('asks the group resolver only when the user is not already allowed', async () => {
  const asked: string[] = [];
  const resolve = async (id: string) => {
    asked.push(id);
    return ['S0ONCALL'];
  };
  assert.equal(
    await refusalReason(request('low'), 'approve', { id: 'U0ALICE', via: 'slack' }, policy, resolve),
    undefined,
  );
  assert.equal(
    await refusalReason(request('low'), 'approve', { id: 'U0BOB', via: 'cli' }, policy, resolve),
    undefined,
  );
  assert.deepEqual(asked, ['U0BOB']);
});

it('names the reason a requester may not approve their own high-risk action', async () => {
  const own = { ...policy, approvers: ['U0REQ'] };
  const reason = await refusalReason(
    request('high'),
    'approve',
    { id: 'U0REQ', via: 'slack' },
    own,
    undefined,
  );
  assert.match(reason ?? '', /another approver must/);
  assert.equal(
    await refusalReason(request('high'), 'deny', { id: 'U0REQ', via: 'slack' }, own, undefined),
    undefined,
  );
});
