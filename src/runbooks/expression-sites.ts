import {
  DECISION_VARIABLES,
  HEALTH_VARIABLES,
  STEP_VARIABLES,
  TRIGGER_VARIABLES,
} from '../expressions/index.ts';
import type { FieldPath } from './field-path.ts';
import { allFlowSteps, flowSteps } from './flow-steps.ts';
import type { DecisionRuleDefinition, RunbookDefinition } from './schema.ts';

/** One expression in a runbook, where it is, and which variables it may read there. */
export interface ExpressionSite {
  path: FieldPath;
  source: string;
  variables: readonly string[];
  /** Decision and remediation conditions read `diagnostics.<id>`, which must exist. */
  readsDiagnostics: boolean;
}

function decisionSites(rules: readonly DecisionRuleDefinition[], base: FieldPath): ExpressionSite[] {
  return rules.flatMap((rule, index) => [
    {
      path: [...base, index, 'when'],
      source: rule.when,
      variables: DECISION_VARIABLES,
      readsDiagnostics: true,
    },
    ...decisionSites(rule.rules ?? [], [...base, index, 'rules']),
  ]);
}

/** Every expression of a runbook, so each is compiled and checked when the runbook loads. */
export function expressionSites(runbook: RunbookDefinition): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  runbook.triggers.forEach((trigger, index) => {
    if (trigger.type !== 'metric') return;
    sites.push({
      path: ['triggers', index, 'condition'],
      source: trigger.condition,
      variables: TRIGGER_VARIABLES,
      readsDiagnostics: false,
    });
  });
  runbook.diagnostics.forEach((diagnostic, index) => {
    for (const level of ['critical', 'warning', 'healthy'] as const) {
      const source = diagnostic.health?.[level];
      if (source === undefined) continue;
      sites.push({
        path: ['diagnostics', index, 'health', level],
        source,
        variables: HEALTH_VARIABLES,
        readsDiagnostics: false,
      });
    }
  });
  sites.push(...decisionSites(runbook.decision, ['decision']));
  runbook.remediations.forEach((remediation, index) => {
    if (remediation.when === undefined) return;
    sites.push({
      path: ['remediations', index, 'when'],
      source: remediation.when,
      variables: DECISION_VARIABLES,
      readsDiagnostics: true,
    });
  });
  sites.push(...stepSites(runbook));
  return sites;
}

/** Step `if:`, preconditions and success criteria read `params`, `steps` and `diagnostics`. */
function stepSites(runbook: RunbookDefinition): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  const site = (path: FieldPath, source: string) =>
    sites.push({ path, source, variables: STEP_VARIABLES, readsDiagnostics: true });
  for (const step of allFlowSteps(flowSteps(runbook))) {
    if (step.if !== undefined) site([...step.path, 'if'], step.if);
    if (step.kind === 'diagnostic' && typeof step.diagnostic !== 'string') {
      for (const level of ['critical', 'warning', 'healthy'] as const) {
        const source = step.diagnostic.health?.[level];
        if (source === undefined) continue;
        sites.push({
          path: [...step.path, 'diagnostic', 'health', level],
          source,
          variables: HEALTH_VARIABLES,
          readsDiagnostics: false,
        });
      }
    }
  }
  for (const field of ['preconditions', 'successCriteria'] as const) {
    (runbook[field] ?? []).forEach((condition, index) => {
      if (typeof condition === 'string') site([field, index], condition);
      else site([field, index, 'expression'], condition.expression);
    });
  }
  return sites;
}
