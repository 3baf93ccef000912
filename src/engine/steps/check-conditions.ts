import type { FlowConditionDefinition } from '../../runbooks/index.ts';
import { referencedDiagnostics } from '../decision-context.ts';
import { conditionHolds } from './step-context.ts';
import type { ProcedureState, StepPorts } from './types.ts';

function sourceOf(condition: FlowConditionDefinition): string {
  return typeof condition === 'string' ? condition : condition.expression;
}

/**
 * Checks conditions in order, first re-running the runbook diagnostics they read so they judge
 * the world as it is now. Returns the reason of the first that does not hold, or undefined.
 */
export async function firstUnmet(
  conditions: readonly FlowConditionDefinition[],
  ports: StepPorts,
  state: ProcedureState,
): Promise<string | undefined> {
  const ids = new Set(conditions.flatMap((condition) => referencedDiagnostics(sourceOf(condition))));
  const fresh = [...ids].filter((id) => ports.diagnosticIds.includes(id));
  const outcomes = await Promise.all(fresh.map((id) => ports.diagnostic(id, ports.signal)));
  fresh.forEach((id, index) => {
    const view = outcomes[index]?.view;
    if (view) state.diagnostics[id] = view;
  });
  for (const condition of conditions) {
    const source = sourceOf(condition);
    const result = conditionHolds(ports, state, source);
    if (result.holds) continue;
    const message = typeof condition === 'string' ? undefined : condition.message;
    return `${message ?? source}${result.error === undefined ? '' : ` (${result.error})`}`;
  }
  return undefined;
}
