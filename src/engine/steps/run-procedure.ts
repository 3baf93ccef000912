import { RunbookError } from '../../errors/index.ts';
import type { FlowConditionDefinition, FlowStep } from '../../runbooks/index.ts';
import { allFlowSteps } from '../../runbooks/index.ts';
import { firstUnmet } from './check-conditions.ts';
import { executeStep } from './execute-step.ts';
import type { ProcedureState, StepPorts } from './types.ts';
import { walkBack } from './walk-back.ts';

export interface ProcedureDefinition {
  steps: readonly FlowStep[];
  preconditions?: readonly FlowConditionDefinition[] | undefined;
  successCriteria?: readonly FlowConditionDefinition[] | undefined;
  onFailure?: 'stop' | 'rollback' | undefined;
}

export interface ProcedureResult {
  /** `stopped`: aborted or suspended at a boundary; the state says where. */
  status: 'completed' | 'failed' | 'stopped';
  summary: string;
}

export function newProcedureState(): ProcedureState {
  return { next: 0, results: {}, diagnostics: {}, actions: [], started: false };
}

async function fail(
  procedure: ProcedureDefinition,
  ports: StepPorts,
  state: ProcedureState,
  reason: string,
): Promise<ProcedureResult> {
  if (procedure.onFailure !== 'rollback' || state.actions.length === 0)
    return { status: 'failed', summary: reason };
  const lines = await walkBack(ports, state);
  return { status: 'failed', summary: `${reason}; walked back: ${lines.join('; ')}` };
}

/**
 * A procedure from `state.next` on: preconditions (once; refused with the reason when one does not
 * hold), each step in order with a boundary before it (pause, abort, persistence), the success
 * criteria after every action and at the end, and a walk-back of the actions taken when a criterion
 * or a step fails and `onFailure: rollback` is set.
 */
export async function runProcedure(
  procedure: ProcedureDefinition,
  ports: StepPorts,
  state: ProcedureState,
): Promise<ProcedureResult> {
  const criteria = procedure.successCriteria ?? [];
  if (!state.started) {
    for (const step of allFlowSteps(procedure.steps)) ports.changed(step, 'pending');
    const unmet = await firstUnmet(procedure.preconditions ?? [], ports, state);
    if (unmet !== undefined) throw new RunbookError('run.refused', `precondition not met: ${unmet}`);
    state.started = true;
  }
  while (state.next < procedure.steps.length) {
    if (!(await ports.boundary(state))) return { status: 'stopped', summary: 'stopped at a step boundary' };
    const step = procedure.steps[state.next];
    if (!step) break;
    const result = await executeStep(step, ports, state);
    state.next += 1;
    if (result.status === 'failed' && !step.continueOnError) {
      return fail(procedure, ports, state, `step ${step.id} failed: ${result.summary}`);
    }
    if (step.kind === 'action' && result.status === 'complete' && criteria.length > 0) {
      const unmet = await firstUnmet(criteria, ports, state);
      if (unmet !== undefined) {
        return fail(procedure, ports, state, `success criterion failed after ${step.id}: ${unmet}`);
      }
    }
  }
  if (!(await ports.boundary(state))) return { status: 'stopped', summary: 'stopped at a step boundary' };
  const unmet = await firstUnmet(criteria, ports, state);
  if (unmet !== undefined) return fail(procedure, ports, state, `success criterion failed: ${unmet}`);
  const counts = Object.values(state.results).reduce<Record<string, number>>((totals, result) => {
    totals[result.status] = (totals[result.status] ?? 0) + 1;
    return totals;
  }, {});
  const parts = Object.entries(counts).map(([status, count]) => `${count} ${status}`);
  return { status: 'completed', summary: `procedure finished: ${parts.join(', ')}` };
}
