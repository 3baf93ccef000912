import type { ActionSpecDefinition } from '../../runbooks/schema.ts';
import type { PlannedAction } from '../types.ts';
import type { PatchRequest } from './patch-request.ts';
import type { ResolvedTarget } from './read-target.ts';

/** What each planner works out; `build-plan.ts` turns it into a hashed PlannedAction. */
export interface PlanParts {
  target: ResolvedTarget;
  /** The spec with its target namespace resolved and parameters as concrete values. */
  spec: ActionSpecDefinition;
  request: PatchRequest;
  description: string;
  rollback: PlannedAction['rollback'];
}
