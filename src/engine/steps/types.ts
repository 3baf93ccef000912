import type { PlannedAction } from '../../actions/types.ts';
import type { CompiledExpression } from '../../expressions/index.ts';
import type { DiagnosticDefinition, FlowStep } from '../../runbooks/index.ts';
import type { DiagnosticView } from '../decision-context.ts';
import type { HealthStatus } from '../events.ts';

export type StepStatus = 'pending' | 'running' | 'complete' | 'failed' | 'skipped' | 'waiting';

/** What `steps.<id>` holds in later `if:` conditions and success criteria. */
export interface StepResult {
  status: 'complete' | 'failed' | 'skipped';
  summary: string;
  /** Diagnostic steps: the check's number and health. */
  value?: number | null;
  health?: HealthStatus;
  /** Instruction steps: done, skipped or failed; approval steps: approved or denied. */
  answer?: string;
  attempts: number;
}

/** An action a procedure carried out, kept so a failed success criterion can walk it back. */
export interface TakenAction {
  stepId: string;
  remediationId: string;
  approvalId: string;
  plan: PlannedAction;
}

/** Everything a procedure needs to carry on after a pause, a restart included. */
export interface ProcedureState {
  /** Index of the next top-level step to run. */
  next: number;
  results: Record<string, StepResult>;
  diagnostics: Record<string, DiagnosticView>;
  actions: TakenAction[];
  /** Set once the preconditions held, so a resumed run does not check them again. */
  started: boolean;
}

export interface StepOutcome {
  ok: boolean;
  summary: string;
  value?: number | null;
  health?: HealthStatus;
  answer?: string;
  view?: DiagnosticView;
}

/** The outcome of an approval-gated action, decided by a person. */
export interface ActionStepOutcome {
  status: 'succeeded' | 'failed' | 'denied' | 'expired' | 'unplanned';
  summary: string;
  approvalId?: string;
  plan?: PlannedAction;
}

/**
 * The edges a procedure runs through: the engine decides order, conditions, retries and
 * rollbacks; the run service supplies checks, approvals, people, time and persistence.
 */
export interface StepPorts {
  signal: AbortSignal;
  now(): Date;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  expression(source: string): CompiledExpression;
  params: Readonly<Record<string, string | number | boolean>>;
  changed(step: FlowStep, status: StepStatus, summary?: string): void;
  /** Between top-level steps: stores the state, waits while paused; false when the run must stop here. */
  boundary(state: ProcedureState): Promise<boolean>;
  diagnostic(definition: string | DiagnosticDefinition, signal: AbortSignal): Promise<StepOutcome>;
  /** Plans the remediation, requests its approval and waits for the decision and the outcome. */
  action(step: FlowStep & { kind: 'action' }, signal: AbortSignal): Promise<ActionStepOutcome>;
  approval(step: FlowStep & { kind: 'approval' }, signal: AbortSignal): Promise<StepOutcome>;
  instruction(step: FlowStep & { kind: 'instruction' }, signal: AbortSignal): Promise<StepOutcome>;
  runbook(step: FlowStep & { kind: 'runbook' }, signal: AbortSignal): Promise<StepOutcome>;
  /** Requests approval of the inverse of a taken action and waits for its outcome. */
  rollback(action: TakenAction, signal: AbortSignal): Promise<ActionStepOutcome>;
  /** Whether `agent: true` instructions are carried out by the model (an API key is set). */
  hasAgent?: boolean;
  /** Runbook-level diagnostics by id (to re-run for preconditions and success criteria). */
  diagnosticIds: readonly string[];
}
