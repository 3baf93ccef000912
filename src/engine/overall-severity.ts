import type { RunbookDefinition, SeverityLevel } from '../runbooks/schema.ts';
import type { DecisionResult } from './evaluate-decision-tree.ts';
import type { DiagnosticOutcome } from './run-diagnostics.ts';

const LOWER: Record<SeverityLevel, SeverityLevel> = { P1: 'P2', P2: 'P3', P3: 'P4', P4: 'P4' };

/**
 * The run's severity: the decision's when it sets one; otherwise the runbook's own severity when a
 * check is critical, one level lower when the worst is a warning, and none when all is healthy.
 */
export function overallSeverity(
  definition: Pick<RunbookDefinition, 'severity'>,
  decision: Pick<DecisionResult, 'severity'>,
  outcomes: readonly Pick<DiagnosticOutcome, 'health'>[],
): SeverityLevel | undefined {
  if (decision.severity !== undefined) return decision.severity;
  if (outcomes.some((outcome) => outcome.health === 'critical')) return definition.severity;
  if (outcomes.some((outcome) => outcome.health === 'warning')) return LOWER[definition.severity];
  return undefined;
}
