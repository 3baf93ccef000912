import { newProcedureState, type ProcedureState, runProcedure } from '../engine/index.ts';
import { RunbookError } from '../errors/index.ts';
import { flowSteps } from '../runbooks/index.ts';
import type { RunnableRunbook } from './deps.ts';
import type { LiveRun } from './live-run.ts';
import { type ProcedureDeps, procedurePorts } from './procedure-ports.ts';

/**
 * A procedure run after `run.started` (or resumed from its stored state): its steps in order with
 * pause and abort at each boundary. Returns the summary for `run.finished`; throws when it fails,
 * so the run ends `failed`.
 */
export async function executeProcedure(
  run: LiveRun,
  runbook: RunnableRunbook,
  params: Record<string, string | number | boolean>,
  deps: ProcedureDeps,
  state: ProcedureState = newProcedureState(),
): Promise<string> {
  const definition = runbook.definition;
  const result = await runProcedure(
    {
      steps: flowSteps(definition),
      preconditions: definition.preconditions,
      successCriteria: definition.successCriteria,
      onFailure: definition.onFailure,
    },
    procedurePorts(run, runbook, params, deps),
    state,
  );
  if (result.status === 'failed') throw new RunbookError('step.failed', result.summary);
  if (result.status === 'stopped')
    return run.suspended ? 'suspended while paused' : 'aborted at a step boundary';
  return result.summary;
}
