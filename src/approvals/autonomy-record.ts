import type { AuditRecord } from '../audit/types.ts';

/** A remediation's track record, as the approval message shows it ("approved 12 times, validated 12/12"). */
export interface AutonomyRecord {
  /** Approvals of this remediation (by people and by earned autonomy). */
  approved: number;
  /** Executions followed by a validation. */
  validated: number;
  /** Of those, validations that passed. */
  validatedPassed: number;
  /** Approved runs whose validation passed since the last failure (a failed action or validation resets it). */
  streak: number;
}

export const EMPTY_RECORD: AutonomyRecord = { approved: 0, validated: 0, validatedPassed: 0, streak: 0 };

/** `runbookId/remediationId`: what a track record belongs to. */
export const remediationKey = (runbookId: string, remediationId: string) => `${runbookId}/${remediationId}`;

const field = (data: unknown, name: string): unknown =>
  data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[name] : undefined;

/**
 * Pure: every remediation's track record from audit records, oldest first. `approval.requested`
 * ties an approval to its remediation; `approval.approved` counts; `action.executed` failing resets
 * the streak; the run's next `validation.finished` after an execution passes (streak + 1) or fails
 * (streak back to 0).
 */
export function autonomyRecords(
  records: Iterable<Pick<AuditRecord, 'type' | 'run_id' | 'runbook' | 'data'>>,
) {
  const byApproval = new Map<string, string>();
  const awaitingValidation = new Map<string, string>();
  const result = new Map<string, AutonomyRecord>();
  const recordOf = (key: string) => {
    const found = result.get(key) ?? { ...EMPTY_RECORD };
    result.set(key, found);
    return found;
  };
  for (const entry of records) {
    const approvalId = field(entry.data, 'approvalId');
    switch (entry.type) {
      case 'approval.requested': {
        const remediationId = field(entry.data, 'remediationId');
        if (typeof approvalId === 'string' && typeof remediationId === 'string' && entry.runbook) {
          byApproval.set(approvalId, remediationKey(entry.runbook, remediationId));
        }
        break;
      }
      case 'approval.approved': {
        const key = typeof approvalId === 'string' ? byApproval.get(approvalId) : undefined;
        if (key) recordOf(key).approved += 1;
        break;
      }
      case 'action.executed': {
        const key = typeof approvalId === 'string' ? byApproval.get(approvalId) : undefined;
        if (!key) break;
        if (field(entry.data, 'status') === 'succeeded') {
          if (entry.run_id) awaitingValidation.set(entry.run_id, key);
        } else {
          recordOf(key).streak = 0;
        }
        break;
      }
      case 'validation.finished': {
        const key = entry.run_id ? awaitingValidation.get(entry.run_id) : undefined;
        if (!key || !entry.run_id) break;
        awaitingValidation.delete(entry.run_id);
        const record = recordOf(key);
        record.validated += 1;
        if (field(entry.data, 'passed') === true) {
          record.validatedPassed += 1;
          record.streak += 1;
        } else {
          record.streak = 0;
        }
        break;
      }
      default:
        break;
    }
  }
  return result;
}

/** "approved 12 times, validated 12/12" */
export function describeRecord(record: AutonomyRecord): string {
  const times = record.approved === 1 ? 'once' : `${record.approved} times`;
  return `approved ${times}, validated ${record.validatedPassed}/${record.validated}`;
}
