import type { RootCause } from '../runbooks/root-causes.ts';
import type { RunbookDefinition, SeverityLevel } from '../runbooks/schema.ts';
import { referencedDiagnostics } from './decision-context.ts';
import type { DecisionResult } from './evaluate-decision-tree.ts';
import type { Conclusion, Confidence, EvidenceGrade, RecommendedRemediation } from './events.ts';
import type { DiagnosticOutcome } from './run-diagnostics.ts';

const isProblem = (outcome: DiagnosticOutcome) =>
  outcome.health === 'critical' || outcome.health === 'warning';
const isInconclusive = (outcome: DiagnosticOutcome) =>
  outcome.health === 'error' || outcome.health === 'unknown';

function categoryOf(
  definition: Pick<RunbookDefinition, 'categories'>,
  decision: DecisionResult,
  outcomes: readonly DiagnosticOutcome[],
): RootCause {
  if (decision.category !== undefined) return decision.category;
  if (decision.path.length === 0 && outcomes.some(isProblem) && definition.categories.length === 1) {
    return definition.categories[0] ?? 'none';
  }
  return 'none';
}

/** The checks that bear on a category: those the rules taken read, and those declared evidence for it. */
function relevantChecks(
  category: RootCause,
  decision: DecisionResult,
  outcomes: readonly DiagnosticOutcome[],
) {
  const referenced = new Set(decision.path.flatMap(referencedDiagnostics));
  return outcomes.filter(
    (outcome) =>
      referenced.has(outcome.step.id) ||
      (category !== 'none' && (outcome.step.evidenceFor ?? []).includes(category)) ||
      (category === 'none' && referenced.size === 0),
  );
}

/**
 * Confidence from agreement: high when at least two relevant checks agree with the conclusion and
 * none disagrees or failed; medium when most agree; low otherwise (or when no rule matched).
 */
function confidenceOf(
  agreeing: number,
  relevant: number,
  inconclusive: number,
  matched: boolean,
): Confidence {
  if (!matched || relevant === 0 || agreeing === 0) return 'low';
  const share = agreeing / relevant;
  if (agreeing >= 2 && share >= 2 / 3 && inconclusive === 0) return 'high';
  return share >= 0.5 ? 'medium' : 'low';
}

function gradeOf(outcome: DiagnosticOutcome, category: RootCause): EvidenceGrade {
  if (category === 'none') return outcome.health === 'healthy' ? 'strong' : 'contradicting';
  if (outcome.health === 'critical') return 'strong';
  if (outcome.health === 'warning') return 'weak';
  return outcome.health === 'healthy' ? 'contradicting' : 'none';
}

function summaryOf(decision: DecisionResult, outcomes: readonly DiagnosticOutcome[]): string {
  if (decision.conclusion !== undefined) return decision.conclusion;
  const counts = (['critical', 'warning', 'error', 'unknown'] as const)
    .map((health) => [health, outcomes.filter((outcome) => outcome.health === health).length] as const)
    .filter(([, count]) => count > 0)
    .map(([health, count]) => `${count} ${health}`);
  if (counts.length === 0) return `All ${outcomes.length} checks healthy; no fault found.`;
  return `No decision rule matched (${counts.join(', ')} of ${outcomes.length} checks).`;
}

/** The runbook run's conclusion: category and summary from the decision, confidence from the checks. */
export function concludeRunbook(
  definition: Pick<RunbookDefinition, 'categories'>,
  decision: DecisionResult,
  outcomes: readonly DiagnosticOutcome[],
  remediations: RecommendedRemediation[],
  severity: SeverityLevel | undefined,
): Conclusion {
  const category = categoryOf(definition, decision, outcomes);
  const relevant = relevantChecks(category, decision, outcomes);
  const agreeing = relevant.filter((outcome) => ['strong', 'weak'].includes(gradeOf(outcome, category)));
  const inconclusive = relevant.filter(isInconclusive).length;
  // "Nothing is wrong" needs every check to have seen something.
  const matched =
    decision.path.length > 0 ||
    (category === 'none' && !outcomes.some(isProblem) && !outcomes.some(isInconclusive));
  const ruledOut = definition.categories
    .filter((other) => other !== category)
    .flatMap((other) => {
      const evidence = outcomes.filter((outcome) => (outcome.step.evidenceFor ?? []).includes(other));
      if (evidence.length === 0 || !evidence.every((outcome) => outcome.health === 'healthy')) return [];
      return [
        { category: other, reason: `healthy: ${evidence.map((outcome) => outcome.step.id).join(', ')}` },
      ];
    });
  return {
    category,
    summary: summaryOf(decision, outcomes),
    confidence: confidenceOf(agreeing.length, relevant.length, inconclusive, matched),
    ...(severity === undefined ? {} : { severity }),
    supportingEvidence: relevant.map((outcome) => ({
      checkId: outcome.step.id,
      summary: outcome.outcome.summary,
      grade: gradeOf(outcome, category),
    })),
    ruledOut,
    remediations,
    escalate: decision.escalate,
  };
}
