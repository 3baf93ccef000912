import type { RunbookRef } from '../engine/events.ts';
import { errorMessage } from '../errors/index.ts';
import { resolveParams } from '../runbooks/index.ts';
import type { RunbookCatalogPort } from './deps.ts';
import { diagnose, type ExecuteDeps } from './execute-runbook.ts';
import type { LiveRun } from './live-run.ts';

/**
 * After an action ran: re-runs the diagnostics of the runbook version the run pinned and reports
 * whether anything is still critical.
 */
export async function validateAfterAction(
  run: LiveRun,
  ref: RunbookRef | undefined,
  plannedWith: Readonly<Record<string, string | number | boolean>> | undefined,
  deps: Pick<ExecuteDeps, 'providers' | 'now' | 'concurrency' | 'defaultTimeoutMs'> & {
    catalog: RunbookCatalogPort;
  },
): Promise<void> {
  const runId = run.record.id;
  const finish = (passed: boolean, summary: string) =>
    run.emit({ type: 'validation.finished', runId, at: deps.now().toISOString(), passed, summary });
  if (!ref) return finish(false, 'not validated: the run has no runbook whose checks could be re-run');
  const runbook = await deps.catalog.getVersion(ref.id, ref.hash);
  if (!runbook) {
    return finish(
      false,
      `not validated: version ${ref.version} (${ref.hash}) of ${ref.id} is no longer loaded`,
    );
  }
  let params: Record<string, string | number | boolean>;
  try {
    const provided = Object.fromEntries(
      Object.entries(plannedWith ?? run.record.params).map(([key, value]) => [key, String(value)]),
    );
    params = resolveParams(runbook.definition, provided);
  } catch (error) {
    return finish(false, `not validated: ${errorMessage(error)}`);
  }
  const outcomes = await diagnose(runbook, params, { id: runId, signal: run.signal, emit: run.emit }, deps);
  const critical = outcomes
    .filter((outcome) => outcome.health === 'critical')
    .map((outcome) => outcome.step.id);
  const failed = outcomes.filter((outcome) => outcome.health === 'error').map((outcome) => outcome.step.id);
  if (critical.length > 0) return finish(false, `still critical: ${critical.join(', ')}`);
  // A check that could not run proves nothing either way: say so rather than call it a success.
  if (failed.length > 0) {
    return finish(false, `inconclusive: could not check ${failed.join(', ')} (${outcomes.length} checks)`);
  }
  finish(true, `no critical diagnostics after the action (${outcomes.length} checks)`);
}
