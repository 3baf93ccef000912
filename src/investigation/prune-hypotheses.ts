import type { HypothesisRecord } from './form-hypotheses.ts';
import { countGrades } from './grade-hypothesis.ts';

/** Below this confidence, a hypothesis without strong evidence is dropped. */
export const PRUNE_BELOW = 0.1;

/**
 * Why a hypothesis should be pruned now, or undefined to keep it. Pruned: nothing supports it and
 * a check that would have shown it looks normal; or its confidence fell below 0.1 without strong
 * evidence; or, once its checks have run, no check could see it at all.
 */
export function pruneReason(record: HypothesisRecord, tested: boolean): string | undefined {
  const counts = countGrades(record.evidence);
  if (counts.strong > 0) return undefined;
  const contradicting = record.evidence.filter((item) => item.grade === 'contradicting');
  if (counts.weak === 0 && contradicting.length > 0) {
    return `ruled out: ${contradicting
      .slice(0, 3)
      .map((item) => item.reason)
      .join('; ')}`;
  }
  if (record.hypothesis.confidence < PRUNE_BELOW) {
    return `confidence fell to ${record.hypothesis.confidence}: ${contradicting
      .slice(0, 2)
      .map((item) => item.reason)
      .join('; ')}`;
  }
  if (tested && counts.weak === 0) return 'no check could see it: its data is missing or its checks failed';
  return undefined;
}

/** Marks and returns the records that are pruned by this pass. */
export function pruneHypotheses(records: readonly HypothesisRecord[], tested: boolean): HypothesisRecord[] {
  const pruned: HypothesisRecord[] = [];
  for (const record of records) {
    if (record.hypothesis.status === 'pruned') continue;
    const reason = pruneReason(record, tested);
    if (reason === undefined) continue;
    record.hypothesis.status = 'pruned';
    record.prunedBecause = reason;
    pruned.push(record);
  }
  return pruned;
}
