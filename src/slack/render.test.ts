import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlannedAction } from '../actions/types.ts';
import { createRedactor } from '../audit/index.ts';
import type { ProgressEvent } from '../engine/events.ts';
import { BLOCK_LIMITS } from './block-limits.ts';
import { redactMessage } from './redact-message.ts';
import { approvalCard, renderApprovalRequest, renderApprovalResult } from './render-approval.ts';
import { renderEventReply } from './render-event.ts';
import { renderParentMessage } from './render-parent.ts';
import type { SlackMessage } from './render-text.ts';
import { emptyRunView, reduceRunView } from './run-view.ts';

const at = '2024-05-01T03:00:00.000Z';
const runId = 'run-1';

function assertWithinLimits(message: SlackMessage): void {
  assert.ok(message.blocks.length <= BLOCK_LIMITS.blocksPerMessage);
  assert.ok(JSON.stringify(message.blocks).length <= BLOCK_LIMITS.messageChars, 'under ~12k characters');
  assert.ok(message.text.length <= BLOCK_LIMITS.fallbackText);
  for (const block of message.blocks) {
    if (block.type === 'section' && block.text) assert.ok(block.text.text.length <= BLOCK_LIMITS.sectionText);
    if (block.type === 'actions') {
      for (const element of block.elements) {
        if (element.type !== 'button') continue;
        assert.ok(element.text.text.length <= BLOCK_LIMITS.buttonText);
        assert.ok((element.value ?? '').length <= BLOCK_LIMITS.buttonValue);
      }
    }
  }
}

const plan: PlannedAction = {
  type: 'restart',
  target: 'deployment/production/checkout',
  description: 'restart deployment/production/checkout',
  risk: 'high',
  mutates: true,
  dryRun: `PATCH /apis/apps/v1/namespaces/production/deployments/checkout\n${'{"spec":1}'.repeat(800)}`,
  spec: { type: 'restart', target: { kind: 'Deployment', name: 'checkout', namespace: 'production' } },
  rollback: { description: 'pods restart on their own' },
  hash: 'abc',
};

describe('rendering for Slack', () => {
  it('truncates huge evidence with a note instead of producing a message Slack would reject', () => {
    const event: ProgressEvent = {
      type: 'check.finished',
      runId,
      at,
      outcome: {
        checkId: 'logs',
        name: 'Error logs',
        diagnosticType: 'log_search',
        health: 'critical',
        value: 1234,
        summary: 'ERROR connection refused\n'.repeat(2000),
        query: 'q'.repeat(10_000),
        durationMs: 12,
      },
    };
    const message = renderEventReply(event, emptyRunView(runId));
    assert.ok(message);
    assertWithinLimits(message);
    assert.match(JSON.stringify(message.blocks), /truncated/);
  });

  it('escapes text from checks so it cannot ping a channel or forge a link', () => {
    const message = renderEventReply(
      {
        type: 'hypothesis.pruned',
        runId,
        at,
        hypothesisId: 'h1',
        reason: 'log said <!channel> <https://evil|click>',
      },
      emptyRunView(runId),
    );
    const text = JSON.stringify(message?.blocks);
    assert.equal(text.includes('<!channel>'), false);
    assert.match(text, /&lt;!channel&gt;/);
  });

  it('shows operation, target, risk, the exact dry run, rollback and both buttons on an approval request', () => {
    const message = renderApprovalRequest(approvalCard('appr-1', undefined, undefined));
    assert.match(JSON.stringify(message.blocks), /approval_approve/);
    const full = renderApprovalRequest({
      approvalId: 'appr-1',
      name: 'Restart checkout',
      risk: 'high',
      plan,
      rollback: 'pods restart on their own',
    });
    const text = JSON.stringify(full.blocks);
    for (const part of [
      'restart',
      'deployment/production/checkout',
      'high',
      'PATCH /apis/apps/v1',
      'pods restart on their own',
      'approval_deny',
    ]) {
      assert.ok(text.includes(part), part);
    }
    assert.match(text, /"confirm"/, 'a high-risk approval asks for confirmation');
    assertWithinLimits(full);
  });

  it('drops the buttons once decided and says who, and the result', () => {
    const card = { approvalId: 'appr-1', name: 'Restart checkout', risk: 'medium' as const, plan };
    const message = renderApprovalResult(card, {
      status: 'executed',
      decidedBy: 'U0BOB',
      decidedAt: at,
      outcome: { status: 'succeeded', summary: 'restarted', durationMs: 40 },
    });
    const text = JSON.stringify(message.blocks);
    assert.equal(
      message.blocks.some((block) => block.type === 'actions'),
      false,
    );
    assert.match(text, /Approved and executed\* by <@U0BOB>/);
    assert.match(text, /restarted/);
  });

  it('keeps the parent message current: counters, hypotheses and the conclusion', () => {
    const events: ProgressEvent[] = [
      {
        type: 'run.started',
        runId,
        at,
        kind: 'investigation',
        target: 'checkout',
        params: {},
        actor: 'U0ALICE',
      },
      {
        type: 'hypothesis.formed',
        runId,
        at,
        hypothesis: {
          id: 'h1',
          category: 'bad-deploy',
          statement: 'a deploy broke it',
          checks: ['c1'],
          confidence: 0.4,
          status: 'open',
        },
      },
      { type: 'check.started', runId, at, checkId: 'c1', name: 'Rollouts', diagnosticType: 'kubernetes' },
      {
        type: 'check.finished',
        runId,
        at,
        outcome: {
          checkId: 'c1',
          name: 'Rollouts',
          diagnosticType: 'kubernetes',
          health: 'critical',
          value: 1,
          summary: 'new rollout',
          durationMs: 3,
        },
      },
      {
        type: 'run.finished',
        runId,
        at: '2024-05-01T03:01:05.000Z',
        status: 'completed',
        summary: 'done',
        durationMs: 65_000,
      },
    ];
    const view = events.reduce(reduceRunView, emptyRunView(runId));
    const message = renderParentMessage(view, new Date('2024-05-01T04:00:00.000Z'));
    const text = JSON.stringify(message.blocks);
    assert.match(text, /completed\* · 1m 05s/, 'elapsed stops at the finish');
    assert.match(text, /1\/1 checks · 1 critical/);
    assert.match(text, /40% a deploy broke it/);
    assert.match(text, /<@U0ALICE>/);
  });

  it('redacts every human-readable string but leaves button ids and values intact', () => {
    const secret = 'hunter2-very-secret';
    const redactor = createRedactor([secret]);
    const message = renderApprovalRequest({
      approvalId: 'appr-9',
      name: `restart with ${secret}`,
      risk: 'low',
      plan: { ...plan, dryRun: `PASSWORD=${secret}` },
    });
    const safe = redactMessage(message, redactor.redactText);
    assert.equal(JSON.stringify(safe).includes(secret), false);
    assert.match(JSON.stringify(safe.blocks), /"value":"appr-9"/);
    assert.match(JSON.stringify(safe.blocks), /"action_id":"approval_approve"/);
  });
});
