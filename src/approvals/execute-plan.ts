import type { ActionOutcome, ActionRegistry, ApprovalGrant, PlannedAction } from '../actions/types.ts';
import { errorMessage } from '../errors/index.ts';

/** Runs the approved plan; a missing action or a throw becomes a `failed` outcome, never an exception. */
export async function executePlan(
  actions: ActionRegistry,
  plan: PlannedAction,
  grant: ApprovalGrant,
  now: () => Date,
): Promise<ActionOutcome> {
  const started = now().getTime();
  const action = actions[plan.type];
  if (!action) {
    return {
      status: 'failed',
      summary: `no "${plan.type}" action is configured; nothing was done`,
      durationMs: 0,
    };
  }
  try {
    return await action.execute(plan, grant);
  } catch (error) {
    return {
      status: 'failed',
      summary: `${plan.type} ${plan.target} failed: ${errorMessage(error)}`,
      durationMs: now().getTime() - started,
    };
  }
}
