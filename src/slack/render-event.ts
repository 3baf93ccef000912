import type { ProgressEvent } from '../engine/events.ts';
import { fitBlocks } from './block-limits.ts';
import { renderCheckFinished, renderConclusion } from './render-evidence.ts';
import {
  actorLabel,
  context,
  escapeText,
  fallback,
  HEALTH_EMOJI,
  percent,
  RISK_EMOJI,
  type SlackMessage,
  section,
} from './render-text.ts';
import type { RunView } from './run-view.ts';

function simple(text: string, note?: string): SlackMessage {
  const blocks = [section(text)];
  if (note) blocks.push(context(note));
  return { text: fallback(text), blocks: fitBlocks(blocks) };
}

function hypothesisLabel(view: RunView, id: string): string {
  const hypothesis = view.hypotheses.find((h) => h.id === id);
  return hypothesis ? `"${escapeText(hypothesis.statement)}"` : `\`${escapeText(id)}\``;
}

/**
 * Pure: the thread reply for one event, or undefined when the event only changes the parent
 * message (check started, evidence graded, step changes, the run's own start and end).
 * Approval requests with buttons are rendered by render-approval.ts, not here.
 */
export function renderEventReply(event: ProgressEvent, view: RunView): SlackMessage | undefined {
  switch (event.type) {
    case 'knowledge.retrieved': {
      if (event.passages.length === 0) return undefined;
      const lines = event.passages
        .slice(0, 5)
        .map((p) => `• ${escapeText(p.title)} _(${escapeText(p.source)})_`);
      return simple(`:books: *Knowledge consulted*\n${lines.join('\n')}`);
    }
    case 'hypothesis.formed':
      return simple(
        `:bulb: *Hypothesis:* ${escapeText(event.hypothesis.statement)}`,
        `${event.hypothesis.category}${event.hypothesis.resource ? ` · ${escapeText(event.hypothesis.resource)}` : ''} · prior ${percent(event.hypothesis.confidence)} · ${event.hypothesis.checks.length} check(s) planned`,
      );
    case 'check.finished':
      // An investigation's triage sweeps every category at once; only anomalies earn a reply, the
      // rest shows in the parent's counters (Slack allows about one post a second per channel).
      if (
        view.kind === 'investigation' &&
        event.hypothesisId === undefined &&
        (event.outcome.health === 'healthy' || event.outcome.health === 'unknown')
      ) {
        return undefined;
      }
      return renderCheckFinished(
        event.outcome,
        event.hypothesisId ? hypothesisLabel(view, event.hypothesisId) : undefined,
      );
    case 'hypothesis.branched':
      return simple(
        `:twisted_rightwards_arrows: *Digging deeper* into ${hypothesisLabel(view, event.hypothesisId)}: ${escapeText(event.reason)}`,
      );
    case 'hypothesis.pruned':
      return simple(
        `:scissors: *Ruled out* ${hypothesisLabel(view, event.hypothesisId)}: ${escapeText(event.reason)}`,
      );
    case 'decision.taken':
      return simple(
        `:twisted_rightwards_arrows: *Decision* in \`${escapeText(event.runbookId)}\`: ${escapeText(event.conclusion ?? event.path.join(' → '))}`,
        event.path.length > 0 ? `path: ${escapeText(event.path.join(' → '))}` : undefined,
      );
    case 'conclusion':
      return renderConclusion(event.conclusion);
    case 'remediation.proposed':
      if (event.approvalId) return undefined;
      return simple(
        `:wrench: *Recommended:* ${escapeText(event.remediation.name)} (${RISK_EMOJI[event.remediation.risk]} risk)`,
        event.remediation.requiresApproval ? 'needs approval' : 'manual step: no approval requested',
      );
    case 'approval.decided':
      return simple(
        `${event.decision === 'approved' ? ':white_check_mark:' : event.decision === 'denied' ? ':no_entry:' : ':hourglass:'} *Approval ${event.decision}*${event.decision === 'expired' ? '' : ` by ${actorLabel(event.actor)}`}`,
        `approval \`${escapeText(event.approvalId)}\``,
      );
    case 'action.finished':
      return simple(
        `${event.status === 'succeeded' ? ':white_check_mark:' : ':x:'} *Action ${event.status}:* ${escapeText(event.summary)}`,
      );
    case 'validation.finished':
      return simple(
        `${event.passed ? ':white_check_mark:' : ':x:'} *Validation ${event.passed ? 'passed' : 'failed'}:* ${escapeText(event.summary)}`,
      );
    case 'error':
      return simple(`${HEALTH_EMOJI.error} *${escapeText(event.code)}:* ${escapeText(event.message)}`);
    case 'step.changed':
      // Each finished step posts its result; a step waiting for a person gets its buttons elsewhere.
      return event.status === 'failed' ||
        event.status === 'waiting' ||
        event.status === 'complete' ||
        event.status === 'skipped'
        ? simple(
            `*Step ${escapeText(event.stepId)}* ${event.status}${event.summary ? `: ${escapeText(event.summary)}` : ''}`,
          )
        : undefined;
    case 'run.started':
    case 'check.started':
    case 'evidence.graded':
    case 'run.finished':
      return undefined;
    default:
      return event satisfies never;
  }
}
