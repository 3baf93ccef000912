import type { EvidenceItem } from '../engine/index.ts';
import type { RootCause } from '../runbooks/index.ts';
import { gradeTiming, type TimingAssessment } from './assess-timing.ts';
import { profileOf } from './category-profiles.ts';
import type { RanCheck } from './execute-checks.ts';
import { gradeEvidence } from './grade-evidence.ts';

/** The check id of the evidence timing gives (no provider call: it is read from the other checks). */
export const TIMING_CHECK_ID = 'timing';

/**
 * Every piece of evidence the checks that ran give about one category. For a change category (a
 * rollout), an abnormal check only says that the change happened: whether it explains the symptom
 * is decided by timing, so timing grades it. For the others, evidence that started well after the
 * symptom adds a contradicting timing item.
 */
export function gradeHypothesis(
  hypothesisId: string,
  category: RootCause,
  ran: Iterable<RanCheck>,
  timing?: TimingAssessment,
): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  const timed = timing === undefined ? undefined : gradeTiming(category, timing);
  const isChange = profileOf(category)?.isChange === true;
  for (const check of ran) {
    if (!check.evidenceFor.includes(category)) continue;
    let graded = gradeEvidence(check.outcome, category, check.evidenceFor);
    if (isChange && timed && (graded.grade === 'strong' || graded.grade === 'weak')) {
      graded = { grade: timed.grade, reason: `${check.outcome.summary}; ${timed.reason}` };
    }
    items.push({ hypothesisId, checkId: check.outcome.checkId, grade: graded.grade, reason: graded.reason });
  }
  if (!isChange && timed) {
    items.push({ hypothesisId, checkId: TIMING_CHECK_ID, grade: timed.grade, reason: timed.reason });
  }
  return items;
}

export function countGrades(items: readonly EvidenceItem[]): Record<EvidenceItem['grade'], number> {
  const counts = { strong: 0, weak: 0, none: 0, contradicting: 0 };
  for (const item of items) counts[item.grade]++;
  return counts;
}
