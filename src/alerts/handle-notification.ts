import { resolveAlert } from './resolve-alert.ts';
import { startAlertInvestigation } from './start-alert-investigation.ts';
import type { AlertDeps, AlertNotification, AlertOutcome } from './types.ts';

/** Firing starts (at most) one investigation per group; resolved updates its thread. */
export function handleNotification(deps: AlertDeps, notification: AlertNotification): Promise<AlertOutcome> {
  return notification.status === 'firing'
    ? startAlertInvestigation(deps, notification)
    : resolveAlert(deps, notification);
}
