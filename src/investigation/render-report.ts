import type {
  CheckOutcome,
  Conclusion,
  EvidenceItem,
  Hypothesis,
  KnowledgePassage,
} from '../engine/index.ts';
import type { InvestigationTrigger, TokenUsage } from './types.ts';

export interface ReportInput {
  trigger: InvestigationTrigger;
  conclusion: Conclusion;
  hypotheses: readonly Hypothesis[];
  evidence: readonly EvidenceItem[];
  checks: readonly CheckOutcome[];
  knowledge: readonly KnowledgePassage[];
  planner: 'deterministic' | 'claude';
  fallbackReason?: string;
  usage?: TokenUsage;
  startedAt: Date;
  durationMs: number;
  /** When the symptom began, if the data shows it. */
  symptomOnset?: Date;
  /** Changes found (a rollout), with the category they are evidence for. */
  changes?: ReadonlyArray<{ at: Date; what: string }>;
}

const GRADE_MARK = { strong: '●', weak: '◐', none: '○', contradicting: '✕' } as const;

/** Markdown table cells cannot hold pipes or newlines. */
function cell(text: string, max = 220): string {
  const flat = text.replace(/\s+/g, ' ').replaceAll('|', '\\|').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function title(input: ReportInput): string {
  const alert = input.trigger.alert;
  const what = alert && alert.source !== 'manual' ? alert.name : input.trigger.target;
  const category = input.conclusion.category === 'none' ? 'no fault found' : input.conclusion.category;
  return `# Incident note: ${what} — ${category}`;
}

function summarySection(input: ReportInput): string[] {
  const { conclusion } = input;
  const lines = ['## Summary', '', conclusion.summary, ''];
  lines.push(
    `- **Root cause:** \`${conclusion.category}\`${conclusion.resource ? ` on \`${conclusion.resource}\`` : ''}`,
  );
  lines.push(`- **Confidence:** ${conclusion.confidence}`);
  if (conclusion.escalate) lines.push('- **Escalate:** yes — the evidence is not conclusive');
  lines.push(
    `- **Planner:** ${input.planner}${input.fallbackReason ? ` (fell back: ${input.fallbackReason})` : ''}`,
  );
  return [...lines, ''];
}

function impactSection(input: ReportInput): string[] {
  const alert = input.trigger.alert;
  const lines = ['## Impact', ''];
  if (alert?.summary)
    lines.push(`- Alert: ${cell(alert.summary, 300)}${alert.severity ? ` (${alert.severity})` : ''}`);
  const symptoms = input.checks.filter((check) => check.health === 'critical' || check.health === 'warning');
  for (const check of symptoms.slice(0, 6))
    lines.push(`- ${check.name}: ${cell(check.summary)} (${check.health})`);
  if (lines.length === 2) lines.push('- No abnormal signal measured.');
  return [...lines, ''];
}

function timelineSection(input: ReportInput): string[] {
  const entries: Array<[Date, string]> = (input.changes ?? []).map((change) => [change.at, change.what]);
  if (input.symptomOnset) entries.push([input.symptomOnset, 'symptom began (from the metrics)']);
  entries.sort((a, b) => a[0].getTime() - b[0].getTime());
  const lines = ['## Timeline', '', ...entries.map(([at, what]) => `- ${at.toISOString()} — ${what}`)];
  if (input.trigger.alert?.startsAt) lines.push(`- ${input.trigger.alert.startsAt} — alert fired`);
  lines.push(
    `- ${input.startedAt.toISOString()} — investigation started (${input.checks.length} checks, ${input.hypotheses.length} hypotheses)`,
  );
  lines.push(
    `- ${new Date(input.startedAt.getTime() + input.durationMs).toISOString()} — concluded in ${(input.durationMs / 1000).toFixed(1)} s`,
  );
  return [...lines, ''];
}

function evidenceSection(input: ReportInput): string[] {
  const byId = new Map(input.checks.map((check) => [check.checkId, check]));
  const lines = ['## Evidence', ''];
  if (input.conclusion.supportingEvidence.length === 0)
    return [...lines, 'Nothing abnormal supports a cause.', ''];
  lines.push('| grade | check | finding | query |', '|---|---|---|---|');
  for (const item of input.conclusion.supportingEvidence) {
    const check = byId.get(item.checkId);
    lines.push(
      `| ${GRADE_MARK[item.grade]} ${item.grade} | ${cell(check?.name ?? item.checkId, 80)} | ${cell(item.summary)} | ${check?.query ? `\`${cell(check.query, 160)}\`` : ''} |`,
    );
  }
  return [...lines, ''];
}

function hypothesesSection(input: ReportInput): string[] {
  const lines = ['## Hypotheses', '', '| hypothesis | status | confidence | evidence |', '|---|---|---|---|'];
  for (const hypothesis of input.hypotheses) {
    const items = input.evidence.filter((item) => item.hypothesisId === hypothesis.id);
    const marks = items.map((item) => GRADE_MARK[item.grade]).join('');
    lines.push(
      `| ${hypothesis.category}: ${cell(hypothesis.statement, 120)} | ${hypothesis.status} | ${hypothesis.confidence} | ${marks} |`,
    );
  }
  return [...lines, ''];
}

function ruledOutSection(input: ReportInput): string[] {
  const lines = ['## Ruled out', ''];
  if (input.conclusion.ruledOut.length === 0) return [...lines, '- Nothing else was considered.', ''];
  for (const item of input.conclusion.ruledOut)
    lines.push(`- **${item.category}** — ${cell(item.reason, 400)}`);
  return [...lines, ''];
}

function actionsSection(input: ReportInput): string[] {
  const lines = ['## Recommended actions', ''];
  const { remediations } = input.conclusion;
  if (remediations.length === 0) {
    return [
      ...lines,
      input.conclusion.category === 'none'
        ? '- None: keep watching; re-open if the alert fires again.'
        : '- No runbook remediation applies; escalate to the owning team.',
      '',
    ];
  }
  for (const remediation of remediations) {
    const approval = remediation.requiresApproval ? 'needs approval' : 'no approval needed';
    lines.push(
      `- **${remediation.name}** (\`${remediation.actionType}\`, risk ${remediation.risk}, ${approval}; runbook \`${remediation.runbookId}\`)`,
    );
    if (remediation.plan) lines.push(`  - Plan: \`${cell(remediation.plan.dryRun, 200)}\``);
    if (remediation.rollback) lines.push(`  - Rollback: ${cell(remediation.rollback, 300)}`);
  }
  return [...lines, ''];
}

function knowledgeSection(input: ReportInput): string[] {
  if (input.knowledge.length === 0) return [];
  const lines = ['## Knowledge cited', ''];
  for (const passage of input.knowledge)
    lines.push(`- ${passage.title} (\`${passage.source}\`): ${cell(passage.excerpt, 200)}`);
  return [...lines, ''];
}

function usageSection(input: ReportInput): string[] {
  if (!input.usage) return [];
  const u = input.usage;
  return [
    `_Model usage: ${u.inputTokens} input, ${u.outputTokens} output, ${u.cacheReadInputTokens} cache read, ${u.cacheCreationInputTokens} cache write tokens._`,
    '',
  ];
}

/** The incident note, written as a senior engineer would: what, impact, when, why, evidence, what not, what to do. */
export function renderReport(input: ReportInput): string {
  return [
    title(input),
    '',
    ...summarySection(input),
    ...impactSection(input),
    ...timelineSection(input),
    ...evidenceSection(input),
    ...ruledOutSection(input),
    ...actionsSection(input),
    ...hypothesesSection(input),
    ...knowledgeSection(input),
    ...usageSection(input),
  ]
    .join('\n')
    .trimEnd()
    .concat('\n');
}
