import type { ActionOutcome, PlannedAction } from '../actions/types.ts';
import type { AutonomyVerdict } from './autonomy-advisor.ts';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'executed' | 'failed';

/**
 * A request for a person to approve one planned action. `pending → approved | denied | expired`,
 * then `executed` (or `failed`) claimed atomically so the action runs once across double clicks,
 * Slack retries, restarts and replicas.
 */
export interface ApprovalRequest {
  id: string;
  runId: string;
  runbookId: string;
  runbookVersion: string;
  remediationId: string;
  plan: PlannedAction;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  status: ApprovalStatus;
  decidedBy?: string;
  decidedAt?: string;
  outcome?: ActionOutcome;
  /** Where the approval message lives, so it can be updated in place. */
  channel?: string;
  messageTs?: string;
  /** The remediation's track record and whether earned autonomy approves it without waiting. */
  autonomy?: AutonomyVerdict;
}

/** Who clicked: a Slack user (with the user groups they belong to), a CLI user, an API token. */
export interface Approver {
  id: string;
  groups?: string[];
  /** `autonomy`: earned autonomy, allowed only on a request whose `autonomy.eligible` is true. */
  via: 'slack' | 'cli' | 'api' | 'autonomy';
}

/** Who may approve, and for how long a request stays open. */
export interface ApprovalPolicy {
  /** Slack user ids (`U…`, `W…`) and user-group ids (`S…`) allowed to approve (`RUNBOOK_APPROVERS`). */
  approvers: string[];
  /** Per-runbook approvers (RUNBOOK_CONFIG `approvers.runbooks`): for these runbooks they replace `approvers`. */
  approversByRunbook?: Record<string, string[]>;
  /** Whether the requester may approve their own high-risk action alone. Default false. */
  allowSelfApproveHighRisk?: boolean;
  /** How long a request stays open when the caller gives no TTL (30 minutes is usual). */
  defaultTtlMs: number;
}

export interface NewApprovalRequest {
  runId: string;
  runbookId: string;
  runbookVersion: string;
  remediationId: string;
  plan: PlannedAction;
  requestedBy: string;
  ttlMs?: number;
  channel?: string;
  autonomy?: AutonomyVerdict;
}

/**
 * Approval requests, who may decide them, and claim-once execution of the approved action.
 * Every attempt (granted or refused) is written to the audit log.
 */
export interface ApprovalService {
  request(input: NewApprovalRequest): Promise<ApprovalRequest>;
  /**
   * Approve (and then execute, exactly once) or deny. Throws RunbookError `approval.not_found`,
   * `approval.unauthorized`, `approval.expired` or `approval.already_decided`; repeating the decision
   * already taken returns the current request and changes nothing.
   */
  decide(approvalId: string, decision: 'approve' | 'deny', approver: Approver): Promise<ApprovalRequest>;
  get(approvalId: string): Promise<ApprovalRequest | undefined>;
  /** Open requests, oldest first. */
  listPending(): Promise<ApprovalRequest[]>;
  /** Marks every overdue pending request expired and returns them. */
  expireDue(): Promise<ApprovalRequest[]>;
  /** Remembers where the approval message was posted, so it can be updated in place. */
  recordMessage(
    approvalId: string,
    message: { channel: string; messageTs: string },
  ): Promise<ApprovalRequest>;
}
