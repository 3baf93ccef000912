import type { RunbookDefinition } from '../runbooks/schema.ts';
import type { RunRecord } from '../runs/types.ts';
import { fitBlocks } from './block-limits.ts';
import { USAGE } from './parse-runbook-command.ts';
import { renderReasoningLines } from './render-evidence.ts';
import { context, escapeText, fallback, type SlackMessage, STATUS_EMOJI, section } from './render-text.ts';
import { formatElapsed } from './run-view.ts';

function message(lines: string[], note?: string): SlackMessage {
  const blocks = [section(lines.join('\n'))];
  if (note) blocks.push(context(note));
  return { text: fallback(lines.join('\n')), blocks: fitBlocks(blocks) };
}

export function renderHelp(): SlackMessage {
  return message(
    [
      '*Runbook* investigates incidents and runs runbooks, with evidence in a thread.',
      ...Object.values(USAGE).map((usage) => `• \`${usage}\``),
      'Parameters are `name=value`; quote values with spaces: `note="disk full"`.',
      'Or mention me: `@Runbook payment-service is slow`.',
    ],
    'Remediations are only proposed; nothing changes until an authorised approver clicks Approve.',
  );
}

/** What is wrong and what would be right. */
export function renderProblem(problem: string, suggestion?: string): SlackMessage {
  const lines = [`:warning: ${escapeText(problem)}`];
  if (suggestion) lines.push(suggestion.includes('\n') ? suggestion : `Try: \`${suggestion}\``);
  return message(lines);
}

export function renderRunbookList(
  entries: ReadonlyArray<{ readonly definition: RunbookDefinition; readonly version: number }>,
): SlackMessage {
  if (entries.length === 0)
    return message(['No runbooks are loaded. Add YAML files to the runbook library.']);
  const lines = [...entries]
    .sort((a, b) => a.definition.id.localeCompare(b.definition.id))
    .map(({ definition, version }) => {
      const alerts = definition.triggers.flatMap((t) => (t.type === 'alert' ? [t.alertName] : []));
      const status = definition.status === 'published' ? '' : ` _(${definition.status})_`;
      return `• \`${definition.id}\` v${version}${status}: ${escapeText(definition.name)}${alerts.length ? ` · alerts: ${escapeText(alerts.join(', '))}` : ''}`;
    });
  return message([`*${entries.length} runbook(s)*`, ...lines], `Run one: \`${USAGE.run}\``);
}

export function renderRunStatus(record: RunRecord, now: Date): SlackMessage {
  const end = record.finishedAt ? new Date(record.finishedAt) : now;
  const lines = [
    `${STATUS_EMOJI[record.status]} \`${record.id}\` *${record.status}* · ${record.kind} of ${escapeText(record.runbook?.id ?? record.target)} · ${formatElapsed(record.startedAt, end)}`,
  ];
  if (record.conclusion)
    lines.push(`Conclusion: ${escapeText(record.conclusion.summary)} (${record.conclusion.confidence})`);
  const checks = record.events.filter((event) => event.type === 'check.finished').length;
  lines.push(`${checks} check(s) finished · ${record.approvalIds.length} approval(s) requested`);
  return message(lines);
}

export function renderRunList(records: RunRecord[], now: Date): SlackMessage {
  if (records.length === 0) return message(['No runs yet. Start one: `/runbook investigate <service>`.']);
  const lines = records.map(
    (record) =>
      `${STATUS_EMOJI[record.status]} \`${record.id}\` ${record.kind} of ${escapeText(record.runbook?.id ?? record.target)} · ${record.status} · ${formatElapsed(record.startedAt, record.finishedAt ? new Date(record.finishedAt) : now)}`,
  );
  return message([`*Recent runs*`, ...lines], 'Details: `/runbook status <run-id>`');
}

/** "why": the conclusion's reasoning, or where the investigation is if it has none yet. */
export function renderWhy(record: RunRecord): SlackMessage {
  if (!record.conclusion) {
    return message([
      `No conclusion yet: the run is ${record.status}. Ask again when it finishes, or say \`status\`.`,
    ]);
  }
  return message([
    `*Why:* ${escapeText(record.conclusion.summary)} (${record.conclusion.confidence} confidence)`,
    ...renderReasoningLines(record.conclusion),
  ]);
}

export function renderThreadHelp(): SlackMessage {
  return message([
    'In this thread I answer: `status` (where the run is), `why` (the reasoning behind the conclusion), `rerun` (investigate again).',
  ]);
}

export function renderStarted(runId: string): SlackMessage {
  return message([`:mag: Started \`${escapeText(runId)}\`: progress and evidence follow in the thread.`]);
}
