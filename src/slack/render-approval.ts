import type { ActionOutcome, PlannedAction } from '../actions/types.ts';
import { describeRecord } from '../approvals/index.ts';
import type { ApprovalRequest, ApprovalStatus } from '../approvals/types.ts';
import type { RecommendedRemediation } from '../engine/events.ts';
import type { Risk } from '../runbooks/schema.ts';
import { BLOCK_LIMITS, codeBlock, fitBlocks, truncateText } from './block-limits.ts';
import {
  actorLabel,
  context,
  escapeText,
  fallback,
  fields,
  header,
  type KnownBlock,
  RISK_EMOJI,
  type SlackMessage,
  section,
  slackDate,
} from './render-text.ts';

export const APPROVE_ACTION_ID = 'approval_approve';
export const DENY_ACTION_ID = 'approval_deny';

/** Everything an approval message shows; built from the ApprovalRequest or, failing that, the proposal. */
export interface ApprovalCard {
  approvalId: string;
  name: string;
  risk: Risk;
  plan?: PlannedAction;
  rollback?: string;
  requestedBy?: string;
  expiresAt?: string;
  /** Earned autonomy's track record ("approved 12 times, validated 12/12") and verdict. */
  track?: string;
}

export function approvalCard(
  approvalId: string,
  remediation: RecommendedRemediation | undefined,
  request: ApprovalRequest | undefined,
): ApprovalCard {
  const plan = request?.plan ?? remediation?.plan;
  const rollback = plan?.rollback.description ?? remediation?.rollback;
  return {
    approvalId,
    name: remediation?.name ?? plan?.description ?? request?.remediationId ?? approvalId,
    risk: plan?.risk ?? remediation?.risk ?? 'high',
    ...(plan ? { plan } : {}),
    ...(rollback ? { rollback } : {}),
    ...(request ? { requestedBy: request.requestedBy, expiresAt: request.expiresAt } : {}),
    ...(request?.autonomy
      ? { track: `${describeRecord(request.autonomy.record)} (${request.autonomy.reason})` }
      : {}),
  };
}

function describe(card: ApprovalCard): KnownBlock[] {
  const pairs: Array<[string, string]> = [
    [
      'Operation',
      card.plan ? `\`${card.plan.type}\`: ${escapeText(card.plan.description)}` : escapeText(card.name),
    ],
    ['Target', card.plan ? `\`${escapeText(card.plan.target)}\`` : 'see the dry run'],
    ['Risk', RISK_EMOJI[card.risk]],
  ];
  if (card.requestedBy) pairs.push(['Requested by', actorLabel(card.requestedBy)]);
  const blocks: KnownBlock[] = [fields(pairs)];
  if (card.plan)
    blocks.push(section(`*Dry run* (exactly what will run)\n${codeBlock(card.plan.dryRun, 2800)}`));
  blocks.push(
    section(
      `*Rollback*\n${card.rollback ? escapeText(card.rollback) : '_none known: think before approving_'}`,
    ),
  );
  if (card.track) blocks.push(context(`:chart_with_upwards_trend: Track record: ${escapeText(card.track)}`));
  return blocks;
}

/** The request: operation, target, risk, dry run, rollback and the Approve / Deny buttons. */
export function renderApprovalRequest(card: ApprovalCard): SlackMessage {
  const value = truncateText(card.approvalId, BLOCK_LIMITS.buttonValue);
  const approve = {
    type: 'button' as const,
    action_id: APPROVE_ACTION_ID,
    text: { type: 'plain_text' as const, text: truncateText('Approve', BLOCK_LIMITS.buttonText) },
    style: 'primary' as const,
    value,
    ...(card.risk === 'high'
      ? {
          confirm: {
            title: { type: 'plain_text' as const, text: 'High-risk action' },
            text: { type: 'mrkdwn' as const, text: truncateText(`Run ${escapeText(card.name)} now?`, 300) },
            confirm: { type: 'plain_text' as const, text: 'Approve' },
            deny: { type: 'plain_text' as const, text: 'Cancel' },
          },
        }
      : {}),
  };
  const deny = {
    type: 'button' as const,
    action_id: DENY_ACTION_ID,
    text: { type: 'plain_text' as const, text: 'Deny' },
    style: 'danger' as const,
    value,
  };
  const blocks: KnownBlock[] = [
    header(`Approval needed: ${card.name}`),
    ...describe(card),
    { type: 'actions', block_id: `approval:${value.slice(0, 200)}`, elements: [approve, deny] },
  ];
  blocks.push(
    context(
      `approval \`${escapeText(card.approvalId)}\`${card.expiresAt ? ` · expires ${slackDate(card.expiresAt)}` : ''}`,
    ),
  );
  return { text: fallback(`Approval needed: ${card.name} (${card.risk} risk)`), blocks: fitBlocks(blocks) };
}

const STATUS_LINE: Record<ApprovalStatus, string> = {
  pending: ':hourglass_flowing_sand: Pending',
  approved: ':white_check_mark: Approved',
  denied: ':no_entry: Denied',
  expired: ':hourglass: Expired',
  executed: ':white_check_mark: Approved and executed',
  failed: ':x: Approved; the action failed',
};

export interface ApprovalResult {
  status: ApprovalStatus;
  decidedBy?: string;
  decidedAt?: string;
  outcome?: ActionOutcome;
}

/** The same message after a decision: who, when, the action's result; no buttons. */
export function renderApprovalResult(card: ApprovalCard, result: ApprovalResult): SlackMessage {
  const who = result.decidedBy ? ` by ${actorLabel(result.decidedBy)}` : '';
  const when = result.decidedAt ? ` at ${slackDate(result.decidedAt)}` : '';
  const blocks: KnownBlock[] = [
    header(`${card.name}`),
    section(`*${STATUS_LINE[result.status]}*${who}${when}`),
  ];
  blocks.push(...describe(card));
  if (result.outcome) {
    const outcome = result.outcome;
    blocks.push(
      section(
        `*Result:* ${outcome.status === 'succeeded' ? ':white_check_mark:' : ':x:'} ${escapeText(outcome.summary)} _(${outcome.durationMs} ms)_`,
      ),
    );
    if (outcome.output) blocks.push(section(codeBlock(outcome.output, 2000)));
    if (outcome.undo) blocks.push(context(`To undo: ${escapeText(outcome.undo.description)}`));
  }
  blocks.push(context(`approval \`${escapeText(card.approvalId)}\``));
  return {
    text: fallback(
      `${card.name}: ${STATUS_LINE[result.status]}${result.decidedBy ? ` by ${result.decidedBy}` : ''}`,
    ),
    blocks: fitBlocks(blocks),
  };
}
