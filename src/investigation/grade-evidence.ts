import type { CheckOutcome, EvidenceGrade } from '../engine/events.ts';
import type { RootCause } from '../runbooks/root-causes.ts';

export interface GradedEvidence {
  grade: EvidenceGrade;
  reason: string;
}

/**
 * How much one check's outcome says about one category.
 * - critical → strong; but a check that is evidence for three or more categories alike (restarts
 *   rising: OOM, crash loop, liveness) only singles out none of them, so it is weak;
 * - warning → weak;
 * - healthy → contradicting: the check would have shown this cause and did not;
 * - unknown / error → none: a check that saw nothing says nothing.
 */
export function gradeEvidence(
  outcome: Pick<CheckOutcome, 'health' | 'summary' | 'name' | 'error'>,
  category: RootCause,
  evidenceFor: readonly RootCause[],
): GradedEvidence {
  const shared = evidenceFor.filter((other) => other !== category);
  switch (outcome.health) {
    case 'critical':
      if (evidenceFor.length >= 3) {
        return {
          grade: 'weak',
          reason: `${outcome.name}: ${outcome.summary} — abnormal, but equally consistent with ${shared.join(', ')}`,
        };
      }
      return { grade: 'strong', reason: `${outcome.name}: ${outcome.summary}` };
    case 'warning':
      return { grade: 'weak', reason: `${outcome.name}: ${outcome.summary} (warning level)` };
    case 'healthy':
      return { grade: 'contradicting', reason: `${outcome.name} looks normal: ${outcome.summary}` };
    case 'unknown':
      return { grade: 'none', reason: `no usable data: ${outcome.summary}` };
    case 'error':
      return { grade: 'none', reason: `check failed: ${outcome.error ?? outcome.summary}` };
    default:
      outcome.health satisfies never;
      return { grade: 'none', reason: outcome.summary };
  }
}

/**
 * Likelihood ratios of the confidence update: how much more likely this grade is when the
 * hypothesis is true than when it is false. Documented in update-confidence.ts.
 */
export const LIKELIHOOD_RATIO: Record<EvidenceGrade, number> = {
  strong: 5,
  weak: 1.7,
  none: 1,
  contradicting: 0.35,
};
