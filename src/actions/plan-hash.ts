import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/index.ts';
import { RunbookError } from '../errors/index.ts';
import type { ApprovalGrant, PlannedAction } from './types.ts';

/**
 * sha256 (hex) of the canonical JSON of {type, target, spec, risk, dryRun} (plus `request` when a
 * plan has one): everything that changes what runs.
 */
export function hashPlan(
  plan: Pick<PlannedAction, 'type' | 'target' | 'spec' | 'risk' | 'dryRun' | 'request'>,
): string {
  const { type, target, spec, risk, dryRun, request } = plan;
  return createHash('sha256')
    .update(canonicalJson({ type, target, spec, risk, dryRun, request }))
    .digest('hex');
}

/**
 * Throws `action.refused` unless the grant approves exactly this plan: the grant's hash must equal
 * the plan's, and the plan must still hash to it (a plan edited after approval is refused too).
 */
export function assertGranted(
  planned: PlannedAction,
  grant: ApprovalGrant | undefined,
  type: PlannedAction['type'],
): void {
  if (planned.type !== type) {
    throw new RunbookError(
      'action.refused',
      `a ${planned.type} plan cannot be executed by the ${type} action`,
    );
  }
  if (!grant || typeof grant.planHash !== 'string') {
    throw new RunbookError('action.refused', `${planned.target}: no approval was given for this plan`);
  }
  if (grant.planHash !== planned.hash) {
    throw new RunbookError(
      'action.refused',
      `${planned.target}: approval ${grant.approvalId} is for a different plan (hash ${grant.planHash.slice(0, 12)}…, this plan ${planned.hash.slice(0, 12)}…)`,
    );
  }
  if (hashPlan(planned) !== planned.hash) {
    throw new RunbookError('action.refused', `${planned.target}: the plan was changed after it was approved`);
  }
}
