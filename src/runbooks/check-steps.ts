import { selectedFields } from '../expressions/index.ts';
import { didYouMean } from './did-you-mean.ts';
import { formatFieldPath, type PathIssue } from './field-path.ts';
import { allFlowSteps, type FlowStep, flowSteps } from './flow-steps.ts';
import type { RunbookDefinition } from './schema.ts';

function referenceIssues(step: FlowStep, runbook: RunbookDefinition): PathIssue[] {
  if (step.kind === 'action') {
    const ids = runbook.remediations.map((remediation) => remediation.id);
    if (ids.includes(step.remediationId)) return [];
    return [
      {
        path: [...step.path, 'action'],
        message: `no remediation "${step.remediationId}" in this runbook${didYouMean(step.remediationId, ids)}`,
      },
    ];
  }
  if (step.kind === 'diagnostic' && typeof step.diagnostic === 'string') {
    const ids = runbook.diagnostics.map((diagnostic) => diagnostic.id);
    if (ids.includes(step.diagnostic)) return [];
    return [
      {
        path: [...step.path, 'diagnostic'],
        message: `no diagnostic "${step.diagnostic}" in this runbook${didYouMean(step.diagnostic, ids)}`,
      },
    ];
  }
  if (step.kind === 'runbook' && step.runbookId === runbook.id) {
    return [{ path: [...step.path, 'runbook'], message: 'a runbook cannot call itself' }];
  }
  return [];
}

/**
 * Step ids are unique (parallel members included), actions and diagnostics named by a step exist,
 * a runbook does not call itself, and every `steps.<id>` an expression reads names a step.
 */
export function checkSteps(runbook: RunbookDefinition): PathIssue[] {
  const steps = allFlowSteps(flowSteps(runbook));
  const issues: PathIssue[] = [];
  const seen = new Map<string, FlowStep>();
  for (const step of steps) {
    const first = seen.get(step.id);
    if (first) {
      issues.push({
        path: [...step.path, 'id'],
        message: `duplicate step id "${step.id}" (first at ${formatFieldPath(first.path)})`,
      });
    } else seen.set(step.id, step);
    issues.push(...referenceIssues(step, runbook));
  }
  const ids = [...seen.keys()];
  const conditions: Array<{ path: PathIssue['path']; source: string }> = steps.flatMap((step) =>
    step.if === undefined ? [] : [{ path: [...step.path, 'if'], source: step.if }],
  );
  for (const field of ['preconditions', 'successCriteria'] as const) {
    (runbook[field] ?? []).forEach((condition, index) => {
      const source = typeof condition === 'string' ? condition : condition.expression;
      conditions.push({ path: [field, index], source });
    });
  }
  for (const { path, source } of conditions) {
    for (const id of selectedFields(source, 'steps')) {
      if (!ids.includes(id))
        issues.push({ path, message: `no step "${id}" in this runbook${didYouMean(id, ids)}` });
    }
  }
  return issues;
}
