import type { ProcedureState, StepPorts } from './types.ts';

/**
 * Proposes the inverse of every action the procedure took, newest first, each as its own approval,
 * waiting for each decision before the next. Returns one line per action.
 */
export async function walkBack(ports: StepPorts, state: ProcedureState): Promise<string[]> {
  const lines: string[] = [];
  for (const action of [...state.actions].reverse()) {
    if (ports.signal.aborted) break;
    const outcome = await ports.rollback(action, ports.signal);
    lines.push(`${action.remediationId}: rollback ${outcome.status} (${outcome.summary})`);
  }
  return lines;
}
