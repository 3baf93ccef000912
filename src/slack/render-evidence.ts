import type { CheckOutcome, Conclusion } from '../engine/events.ts';
import { codeBlock, fitBlocks } from './block-limits.ts';
import {
  context,
  escapeText,
  fallback,
  formatValue,
  HEALTH_EMOJI,
  RISK_EMOJI,
  type SlackMessage,
  section,
} from './render-text.ts';

const QUERY_CHARS = 1500;

/** A diagnostic result: health, value, the check's interpretation, and the query it ran. */
export function renderCheckFinished(outcome: CheckOutcome, hypothesis?: string): SlackMessage {
  const headline = `${HEALTH_EMOJI[outcome.health]} *${escapeText(outcome.name)}* = \`${formatValue(outcome.value)}\` (${outcome.health})`;
  const lines = [headline, escapeText(outcome.summary)];
  if (outcome.error) lines.push(`:warning: ${escapeText(outcome.error)}`);
  const blocks = [section(lines.join('\n'))];
  if (outcome.query) blocks.push(section(codeBlock(outcome.query, QUERY_CHARS)));
  const meta = [outcome.diagnosticType, `${outcome.durationMs} ms`];
  if (outcome.runbookId) meta.push(`runbook ${escapeText(outcome.runbookId)}`);
  if (hypothesis) meta.push(`tests ${hypothesis}`);
  blocks.push(context(meta.join(' · ')));
  return {
    text: fallback(`${outcome.name} = ${formatValue(outcome.value)} (${outcome.health}): ${outcome.summary}`),
    blocks: fitBlocks(blocks),
  };
}

/** The conclusion with its reasoning: evidence for it, what was ruled out, what to do next. */
export function renderConclusion(conclusion: Conclusion): SlackMessage {
  const blocks = [
    section(
      `:dart: *Conclusion* (${conclusion.confidence} confidence${conclusion.severity ? `, ${conclusion.severity}` : ''}): ${escapeText(conclusion.summary)}\n_${conclusion.category}${conclusion.resource ? ` · ${escapeText(conclusion.resource)}` : ''}_`,
    ),
  ];
  const reasoning = renderReasoningLines(conclusion);
  if (reasoning.length > 0) blocks.push(section(reasoning.join('\n')));
  if (conclusion.remediations.length > 0) {
    const lines = conclusion.remediations.map(
      (r) => `• ${escapeText(r.name)} (${RISK_EMOJI[r.risk]}${r.requiresApproval ? ', needs approval' : ''})`,
    );
    blocks.push(section(`*Next steps*\n${lines.join('\n')}`));
  }
  if (conclusion.escalate) blocks.push(context(':rotating_light: Escalation recommended.'));
  return { text: fallback(`Conclusion: ${conclusion.summary}`), blocks: fitBlocks(blocks) };
}

/** "Why": the evidence behind a conclusion and the causes ruled out. */
export function renderReasoningLines(conclusion: Conclusion): string[] {
  const lines: string[] = [];
  if (conclusion.supportingEvidence.length > 0) {
    lines.push('*Evidence*');
    for (const item of conclusion.supportingEvidence) {
      lines.push(`• ${escapeText(item.summary)} _(${item.grade}, ${escapeText(item.checkId)})_`);
    }
  }
  if (conclusion.ruledOut.length > 0) {
    lines.push('*Ruled out*');
    for (const item of conclusion.ruledOut) lines.push(`• ${item.category}: ${escapeText(item.reason)}`);
  }
  return lines;
}
