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
  /**
   * What `execute` sends beyond the spec, when the spec alone does not determine it (escalate: the
   * PagerDuty event and the Slack post). Hashed with the rest when present.
   */
  request?: Record<string, unknown>;
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

/** What the caller knows beyond the spec: the remediation's rollback text, where messages go, which run. */
export interface PlanOptions {
  /** The remediation's `rollback` text; without it the plan says "none: <why>". */
  rollback?: string;
  /** Where notify/escalate post when the spec names no channel (the runbook's escalation channel). */
  channel?: string;
  /** The run this action belongs to, for messages and pages. */
  run?: { id?: string; runbookId?: string; service?: string; severity?: string; summary?: string };
}

/**
 * The write side. `plan` is a dry run and touches nothing; `execute` refuses (throws
 * RunbookError 'action.refused') unless the grant's planHash equals the plan's hash.
 */
export interface Action<T extends ActionType = ActionType> {
  readonly type: T;
  plan(
    spec: Extract<ActionSpecDefinition, { type: T }>,
    risk: Risk,
    options?: PlanOptions,
  ): Promise<PlannedAction>;
  execute(planned: PlannedAction, grant: ApprovalGrant): Promise<ActionOutcome>;
}

export type ActionRegistry = { [T in ActionType]?: Action<T> };
