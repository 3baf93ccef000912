import type { StateStore } from '../state/types.ts';
import type { ApprovalCard } from './render-approval.ts';

/** Where an approval message was posted and what it showed, so it can be updated in place later. */
export interface ApprovalMessage {
  approvalId: string;
  runId: string;
  channel: string;
  ts: string;
  threadTs?: string;
  card: ApprovalCard;
}

const TTL_MS = 30 * 24 * 3_600_000;
const messageKey = (approvalId: string) => `slack-approval-message:${approvalId}`;

export interface ApprovalMessages {
  save(message: ApprovalMessage): Promise<void>;
  find(approvalId: string): Promise<ApprovalMessage | undefined>;
  /**
   * True for the first caller only: the run's live sink and the click handler may both want to
   * post a decision in the thread; a set-if-absent claim makes exactly one of them do it.
   */
  claimAnnouncement(approvalId: string, what: 'decision' | 'result'): Promise<boolean>;
}

export function createApprovalMessages(store: StateStore): ApprovalMessages {
  return {
    save: (message) => store.set(messageKey(message.approvalId), message, TTL_MS),
    find: (approvalId) => store.get<ApprovalMessage>(messageKey(approvalId)),
    claimAnnouncement: (approvalId, what) =>
      store.claim(`slack-approval-announced:${what}:${approvalId}`, TTL_MS),
  };
}
