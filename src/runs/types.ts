import type { ApprovalRequest, Approver } from '../approvals/types.ts';
import type {
  Conclusion,
  ProgressEvent,
  ProgressSink,
  RunbookRef,
  RunKind,
  RunStatus,
} from '../engine/events.ts';
import type { InvestigationResult, InvestigationTrigger } from '../investigation/types.ts';
import type { StepAnswer, WaitingStep } from './step-prompts.ts';

export type { StepAnswer, WaitingStep } from './step-prompts.ts';

/** Where a run was started from and where its progress is shown. */
export interface RunOrigin {
  source: 'slack' | 'cli' | 'alert' | 'sweep' | 'api' | 'mcp';
  channel?: string;
  threadTs?: string;
}

export interface RunRecord {
  id: string;
  kind: RunKind;
  target: string;
  runbook?: RunbookRef;
  params: Record<string, string | number | boolean>;
  status: RunStatus;
  actor: string;
  origin: RunOrigin;
  startedAt: string;
  finishedAt?: string;
  /** The timeline, oldest first (bounded). */
  events: ProgressEvent[];
  conclusion?: Conclusion;
  reportMarkdown?: string;
  /** An investigation's structured result (hypotheses, evidence, checks, knowledge, planner, token usage). */
  investigation?: InvestigationResult;
  /** Approvals requested by this run. */
  approvalIds: string[];
  /** The runbook version each approval's validation re-runs (an investigation's proposals may come from several). */
  approvalRunbooks?: Record<string, RunbookRef>;
  /** The parameters each approval's remediation was planned with (an investigation resolves them per runbook). */
  approvalParams?: Record<string, Record<string, string | number | boolean>>;
  /** Warnings shown when the run started (e.g. a draft runbook). */
  warnings?: string[];
}

export interface RunHandle {
  runId: string;
  /** Settles when the run reaches completed, failed or cancelled. */
  done: Promise<RunRecord>;
}

export interface RunFilter {
  status?: RunStatus;
  runbookId?: string;
  target?: string;
  limit?: number;
}

export type ApprovalDecision = 'approve' | 'deny';

/**
 * The one service layer every entry point calls (Slack, CLI, alert webhooks, sweeps, HTTP API, MCP).
 * Only the sink differs between them.
 */
export interface RunService {
  startRunbook(
    request: { runbookId: string; params: Record<string, string>; actor: string; origin: RunOrigin },
    sink?: ProgressSink,
  ): Promise<RunHandle>;
  startInvestigation(
    request: { trigger: InvestigationTrigger; actor: string; origin: RunOrigin },
    sink?: ProgressSink,
  ): Promise<RunHandle>;
  get(runId: string): Promise<RunRecord | undefined>;
  list(filter?: RunFilter): Promise<RunRecord[]>;
  /** Live events of a run; returns an unsubscribe function. */
  subscribe(runId: string, sink: ProgressSink): () => void;
  pause(runId: string, actor: string): Promise<RunRecord>;
  resume(runId: string, actor: string): Promise<RunRecord>;
  abort(runId: string, actor: string): Promise<RunRecord>;
  /** Approve or deny; an approval executes its action at most once, then validates it. */
  decideApproval(
    approvalId: string,
    decision: ApprovalDecision,
    approver: Approver,
  ): Promise<ApprovalRequest>;
  /**
   * Answers a procedure step waiting for a person: `done`, `skipped` or `failed` for an instruction,
   * `approve` or `deny` for an approval step (approvers only). Throws RunbookError when nothing waits.
   */
  answerStep(
    runId: string,
    stepId: string,
    answer: StepAnswer,
    actor: Approver,
    note?: string,
  ): Promise<void>;
  /** Procedure steps of live runs waiting for a person (all runs when runId is absent). */
  waitingSteps(runId?: string): WaitingStep[];
  /** Stop taking work and wait for in-flight steps (graceful shutdown). A paused run stays paused. */
  close(): Promise<void>;
}
