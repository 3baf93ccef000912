import type { types } from '@slack/bolt';
import type { ProgressEvent } from '../engine/events.ts';
import type { RunRecord } from '../runs/types.ts';
import { truncateText } from './block-limits.ts';
import { context, escapeText, HEALTH_EMOJI, type KnownBlock, section } from './render-text.ts';

/** One line per event, for a person scanning what happened. */
export function describeEvent(event: ProgressEvent): string | undefined {
  switch (event.type) {
    case 'run.started':
      return `started by ${event.actor} (${event.kind} ${event.target})`;
    case 'knowledge.retrieved':
      return `${event.passages.length} knowledge passage(s) retrieved`;
    case 'hypothesis.formed':
      return `hypothesis: ${event.hypothesis.statement}`;
    case 'check.started':
      return undefined;
    case 'check.finished':
      return `${HEALTH_EMOJI[event.outcome.health]} ${event.outcome.name}: ${event.outcome.summary}`;
    case 'evidence.graded':
      return `evidence ${event.evidence.grade}: ${event.evidence.reason}`;
    case 'hypothesis.branched':
      return `branched: ${event.reason}`;
    case 'hypothesis.pruned':
      return `pruned: ${event.reason}`;
    case 'decision.taken':
      return `decision in ${event.runbookId}${event.conclusion ? `: ${event.conclusion}` : ''}`;
    case 'conclusion':
      return `conclusion (${event.conclusion.confidence}): ${event.conclusion.summary}`;
    case 'remediation.proposed':
      return `proposed: ${event.remediation.name}${event.approvalId ? ' (awaiting approval)' : ''}`;
    case 'approval.decided':
      return `approval ${event.decision} by ${event.actor}`;
    case 'action.finished':
      return `action ${event.status}: ${event.summary}`;
    case 'validation.finished':
      return `validation ${event.passed ? 'passed' : 'failed'}: ${event.summary}`;
    case 'step.changed':
      return `step ${event.stepId} ${event.status}${event.summary ? `: ${event.summary}` : ''}`;
    case 'run.finished':
      return `finished ${event.status}: ${event.summary}`;
    case 'error':
      return `error ${event.code}: ${event.message}`;
    default:
      return undefined;
  }
}

/** Pure: a run's timeline as a modal (at most 100 blocks; the newest events kept when it is long). */
export function renderTimelineModal(record: RunRecord): types.ModalView {
  const lines = record.events
    .map((event) => {
      const text = describeEvent(event);
      return text === undefined
        ? undefined
        : `\`${event.at.slice(11, 19)}\` ${escapeText(truncateText(text, 300))}`;
    })
    .filter((line): line is string => line !== undefined);
  const chunks: KnownBlock[] = [];
  for (let i = 0; i < lines.length; i += 12) chunks.push(section(lines.slice(i, i + 12).join('\n')));
  const blocks = [
    context(`\`${record.id}\` · ${record.status} · started ${record.startedAt}`),
    ...chunks.slice(-95),
  ];
  if (lines.length === 0) blocks.push(section('No events yet.'));
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Run timeline' },
    close: { type: 'plain_text', text: 'Close' },
    blocks,
  };
}
