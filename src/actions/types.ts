import type { ActionSpecDefinition, ActionType, Risk } from '../runbooks/schema.ts';

/**
 * A planned action: exactly what would be done, before anybody approves it. Its `hash` covers
 * every field that changes what runs, so an approval is bound to this exact plan.
 */
export interface PlannedAction {
  type: ActionType;
  /** Human-readable target: `deployment/production/checkout`, `command: pg-terminate-idle`. */
  target: string;
  /** One sentence: what will happen. */
  description: string;
  risk: Risk;
  mutates: boolean;
  /** The exact request or command, for the approval message: a JSON patch, an argv line. */
  dryRun: string;
  /** The resolved spec (parameters substituted) that `execute` will carry out. */
  spec: ActionSpecDefinition;
  /** How to undo it: a description, and the inverse action when one can be computed. */
  rollback: { description: string; action?: ActionSpecDefinition };
  /** sha256 over type, target, spec and risk (hex). */
  hash: string;
}

/** Proof that an authorised person approved this exact plan. */
export interface ApprovalGrant {
  approvalId: string;
  planHash: string;
  approvedBy: string;
  approvedAt: string;
}

export interface ActionOutcome {
  status: 'succeeded' | 'failed';
  summary: string;
  /** What the target said: response body excerpt, command output (bounded, redacted). */
  output?: string;
  /** Facts needed to undo it later (e.g. the revision rolled back from). */
  undo?: { description: string; action?: ActionSpecDefinition };
  durationMs: number;
}

/**
 * The write side. `plan` is a dry run and touches nothing; `execute` refuses (throws
 * RunbookError 'action.refused') unless the grant's planHash equals the plan's hash.
 */
export interface Action<T extends ActionType = ActionType> {
  readonly type: T;
  plan(spec: Extract<ActionSpecDefinition, { type: T }>, risk: Risk): Promise<PlannedAction>;
  execute(planned: PlannedAction, grant: ApprovalGrant): Promise<ActionOutcome>;
}

export type ActionRegistry = { [T in ActionType]?: Action<T> };
