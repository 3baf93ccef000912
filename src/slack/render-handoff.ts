import type { HandoffSummary } from './build-handoff.ts';
import type { SlackMessage } from './render-text.ts';
import {
  actorLabel,
  context,
  escapeText,
  fallback,
  header,
  type KnownBlock,
  RISK_EMOJI,
  STATUS_EMOJI,
  section,
  slackDate,
} from './render-text.ts';

/** At most this many lines per section: the handoff is read at shift change, not audited. */
const MAX_LINES = 10;

function list(lines: string[], empty: string): string {
  if (lines.length === 0) return `_${empty}_`;
  const shown = lines.slice(0, MAX_LINES).map((line) => `• ${line}`);
  if (lines.length > MAX_LINES) shown.push(`• …and ${lines.length - MAX_LINES} more`);
  return shown.join('\n');
}

/** The handoff as one Slack message: open incidents, conclusions, approvals, actions, unresolved. */
export function renderHandoff(summary: HandoffSummary): SlackMessage {
  const open = summary.open.map(
    (run) =>
      `${STATUS_EMOJI[run.status]} *${escapeText(run.target)}* — ${run.kind} \`${run.id}\` since ${slackDate(run.startedAt)}`,
  );
  const concluded = summary.concluded.map(
    ({ run, conclusion }) =>
      `*${escapeText(run.target)}*: ${escapeText(conclusion.summary)} (${conclusion.confidence} confidence) \`${run.id}\``,
  );
  const approvals = summary.pendingApprovals.map(
    (approval) =>
      `${RISK_EMOJI[approval.plan.risk]} ${escapeText(approval.plan.description)} — asked by ${actorLabel(approval.requestedBy)}, expires ${slackDate(approval.expiresAt)} \`${approval.id}\``,
  );
  const actions = summary.actions.map((action) => {
    const outcome = action.status === 'succeeded' ? ':white_check_mark:' : ':x:';
    const validation = action.validation
      ? action.validation.passed
        ? ' — validated :large_green_circle:'
        : ` — validation failed :red_circle: ${escapeText(action.validation.summary)}`
      : ' — not validated';
    return `${outcome} ${escapeText(action.summary)}${validation}`;
  });
  const blocks: KnownBlock[] = [
    header(':baton_passing_relay: On-call handoff'),
    context(`${slackDate(summary.since)} → ${slackDate(summary.until)} · ${summary.runCount} run(s)`),
    section(`*Open incidents*\n${list(open, 'none running')}`),
    section(`*Conclusions*\n${list(concluded, 'no run concluded in this window')}`),
    section(`*Pending approvals*\n${list(approvals, 'none')}`),
    section(`*Actions taken*\n${list(actions, 'none')}`),
    section(`*Unresolved*\n${list(summary.unresolved.map(escapeText), 'nothing left open')}`),
  ];
  const text = `On-call handoff: ${summary.open.length} open, ${summary.concluded.length} concluded, ${summary.pendingApprovals.length} approvals pending, ${summary.unresolved.length} unresolved`;
  return { text: fallback(text), blocks };
}
