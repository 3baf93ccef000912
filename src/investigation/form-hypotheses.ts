import type { EvidenceItem, Hypothesis } from '../engine/index.ts';
import { profileOf } from './category-profiles.ts';
import type { IncidentContext } from './derive-context.ts';
import type { RanCheck } from './execute-checks.ts';
import { countGrades, gradeHypothesis } from './grade-hypothesis.ts';
import { narrowResource } from './narrow-resource.ts';
import type { Prior } from './score-priors.ts';
import { confidenceAfter } from './update-confidence.ts';

/** A hypothesis with what the investigation tracks about it. */
export interface HypothesisRecord {
  hypothesis: Hypothesis;
  prior: number;
  /** Current grade of each piece of evidence (latest per check). */
  evidence: EvidenceItem[];
  /** Why it was pruned, once it is. */
  prunedBecause?: string;
  /** Follow-up parameters already tried, so a branch is taken once. */
  branchedOn: Set<string>;
}

export const MIN_HYPOTHESES = 3;

export function statementFor(
  category: Hypothesis['category'],
  resource: string | undefined,
  service?: string,
): string {
  const profile = profileOf(category);
  if (!profile) return 'no fault found';
  return profile.statement
    .replaceAll('{resource}', resource ?? service ?? 'the service')
    .replaceAll('{service}', service ?? 'the service');
}

/**
 * The 3–5 hypotheses worth testing: every category the triage flagged strongly first, then weaker
 * signals, then the likeliest by prior alone, so a cause the alert's name does not mention is
 * still tested and a likely one the triage could not see is not forgotten.
 */
export function formHypotheses(
  priors: readonly Prior[],
  triage: readonly RanCheck[],
  context: IncidentContext,
  maxHypotheses: number,
): HypothesisRecord[] {
  const scored = priors.map((prior) => {
    const evidence = gradeHypothesis('', prior.category, triage);
    const counts = countGrades(evidence);
    const confidence = confidenceAfter(
      prior.prior,
      evidence.map((item) => item.grade),
    );
    const tier = counts.strong > 0 ? 0 : counts.weak > 0 ? 1 : 2;
    return { prior, confidence, tier };
  });
  scored.sort((a, b) => a.tier - b.tier || b.confidence - a.confidence || b.prior.prior - a.prior.prior);
  const limit = Math.max(MIN_HYPOTHESES, maxHypotheses);
  const flagged = scored.filter((entry) => entry.tier < 2).slice(0, limit);
  // Fill up with the likeliest suspects for this alert, even those the triage already doubts:
  // testing and ruling them out is part of the answer.
  const suspects = scored
    .filter((entry) => entry.tier === 2)
    .sort((a, b) => b.prior.prior - a.prior.prior || b.confidence - a.confidence);
  const chosen = [...flagged, ...suspects.slice(0, Math.max(0, MIN_HYPOTHESES - flagged.length))];
  return chosen.map(({ prior, confidence }, index) => {
    const id = `h${index + 1}`;
    const { resource } = narrowResource(prior.category, context, triage);
    const evidence = gradeHypothesis(id, prior.category, triage);
    return {
      hypothesis: {
        id,
        category: prior.category,
        statement: statementFor(prior.category, resource, context.workload),
        ...(resource === undefined ? {} : { resource }),
        checks: [],
        confidence,
        status: 'open',
      },
      prior: prior.prior,
      evidence,
      branchedOn: new Set(),
    };
  });
}
