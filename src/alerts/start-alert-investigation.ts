import { errorMessage } from '../errors/index.ts';
import { ALERT_DEDUPE_TTL_MS, type AlertRunRecord, claimKey, runKey } from './alert-keys.ts';
import { createLogSink } from './log-sink.ts';
import { routeChannel } from './route-channel.ts';
import type { AlertDeps, AlertNotification, AlertOutcome } from './types.ts';

/** The first alert some runbook is triggered by names the investigation (else the group's first). */
function primaryAlert(deps: AlertDeps, notification: AlertNotification) {
  for (const alert of notification.alerts) {
    const runbooks = deps.catalog.matchAlert(alert).map((runbook) => runbook.definition.id);
    if (runbooks.length > 0) return { alert, runbooks };
  }
  return { alert: notification.alerts[0] as NonNullable<(typeof notification.alerts)[0]>, runbooks: [] };
}

/**
 * A firing notification: the first delivery of its group (set-if-absent in the shared store, so
 * repeats, retries and a second Alertmanager or Runbook replica start nothing) starts one
 * investigation, shown in the routed channel.
 */
export async function startAlertInvestigation(
  deps: AlertDeps,
  notification: AlertNotification,
): Promise<AlertOutcome> {
  const { source, key } = notification;
  if (!(await deps.store.claim(claimKey(source, key), ALERT_DEDUPE_TTL_MS))) {
    await deps.audit.append({ actor: source, type: 'alert.duplicate', data: { source, key } });
    return { status: 'duplicate', key };
  }
  const { alert, runbooks } = primaryAlert(deps, notification);
  const others = notification.alerts.length - 1;
  const investigated =
    others > 0
      ? { ...alert, summary: `${alert.summary ?? alert.name} (+${others} more in the group)` }
      : alert;
  const channel = routeChannel(notification, deps.routing, deps.defaultChannel);
  const thread = channel && deps.display ? deps.display.threadSink({ channel }) : undefined;
  const sink = thread ?? createLogSink(deps.logger);
  let handle: Awaited<ReturnType<AlertDeps['runs']['startInvestigation']>>;
  try {
    handle = await deps.runs.startInvestigation(
      {
        trigger: { target: alert.name, alert: investigated },
        actor: source,
        origin: { source: 'alert', ...(channel ? { channel } : {}) },
      },
      sink,
    );
  } catch (error) {
    // Let the sender's retry try again rather than remembering a group nothing investigates.
    await deps.store.delete(claimKey(source, key));
    throw error;
  }
  const record: AlertRunRecord = {
    runId: handle.runId,
    alertName: alert.name,
    ...(channel ? { channel } : {}),
  };
  await deps.store.set(runKey(source, key), record, ALERT_DEDUPE_TTL_MS);
  await deps.audit.append({
    actor: source,
    type: 'alert.investigation_started',
    run_id: handle.runId,
    data: {
      source,
      key,
      alert: alert.name,
      labels: alert.labels,
      alerts: notification.alerts.length,
      runbooks,
      channel: channel ?? null,
    },
  });
  deps.logger.info(
    { runId: handle.runId, source, alert: alert.name, channel, runbooks },
    'alert started an investigation',
  );
  handle.done.catch((error: unknown) =>
    deps.logger.error({ runId: handle.runId, error: errorMessage(error) }, 'alert investigation failed'),
  );
  thread?.parent
    ?.then(async (outcome) => {
      if ('ts' in outcome)
        await deps.store.set(runKey(source, key), { ...record, ts: outcome.ts }, ALERT_DEDUPE_TTL_MS);
      else
        deps.logger.warn(
          { runId: handle.runId, channel, error: outcome.error },
          'could not post the alert thread',
        );
    })
    .catch((error: unknown) =>
      deps.logger.error({ error: errorMessage(error) }, 'could not remember the alert thread'),
    );
  return { status: 'started', key, runId: handle.runId, runbooks, ...(channel ? { channel } : {}) };
}
