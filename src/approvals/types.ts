import type { ActionOutcome, PlannedAction } from '../actions/types.ts';

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
}

/** Who clicked: a Slack user (with the user groups they belong to), a CLI user, an API token. */
export interface Approver {
  id: string;
  groups?: string[];
  via: 'slack' | 'cli' | 'api';
}
