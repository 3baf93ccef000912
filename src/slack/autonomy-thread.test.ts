import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAutoApproval, renderAutoApproved, UNDO_ACTION_ID } from './autonomy-thread.ts';
import { approvalCard, renderApprovalRequest } from './render-approval.ts';

describe('earned autonomy in Slack', () => {
  it('announces an auto-approval with its record and an Undo button', () => {
    const message = renderAutoApproved(
      'ap-1',
      'approved 12 times, validated 12/12',
      'restart deployment/prod/web',
    );
    const text = JSON.stringify(message.blocks);
    assert.match(text, /Auto-approved/);
    assert.match(text, /approved 12 times, validated 12\/12/);
    assert.match(text, new RegExp(`"action_id":"${UNDO_ACTION_ID}"`));
    assert.match(text, /"value":"ap-1"/);
  });

  it('recognises only decisions taken by earned autonomy', () => {
    const base = {
      type: 'approval.decided' as const,
      runId: 'r',
      at: '',
      approvalId: 'a',
      decision: 'approved' as const,
    };
    assert.equal(isAutoApproval({ ...base, actor: 'runbook:autonomy' }), true);
    assert.equal(isAutoApproval({ ...base, actor: 'U0BOB' }), false);
  });

  it('shows the track record on the approval message', () => {
    const card = approvalCard('ap-2', undefined, {
      id: 'ap-2',
      runId: 'r',
      runbookId: 'db',
      runbookVersion: '1',
      remediationId: 'restart',
      plan: {
        type: 'restart',
        target: 'deployment/prod/web',
        description: 'restart web',
        risk: 'medium',
        mutates: true,
        dryRun: 'kubectl rollout restart',
        spec: { type: 'restart', target: { kind: 'Deployment', name: 'web', namespace: 'prod' } },
        rollback: { description: 'none needed' },
        hash: 'h',
      },
      requestedBy: 'U0ALICE',
      requestedAt: '2026-01-01T00:00:00Z',
      expiresAt: '2026-01-01T00:30:00Z',
      status: 'pending',
      autonomy: {
        record: { approved: 3, validated: 3, validatedPassed: 2, streak: 0 },
        eligible: false,
        reason: '0 of 2 validated approvals needed since the last failure',
      },
    });
    assert.match(
      JSON.stringify(renderApprovalRequest(card).blocks),
      /Track record: approved 3 times, validated 2\/3/,
    );
  });
});
