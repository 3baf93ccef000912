import type { AutonomyVerdict } from '../approvals/index.ts';
import type { RecommendedRemediation } from '../engine/events.ts';
import type { Risk } from '../runbooks/schema.ts';
import type { RunServiceDeps } from './deps.ts';

/**
 * The remediation's track record and earned-autonomy verdict, from the runbook version that
 * proposed it (its `autoApprove` policy) and the audit log. Undefined when autonomy is off or
 * the remediation has no policy (nothing to earn, so the audit log is not read).
 */
export async function autonomyVerdict(
  remediation: RecommendedRemediation,
  risk: Risk,
  hash: string | undefined,
  deps: Pick<RunServiceDeps, 'autonomy' | 'catalog'>,
): Promise<AutonomyVerdict | undefined> {
  if (!deps.autonomy) return undefined;
  const runbook =
    (hash === undefined ? undefined : deps.catalog.getVersion(remediation.runbookId, hash)) ??
    deps.catalog.get(remediation.runbookId);
  const policy = runbook?.definition.remediations.find(
    (entry) => entry.id === remediation.remediationId,
  )?.autoApprove;
  if (!policy) return undefined;
  return deps.autonomy.verdict({
    runbookId: remediation.runbookId,
    remediationId: remediation.remediationId,
    risk,
    policy,
  });
}
