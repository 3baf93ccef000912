import { fitBlocks } from './block-limits.ts';
import { runButtons } from './render-home.ts';
import {
  actorLabel,
  context,
  escapeText,
  fallback,
  fields,
  header,
  percent,
  type SlackMessage,
  STATUS_EMOJI,
  section,
} from './render-text.ts';
import { formatElapsed, type RunView } from './run-view.ts';

const MAX_HYPOTHESES_SHOWN = 6;

function title(view: RunView): string {
  if (view.kind === 'investigation') return `Investigating ${view.target || '…'}`;
  return `Runbook ${view.runbook?.id ?? view.target}${view.target && view.runbook ? ` on ${view.target}` : ''}`;
}

const MAX_STEPS_SHOWN = 25;
const STEP_EMOJI: Record<string, string> = {
  pending: ':white_circle:',
  running: ':arrows_counterclockwise:',
  waiting: ':hourglass_flowing_sand:',
  complete: ':white_check_mark:',
  failed: ':x:',
  skipped: ':fast_forward:',
};

function counters(view: RunView): string {
  const { health } = view;
  const parts = [`${view.checksFinished}/${view.checksStarted} checks`];
  if (health.critical) parts.push(`${health.critical} critical`);
  if (health.warning) parts.push(`${health.warning} warning`);
  if (health.error) parts.push(`${health.error} errored`);
  const steps = Object.values(view.steps);
  if (steps.length > 0) {
    parts.push(`${steps.filter((status) => status === 'complete').length}/${steps.length} steps`);
  }
  if (view.kind === 'investigation') {
    const open = view.hypotheses.filter((h) => h.status !== 'pruned').length;
    parts.push(`${open} open / ${view.hypotheses.length - open} pruned hypotheses`);
  }
  if (view.approvalsPending > 0) parts.push(`${view.approvalsPending} awaiting approval`);
  return parts.join(' · ');
}

/** Pure: the parent message of a run's thread, always showing the latest state. */
export function renderParentMessage(view: RunView, now: Date): SlackMessage {
  const elapsed = formatElapsed(view.startedAt, view.finishedAt ? new Date(view.finishedAt) : now);
  const statusLine = `${STATUS_EMOJI[view.status]} *${view.status}* · ${elapsed}`;
  const blocks = [
    header(title(view)),
    fields([
      ['Status', statusLine],
      ['Severity', view.severity ?? 'not assessed yet'],
      ['Progress', counters(view)],
      ['Run', `\`${view.runId}\``],
    ]),
  ];
  const steps = Object.entries(view.steps);
  if (steps.length > 0) {
    const shown = steps
      .slice(0, MAX_STEPS_SHOWN)
      .map(([id, status]) => `${STEP_EMOJI[status] ?? '•'} \`${escapeText(id)}\` ${status}`);
    if (steps.length > MAX_STEPS_SHOWN) shown.push(`_…and ${steps.length - MAX_STEPS_SHOWN} more_`);
    blocks.push(section(`*Steps*\n${shown.join('\n')}`));
  }
  const ranked = [...view.hypotheses].sort((a, b) => b.confidence - a.confidence);
  if (ranked.length > 0) {
    const lines = ranked.slice(0, MAX_HYPOTHESES_SHOWN).map((h) => {
      const text = `${percent(h.confidence)} ${escapeText(h.statement)} _(${h.category})_`;
      return h.status === 'pruned' ? `• ~${text}~` : `• ${text}`;
    });
    if (ranked.length > MAX_HYPOTHESES_SHOWN)
      lines.push(`_…and ${ranked.length - MAX_HYPOTHESES_SHOWN} more_`);
    blocks.push(section(`*Hypotheses*\n${lines.join('\n')}`));
  }
  if (view.conclusion) {
    blocks.push(
      section(
        `*Conclusion* (${view.conclusion.confidence} confidence): ${escapeText(view.conclusion.summary)}`,
      ),
    );
  } else if (view.summary) {
    blocks.push(section(escapeText(view.summary)));
  }
  if (view.lastError) blocks.push(context(`:warning: ${escapeText(view.lastError)}`));
  blocks.push(
    context(`${view.actor ? `Started by ${actorLabel(view.actor)} · ` : ''}Evidence follows in the thread.`),
  );
  if (view.runId && (view.status === 'running' || view.status === 'paused')) {
    blocks.push(runButtons({ id: view.runId, status: view.status }));
  }
  return {
    text: fallback(
      `${title(view)}: ${view.status}, ${elapsed}${view.conclusion ? ` (${view.conclusion.summary})` : ''}`,
    ),
    blocks: fitBlocks(blocks),
  };
}
