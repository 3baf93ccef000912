import { errorMessage } from '../errors/index.ts';
import { ALERT_DEDUPE_TTL_MS, type AlertRunRecord, claimKey, resolvedKey, runKey } from './alert-keys.ts';
import type { AlertDeps, AlertNotification, AlertOutcome } from './types.ts';

/**
 * A resolved notification: the run's parent message says so (once, even when two senders deliver
 * it), and the group is forgotten so that firing again starts a fresh investigation.
 */
export async function resolveAlert(deps: AlertDeps, notification: AlertNotification): Promise<AlertOutcome> {
  const { source, key } = notification;
  const record = await deps.store.get<AlertRunRecord>(runKey(source, key));
  if (record === undefined) {
    await deps.audit.append({ actor: source, type: 'alert.resolved', data: { source, key, runId: null } });
    return { status: 'resolved', key };
  }
  const firstDelivery = await deps.store.claim(resolvedKey(record.runId), ALERT_DEDUPE_TTL_MS);
  if (firstDelivery) {
    await deps.audit.append({
      actor: source,
      type: 'alert.resolved',
      run_id: record.runId,
      data: { source, key, runId: record.runId, alert: record.alertName },
    });
    const at = deps.now().toISOString().slice(11, 16);
    const text = `${record.alertName} resolved at ${at} UTC (${source})`;
    if (deps.display && record.channel && record.ts) {
      await deps.display
        .markResolved({ runId: record.runId, channel: record.channel, ts: record.ts, text })
        .catch((error: unknown) =>
          deps.logger.warn(
            { runId: record.runId, error: errorMessage(error) },
            'could not mark the alert thread resolved',
          ),
        );
    } else {
      deps.logger.info({ runId: record.runId, source, alert: record.alertName }, 'alert resolved');
    }
  }
  await deps.store.delete(runKey(source, key));
  await deps.store.delete(claimKey(source, key));
  return { status: 'resolved', key, runId: record.runId };
}
