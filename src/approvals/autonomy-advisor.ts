import { open } from 'node:fs/promises';
import type { AuditRecord } from '../audit/types.ts';
import { errorMessage } from '../errors/index.ts';
import type { Risk } from '../runbooks/schema.ts';
import { type AutonomyRecord, autonomyRecords, EMPTY_RECORD, remediationKey } from './autonomy-record.ts';

/** A remediation's `autoApprove` policy from its runbook. */
export interface AutoApprovePolicy {
  maxRisk: 'low' | 'medium';
  after: number;
}

/** What the approval request carries: the record (always shown) and whether it runs without waiting. */
export interface AutonomyVerdict {
  record: AutonomyRecord;
  eligible: boolean;
  /** Why it is (or is not) auto-approved, in words for the thread and the audit log. */
  reason: string;
}

export interface AutonomyAdvisor {
  verdict(input: {
    runbookId: string;
    remediationId: string;
    risk: Risk;
    policy: AutoApprovePolicy | undefined;
  }): Promise<AutonomyVerdict>;
}

const RISK_RANK: Record<Risk, number> = { low: 0, medium: 1, high: 2 };
/** The audit log can grow for years; the record looks at its most recent part. */
const MAX_AUDIT_BYTES = 32 * 1024 * 1024;

async function readRecentAudit(
  path: string,
): Promise<Array<Pick<AuditRecord, 'type' | 'run_id' | 'runbook' | 'data'>>> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const start = Math.max(0, size - MAX_AUDIT_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    if (start > 0) lines.shift(); // the first line may be cut
    return lines.flatMap((line) => {
      if (line.trim() === '') return [];
      try {
        return [JSON.parse(line) as AuditRecord];
      } catch (error) {
        // A torn last line (a crash mid-write) is not part of the record.
        if (error instanceof SyntaxError) return [];
        throw error;
      }
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`cannot read the audit log ${path} for track records: ${errorMessage(error)}`, {
      cause: error,
    });
  } finally {
    await handle?.close();
  }
}

/**
 * Earned autonomy: reads the audit log (its last 32 MiB) for the remediation's track record and
 * decides whether the next run may go without waiting. Never for high risk, never above the
 * policy's `maxRisk`, never before `after` consecutive validated successes.
 */
export function createAutonomyAdvisor(auditPath: string): AutonomyAdvisor {
  return {
    async verdict({ runbookId, remediationId, risk, policy }) {
      const record = autonomyRecords(await readRecentAudit(auditPath)).get(
        remediationKey(runbookId, remediationId),
      ) ?? {
        ...EMPTY_RECORD,
      };
      if (!policy) return { record, eligible: false, reason: 'no autoApprove policy' };
      if (risk === 'high') return { record, eligible: false, reason: 'high risk is never auto-approved' };
      if (RISK_RANK[risk] > RISK_RANK[policy.maxRisk]) {
        return {
          record,
          eligible: false,
          reason: `${risk} risk is above the policy's maxRisk ${policy.maxRisk}`,
        };
      }
      if (record.streak < policy.after) {
        return {
          record,
          eligible: false,
          reason: `${record.streak} of ${policy.after} validated approvals needed since the last failure`,
        };
      }
      return {
        record,
        eligible: true,
        reason: `earned: ${record.streak} approved runs validated in a row (policy: after ${policy.after}, up to ${policy.maxRisk} risk)`,
      };
    },
  };
}
