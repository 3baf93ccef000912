import type { Conclusion, Confidence, EvidenceItem } from '../engine/index.ts';
import type { RootCause } from '../runbooks/index.ts';
import type { TimingAssessment } from './assess-timing.ts';
import { explains } from './category-profiles.ts';
import type { IncidentContext } from './derive-context.ts';
import type { HypothesisRecord } from './form-hypotheses.ts';
import { countGrades, TIMING_CHECK_ID } from './grade-hypothesis.ts';

/** The chosen hypothesis (none when no fault was found) and the conclusion without remediations. */
export interface ConclusionDraft {
  winner?: HypothesisRecord;
  conclusion: Omit<Conclusion, 'remediations'>;
}

/** Alert words whose symptom the triage's symptom checks (HTTP errors, latency) measure directly. */
const HTTP_SYMPTOM_WORDS = new Set([
  'error',
  'errors',
  'errorrate',
  '5xx',
  'latency',
  'slow',
  'slo',
  'availability',
  'budget',
  'burn',
  'apdex',
  'response',
  'responses',
  'requests',
  'timeout',
  'timeouts',
]);

const isLive = (record: HypothesisRecord) => record.hypothesis.status !== 'pruned';
const strongCount = (record: HypothesisRecord) => countGrades(record.evidence).strong;
const lateStart = (record: HypothesisRecord) =>
  record.evidence.some((item) => item.checkId === TIMING_CHECK_ID && item.grade === 'contradicting') ? 1 : 0;

function supportOf(
  record: HypothesisRecord,
  summaries: ReadonlyMap<string, string>,
): Conclusion['supportingEvidence'] {
  const order = { strong: 0, weak: 1, none: 2, contradicting: 3 } as const;
  return record.evidence
    .filter((item) => item.grade === 'strong' || item.grade === 'weak')
    .sort((a, b) => order[a.grade] - order[b.grade])
    .map((item) => ({
      checkId: item.checkId,
      summary: summaries.get(item.checkId) ?? item.reason,
      grade: item.grade,
    }));
}

function confidenceOf(winner: HypothesisRecord, rivals: readonly HypothesisRecord[]): Confidence {
  const strong = strongCount(winner);
  if (strong === 0) return 'low';
  const margin =
    winner.hypothesis.confidence - Math.max(0, ...rivals.map((rival) => rival.hypothesis.confidence));
  if (strong >= 2 && winner.hypothesis.confidence >= 0.8 && margin >= 0.2 && lateStart(winner) === 0)
    return 'high';
  return 'medium';
}

function firstReason(items: readonly EvidenceItem[], grade: EvidenceItem['grade']): string | undefined {
  return items.find((item) => item.grade === grade)?.reason;
}

/**
 * Picks the root cause. Candidates are the hypotheses still standing with strong evidence. A
 * candidate that another candidate explains is set aside (a rollout explains the memory growth
 * after it; an expired certificate explains the failing probe); then evidence that began after the
 * symptom loses to evidence that did not; then confidence decides. Without strong evidence, a live
 * symptom gets the best weakly supported hypothesis at low confidence; otherwise the conclusion is
 * `none`: no fault found, never an invented cause.
 */
export function chooseConclusion(
  records: readonly HypothesisRecord[],
  timing: TimingAssessment,
  context: IncidentContext,
  summaries: ReadonlyMap<string, string>,
): ConclusionDraft {
  const candidates = records.filter((record) => isLive(record) && strongCount(record) > 0);
  const explainedBy = new Map<HypothesisRecord, HypothesisRecord>();
  for (const candidate of candidates) {
    // Evidence that began after the symptom cannot explain anything about its onset.
    const cause = candidates.find(
      (other) =>
        other !== candidate &&
        lateStart(other) === 0 &&
        explains(other.hypothesis.category, candidate.hypothesis.category),
    );
    if (cause) explainedBy.set(candidate, cause);
  }
  const ranked = candidates
    .filter((candidate) => !explainedBy.has(candidate))
    .sort(
      (a, b) =>
        lateStart(a) - lateStart(b) ||
        b.hypothesis.confidence - a.hypothesis.confidence ||
        strongCount(b) - strongCount(a),
    );
  let winner = ranked[0];
  let confidence: Confidence = winner ? confidenceOf(winner, ranked.slice(1)) : 'low';
  // Without strong evidence, a weak lead is still worth naming (at low confidence) unless the
  // alert's own symptom is measured and has cleared: then it was a blip.
  const symptomIsMeasured = context.words.some((word) => HTTP_SYMPTOM_WORDS.has(word));
  if (!winner && (timing.symptomPresent || !(symptomIsMeasured && timing.symptomCleared))) {
    winner = records
      .filter((record) => isLive(record) && countGrades(record.evidence).weak > 0)
      .sort((a, b) => b.hypothesis.confidence - a.hypothesis.confidence)[0];
    confidence = 'low';
  }
  const ruledOut = records
    .filter((record) => record !== winner)
    .map((record) => {
      const cause = explainedBy.get(record);
      let reason: string;
      const late = record.evidence.find(
        (item) => item.checkId === TIMING_CHECK_ID && item.grade === 'contradicting',
      );
      if (record.prunedBecause !== undefined) reason = record.prunedBecause;
      else if (late) reason = late.reason;
      else if (cause)
        reason = `explained by ${cause.hypothesis.category}: ${firstReason(cause.evidence, 'strong') ?? cause.hypothesis.statement}`;
      else if (winner)
        reason = `less supported than ${winner.hypothesis.category} (confidence ${record.hypothesis.confidence} vs ${winner.hypothesis.confidence})`;
      else reason = firstReason(record.evidence, 'contradicting') ?? 'no evidence for it';
      return { category: record.hypothesis.category, reason };
    });
  if (!winner) {
    const why = timing.symptomCleared
      ? 'the symptom has already cleared and every check that could explain it looks normal'
      : 'no check found anything abnormal';
    return {
      conclusion: {
        category: 'none',
        ...(context.workload === undefined ? {} : { resource: context.workload }),
        summary: `No fault found${context.workload ? ` for ${context.workload}` : ''}: ${why}. The alert looks like a false positive or a transient blip.`,
        confidence: records.length > 0 && timing.symptomCleared ? 'high' : 'medium',
        supportingEvidence: [],
        ruledOut,
      },
    };
  }
  const category: RootCause = winner.hypothesis.category;
  const lead = firstReason(winner.evidence, 'strong') ?? firstReason(winner.evidence, 'weak');
  const summary = `${capitalize(winner.hypothesis.statement)}${lead ? ` — ${lead}` : ''}.`;
  return {
    winner,
    conclusion: {
      category,
      ...(winner.hypothesis.resource === undefined ? {} : { resource: winner.hypothesis.resource }),
      summary: summary.length > 600 ? `${summary.slice(0, 597)}…` : summary,
      confidence,
      supportingEvidence: supportOf(winner, summaries),
      ruledOut,
      ...(confidence === 'low' ? { escalate: true } : {}),
    },
  };
}

function capitalize(text: string): string {
  return text.length === 0 ? text : `${text[0]?.toUpperCase()}${text.slice(1)}`;
}
