import { RunbookError } from '../errors/index.ts';
import type { StateStore } from '../state/index.ts';
import type { ApprovalRequest } from './types.ts';

/** How long a decided request (and its claim) is kept after it expires, for listings and repeated clicks. */
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export const approvalKey = (id: string) => `approval:${id}`;
/** The one slot a decision takes: approve, deny and expiry all claim it, so exactly one of them wins. */
export const decisionSlotKey = (id: string) => `approval-exec:${id}`;

/** Keep the record and its claim until well after the request can no longer be decided. */
export function retentionMs(request: ApprovalRequest, nowMs: number): number {
  return Math.max(0, Date.parse(request.expiresAt) - nowMs) + RETENTION_MS;
}

export interface ApprovalRecords {
  find(id: string): Promise<ApprovalRequest | undefined>;
  load(id: string): Promise<ApprovalRequest>;
  save(request: ApprovalRequest): Promise<ApprovalRequest>;
  /** Re-reads the latest copy and applies `patch` to it, so fields others wrote in between are kept. */
  update(id: string, patch: Partial<ApprovalRequest>): Promise<ApprovalRequest>;
  list(): Promise<ApprovalRequest[]>;
}

export function approvalRecords(store: StateStore, now: () => Date): ApprovalRecords {
  const load = async (id: string) => {
    const request = await store.get<ApprovalRequest>(approvalKey(id));
    if (!request) {
      throw new RunbookError(
        'approval.not_found',
        `approval ${id} does not exist or is older than its retention; ask for a new approval by re-running the remediation`,
      );
    }
    return request;
  };
  const save = async (request: ApprovalRequest) => {
    await store.set(approvalKey(request.id), request, retentionMs(request, now().getTime()));
    return request;
  };
  return {
    find: (id) => store.get<ApprovalRequest>(approvalKey(id)),
    load,
    save,
    update: async (id, patch) => save({ ...(await load(id)), ...patch }),
    async list() {
      const keys = await store.keys(approvalKey(''));
      const found = await Promise.all(keys.map((key) => store.get<ApprovalRequest>(key)));
      return found
        .filter((request): request is ApprovalRequest => request !== undefined)
        .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
    },
  };
}
