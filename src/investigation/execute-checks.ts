import type { CheckOutcome, HealthStatus, ProgressEvent } from '../engine/index.ts';
import { type DiagnosticOutcome, runDiagnostics } from '../engine/index.ts';
import type { CheckResult, ProviderRegistry } from '../providers/types.ts';
import type { RootCause } from '../runbooks/index.ts';
import type { BoundCheck } from './bind-checks.ts';

/** A check that ran, with everything later steps need: the health, the outcome sinks saw, the raw result. */
export interface RanCheck {
  check: BoundCheck;
  /** Every category the same question is evidence for (several runbooks may ask it). */
  evidenceFor: RootCause[];
  health: HealthStatus;
  outcome: CheckOutcome;
  result: CheckResult;
  /** The engine's outcome with the diagnostic's own id, for the runbook's decision tree. */
  diagnosticOutcome: DiagnosticOutcome;
}

export interface CheckRunner {
  /**
   * Runs the checks not asked before (same fingerprint = same question), within the check budget,
   * in parallel across runbooks. Returns the checks that ran in this call.
   */
  run(checks: readonly BoundCheck[], hypothesisId?: string): Promise<RanCheck[]>;
  /** Every check run so far, by check id. */
  readonly ran: ReadonlyMap<string, RanCheck>;
  readonly remainingBudget: number;
  /** Look up a ran check by the fingerprint of a bound check (it may have run under another runbook's id). */
  find(check: BoundCheck): RanCheck | undefined;
}

export interface CheckRunnerOptions {
  providers: ProviderRegistry;
  runId: string;
  now: () => Date;
  signal: AbortSignal;
  emit: (event: ProgressEvent) => void;
  maxChecks: number;
  concurrency?: number;
}

export function createCheckRunner(options: CheckRunnerOptions): CheckRunner {
  const ran = new Map<string, RanCheck>();
  const byFingerprint = new Map<string, RanCheck>();
  let started = 0;

  const runGroup = async (group: BoundCheck[], hypothesisId: string | undefined): Promise<RanCheck[]> => {
    const first = group[0];
    if (!first) return [];
    const outcomes = await runDiagnostics(
      group.map((check) => check.step),
      {
        providers: options.providers,
        expression: (source) => first.runbook.expression(source),
        params: first.params,
        runId: options.runId,
        now: options.now,
        // One derived signal per group: each running check listens on it, and sharing one signal
        // across every group would pile dozens of listeners on the run's signal.
        signal: AbortSignal.any([options.signal]),
        emit: options.emit,
        runbookId: first.runbook.definition.id,
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        ...(hypothesisId === undefined ? {} : { hypothesisId }),
      },
    );
    return outcomes.map((outcome, index) => {
      const check = group[index] as BoundCheck;
      return {
        check,
        evidenceFor: [...check.evidenceFor],
        health: outcome.health,
        outcome: outcome.outcome,
        result: outcome.result,
        diagnosticOutcome: { ...outcome, step: check.diagnostic },
      };
    });
  };

  return {
    ran,
    get remainingBudget() {
      return Math.max(0, options.maxChecks - started);
    },
    find(check) {
      return ran.get(check.checkId) ?? byFingerprint.get(check.fingerprint);
    },
    async run(checks, hypothesisId) {
      const fresh: BoundCheck[] = [];
      const seen = new Set<string>();
      for (const check of checks) {
        const earlier = byFingerprint.get(check.fingerprint);
        if (earlier) {
          for (const category of check.evidenceFor) {
            if (!earlier.evidenceFor.includes(category)) earlier.evidenceFor.push(category);
          }
          continue;
        }
        if (seen.has(check.fingerprint) || ran.has(check.checkId)) continue;
        seen.add(check.fingerprint);
        fresh.push(check);
      }
      const budgeted = fresh.slice(0, Math.max(0, options.maxChecks - started));
      started += budgeted.length;
      const groups = new Map<string, BoundCheck[]>();
      for (const check of budgeted) {
        const key = check.runbook.definition.id;
        groups.set(key, [...(groups.get(key) ?? []), check]);
      }
      const results = (
        await Promise.all([...groups.values()].map((group) => runGroup(group, hypothesisId)))
      ).flat();
      for (const result of results) {
        for (const check of checks) {
          if (check.fingerprint !== result.check.fingerprint) continue;
          for (const category of check.evidenceFor) {
            if (!result.evidenceFor.includes(category)) result.evidenceFor.push(category);
          }
        }
        ran.set(result.check.checkId, result);
        byFingerprint.set(result.check.fingerprint, result);
      }
      return results;
    },
  };
}
