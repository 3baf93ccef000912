import { parseDurationMs } from '../runbooks/schema.ts';

export const DEFAULT_STEP_TIMEOUT_MS = 30_000;

/** A step's own `timeout`, or the default; the run's signal may still end it sooner. */
export function stepTimeoutMs(
  step: { timeout?: string | undefined },
  fallbackMs = DEFAULT_STEP_TIMEOUT_MS,
): number {
  return (step.timeout === undefined ? undefined : parseDurationMs(step.timeout)) ?? fallbackMs;
}

/** A duration field (`window`, `since`) in ms, or the fallback. */
export function durationOr(text: string | undefined, fallbackMs: number): number {
  return (text === undefined ? undefined : parseDurationMs(text)) ?? fallbackMs;
}
