/** Bounds on one investigation, all configurable. */
export interface InvestigationLimits {
  /** Rounds of testing: the first tests each hypothesis, later ones follow strong evidence. */
  maxDepth: number;
  /** Checks run in total, triage included. */
  maxChecks: number;
  /** Wall-clock budget for the whole investigation. */
  maxWallMs: number;
  /** Hypotheses formed (at least 3 are always formed). */
  maxHypotheses: number;
}

export const DEFAULT_LIMITS: InvestigationLimits = {
  maxDepth: 3,
  maxChecks: 80,
  maxWallMs: 120_000,
  maxHypotheses: 5,
};

export function resolveLimits(overrides: Partial<InvestigationLimits> | undefined): InvestigationLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  return {
    maxDepth: Math.max(1, Math.floor(limits.maxDepth)),
    maxChecks: Math.max(1, Math.floor(limits.maxChecks)),
    maxWallMs: Math.max(1_000, limits.maxWallMs),
    maxHypotheses: Math.min(5, Math.max(3, Math.floor(limits.maxHypotheses))),
  };
}
