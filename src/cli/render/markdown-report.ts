import { buildTimeline, type CheckOutcome, type ProgressEvent } from '../../engine/index.ts';
import type { RunRecord } from '../../runs/index.ts';
import { formatDuration, formatValue, truncate } from './format-value.ts';

export interface ReportRunbookInfo {
  name: string;
  /** Diagnostic ids in the runbook's order; checks are listed in it rather than as they finished. */
  diagnosticIds?: readonly string[];
  description?: string;
  file?: string;
}

const cell = (text: string) => truncate(text, 200).replaceAll('|', '\\|');
const code = (text: string) => `\`${text.replaceAll('`', "'")}\``;

/** Inline code for one line; a fenced block for a multi-line request. */
function dryRun(text: string): string[] {
  if (!text.includes('\n')) return [`- dry run: ${code(text)}`];
  return ['- dry run:', '', '  ```', ...text.split('\n').map((line) => `  ${line}`), '  ```', ''];
}

function eventsOf<T extends ProgressEvent['type']>(events: readonly ProgressEvent[], type: T) {
  return events.filter((event): event is Extract<ProgressEvent, { type: T }> => event.type === type);
}

/** The run's own checks: those before `run.finished` (later ones are post-action validation). */
function diagnosticsOf(record: RunRecord): CheckOutcome[] {
  const end = record.events.findIndex((event) => event.type === 'run.finished');
  const during = end >= 0 ? record.events.slice(0, end) : record.events;
  return eventsOf(during, 'check.finished').map((event) => event.outcome);
}

function diagnosticsSection(record: RunRecord, order: readonly string[] = []): string[] {
  const position = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const outcomes = diagnosticsOf(record).sort((a, b) => position(a.checkId) - position(b.checkId));
  if (outcomes.length === 0) return [];
  const lines = [
    '## Diagnostics',
    '',
    '| check | health | value | summary | time |',
    '|---|---|---|---|---|',
  ];
  for (const outcome of outcomes) {
    lines.push(
      `| ${cell(outcome.name)} | **${outcome.health}** | ${formatValue(outcome.value)} | ${cell(outcome.error ?? outcome.summary)} | ${formatDuration(outcome.durationMs)} |`,
    );
  }
  const queries = outcomes.filter((outcome) => outcome.query !== undefined);
  if (queries.length > 0) {
    lines.push('', 'Queries:', '');
    for (const outcome of queries)
      lines.push(`- ${outcome.checkId} (${outcome.diagnosticType}): ${code(outcome.query ?? '')}`);
  }
  return [...lines, ''];
}

function decisionSection(record: RunRecord): string[] {
  const decision = eventsOf(record.events, 'decision.taken')[0];
  if (!decision) return [];
  const errors = eventsOf(record.events, 'error').filter((event) => event.code === 'expression.failed');
  const path =
    decision.path.length === 0
      ? ['No decision rule matched.']
      : decision.path.map((when, depth) => `${'  '.repeat(depth)}${depth + 1}. ${code(when)}`);
  const notes = errors.map((error) => `- could not evaluate: ${error.message}`);
  return ['## Decision path', '', ...path, ...(notes.length > 0 ? ['', ...notes] : []), ''];
}

function conclusionSection(record: RunRecord): string[] {
  const conclusion = record.conclusion;
  if (!conclusion) return [];
  const lines = [
    '## Conclusion',
    '',
    `**${conclusion.summary}**`,
    '',
    `- category: ${conclusion.category}`,
    `- confidence: ${conclusion.confidence}`,
  ];
  if (conclusion.severity) lines.push(`- severity: ${conclusion.severity}`);
  if (conclusion.escalate) lines.push('- escalate: yes');
  for (const item of conclusion.supportingEvidence)
    lines.push(`- evidence (${item.grade}): ${item.checkId}: ${item.summary}`);
  for (const item of conclusion.ruledOut) lines.push(`- ruled out ${item.category}: ${item.reason}`);
  return [...lines, ''];
}

function remediationSection(record: RunRecord): string[] {
  const proposed = eventsOf(record.events, 'remediation.proposed');
  if (proposed.length === 0) return [];
  const decided = new Map(
    eventsOf(record.events, 'approval.decided').map((event) => [event.approvalId, event]),
  );
  const actions = new Map(
    eventsOf(record.events, 'action.finished').map((event) => [event.approvalId, event]),
  );
  const lines = ['## Remediations', ''];
  for (const { remediation, approvalId } of proposed) {
    lines.push(`### ${remediation.name} (${remediation.remediationId})`, '');
    lines.push(`- action: ${remediation.actionType}, risk **${remediation.risk}**`);
    if (remediation.plan) {
      lines.push(`- plan: ${remediation.plan.description}`, ...dryRun(remediation.plan.dryRun));
    }
    if (remediation.planError) lines.push(`- no plan: ${remediation.planError}`);
    lines.push(`- rollback: ${remediation.rollback ?? 'none given'}`);
    const decision = approvalId ? decided.get(approvalId) : undefined;
    const status = decision ? `${decision.decision} by ${decision.actor}` : 'pending';
    if (approvalId) lines.push(`- approval ${approvalId}: ${status}`);
    else if (!remediation.requiresApproval) lines.push('- no approval needed');
    const action = approvalId ? actions.get(approvalId) : undefined;
    if (action) lines.push(`- result: ${action.status}: ${action.summary}`);
    lines.push('');
  }
  for (const validation of eventsOf(record.events, 'validation.finished')) {
    lines.push(`Validation ${validation.passed ? 'passed' : 'failed'}: ${validation.summary}`, '');
  }
  return lines;
}

function timelineSection(record: RunRecord): string[] {
  const entries = buildTimeline(record.events);
  if (entries.length === 0) return [];
  return [
    '## Timeline',
    '',
    ...entries.map(
      (entry) => `- ${entry.at.slice(11, 23)} (+${formatDuration(entry.offsetMs)}) ${entry.text}`,
    ),
    '',
  ];
}

/** The Markdown report of a finished runbook run: what ran, what was found, what is proposed, when. */
export function renderRunReport(record: RunRecord, runbook?: ReportRunbookInfo): string {
  const ref = record.runbook;
  const title = runbook?.name ?? ref?.id ?? record.target;
  const lines = [`# ${title}`, ''];
  if (runbook?.description) lines.push(runbook.description.trim(), '');
  if (ref)
    lines.push(
      `- runbook: ${ref.id} v${ref.version} (${ref.hash})${runbook?.file ? `, ${runbook.file}` : ''}`,
    );
  lines.push(`- run: ${record.id}, ${record.status}, started ${record.startedAt} by ${record.actor}`);
  for (const warning of record.warnings ?? []) lines.push(`- warning: ${warning}`);
  lines.push('');
  const params = Object.entries(record.params);
  if (params.length > 0) {
    lines.push('## Parameters', '', '| name | value |', '|---|---|');
    for (const [name, value] of params) lines.push(`| ${cell(name)} | ${cell(String(value))} |`);
    lines.push('');
  }
  lines.push(
    ...diagnosticsSection(record, runbook?.diagnosticIds),
    ...decisionSection(record),
    ...conclusionSection(record),
    ...remediationSection(record),
    ...timelineSection(record),
  );
  return `${lines.join('\n').trimEnd()}\n`;
}
