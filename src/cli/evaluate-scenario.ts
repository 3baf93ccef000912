import type { Conclusion, ProgressEvent } from '../engine/events.ts';
import { errorMessage } from '../errors/index.ts';
import { checkScenarioRun } from '../scenarios/index.ts';
import { type ScenarioAppOptions, withScenarioApp } from './scenario-app.ts';

export interface ScenarioEvaluation {
  id: string;
  dir: string;
  passed: boolean;
  failures: string[];
  expected: { rootCause: string; resource?: string; remediation?: string[] };
  concluded?: {
    category: string;
    resource?: string;
    confidence: string;
    summary: string;
    remediations: string[];
  };
  /** Alert → first piece of evidence (a finished check). */
  firstEvidenceMs?: number;
  /** Alert → conclusion. */
  conclusionMs?: number;
  durationMs: number;
}

/**
 * Runs one scenario the way production runs an alert: its environment on loopback, the alert
 * through the run service's investigation path, then the checks of FORMAT.md.
 */
export async function evaluateScenario(
  dir: string,
  options: Omit<ScenarioAppOptions, 'applyKubernetesWrites'> & { onEvent?: (event: ProgressEvent) => void },
): Promise<ScenarioEvaluation> {
  const startedAt = performance.now();
  try {
    return await withScenarioApp(dir, options, async (app, environment) => {
      const { scenario, alert } = environment;
      const alertAt = performance.now();
      let firstEvidenceMs: number | undefined;
      let conclusionMs: number | undefined;
      const handle = await app.runs.startInvestigation(
        { trigger: { target: alert.name, alert }, actor: 'eval', origin: { source: 'cli' } },
        {
          emit(event) {
            if (event.type === 'check.finished' && firstEvidenceMs === undefined) {
              firstEvidenceMs = performance.now() - alertAt;
            }
            if (event.type === 'conclusion') conclusionMs = performance.now() - alertAt;
            options.onEvent?.(event);
          },
        },
      );
      const record = await handle.done;
      const writes = environment.kubernetes?.writes() ?? [];
      const expected = {
        rootCause: scenario.expect.rootCause,
        ...(scenario.expect.resource ? { resource: scenario.expect.resource } : {}),
        ...(scenario.expect.remediation ? { remediation: scenario.expect.remediation } : {}),
      };
      const base = {
        id: scenario.id,
        dir,
        expected,
        ...(firstEvidenceMs === undefined ? {} : { firstEvidenceMs }),
        ...(conclusionMs === undefined ? {} : { conclusionMs }),
      };
      const conclusion: Conclusion | undefined = record.conclusion;
      if (!conclusion) {
        return {
          ...base,
          passed: false,
          failures: [`the investigation ended ${record.status} without a conclusion`],
          durationMs: performance.now() - startedAt,
        };
      }
      const check = checkScenarioRun(scenario, { conclusion }, writes);
      // Nothing may run without a person: an investigation proposes, it never executes.
      const executed = record.events.filter((event) => event.type === 'action.finished');
      if (executed.length > 0) {
        check.passed = false;
        check.failures.push(`mutation: ${executed.length} action(s) ran during the investigation`);
      }
      return {
        ...base,
        passed: check.passed,
        failures: check.failures,
        concluded: {
          category: conclusion.category,
          ...(conclusion.resource ? { resource: conclusion.resource } : {}),
          confidence: conclusion.confidence,
          summary: conclusion.summary,
          remediations: conclusion.remediations.map((remediation) => remediation.actionType),
        },
        durationMs: performance.now() - startedAt,
      };
    });
  } catch (error) {
    return {
      id: dir.split('/').filter(Boolean).at(-1) ?? dir,
      dir,
      passed: false,
      failures: [`could not run: ${errorMessage(error)}`],
      expected: { rootCause: '?' },
      durationMs: performance.now() - startedAt,
    };
  }
}
