import type { EvidenceGrade } from '../engine/events.ts';
import { LIKELIHOOD_RATIO } from './grade-evidence.ts';

const FLOOR = 0.01;
const CEILING = 0.99;

/**
 * A Bayes update in odds form: posterior odds = prior odds × likelihood ratio of the grade
 * (strong 5, weak 1.7, none 1, contradicting 0.35). Evidence items are treated as independent,
 * which they are not quite, so the result is clamped to [0.01, 0.99]: it ranks hypotheses and
 * reads as a rough probability, never as certainty.
 */
export function updateConfidence(prior: number, grade: EvidenceGrade): number {
  const clamped = Math.min(CEILING, Math.max(FLOOR, prior));
  const odds = (clamped / (1 - clamped)) * LIKELIHOOD_RATIO[grade];
  const posterior = odds / (1 + odds);
  return Math.round(Math.min(CEILING, Math.max(FLOOR, posterior)) * 1000) / 1000;
}

export function confidenceAfter(prior: number, grades: readonly EvidenceGrade[]): number {
  return grades.reduce(updateConfidence, prior);
}
