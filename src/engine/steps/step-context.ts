import { evaluateCondition } from '../../expressions/index.ts';
import type { ProcedureState, StepPorts } from './types.ts';

/** What `if:`, preconditions and success criteria read (STEP_VARIABLES). */
export function stepContext(
  ports: Pick<StepPorts, 'params'>,
  state: ProcedureState,
): Record<string, unknown> {
  return { params: ports.params, steps: state.results, diagnostics: state.diagnostics };
}

/** A condition written in the runbook, evaluated; an evaluation error is reported, never taken as true. */
export function conditionHolds(
  ports: Pick<StepPorts, 'expression' | 'params'>,
  state: ProcedureState,
  source: string,
): { holds: boolean; error?: string } {
  const result = evaluateCondition(ports.expression(source), stepContext(ports, state));
  if (!result.ok) return { holds: false, error: result.error };
  return { holds: result.matched };
}
