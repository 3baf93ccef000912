import type { Approver } from './types.ts';

/** Who decides an earned-autonomy approval, in the audit log and the thread. */
export const AUTONOMY_APPROVER: Approver = { id: 'runbook:autonomy', via: 'autonomy' };
