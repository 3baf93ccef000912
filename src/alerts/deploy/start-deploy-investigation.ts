import { createHash } from 'node:crypto';
import type { AuditLog } from '../../audit/types.ts';
import type { RoutingRuleDefinition } from '../../config/index.ts';
import type { ProgressSink } from '../../engine/events.ts';
import { errorMessage } from '../../errors/index.ts';
import type { AlertInfo } from '../../investigation/types.ts';
import type { RunService } from '../../runs/types.ts';
import type { StateStore } from '../../state/types.ts';
import { ALERT_DEDUPE_TTL_MS } from '../alert-keys.ts';
import { createLogSink } from '../log-sink.ts';
import { routeChannel } from '../route-channel.ts';
import type { AlertLogger, AlertNotification } from '../types.ts';
import type { DeployFailure } from './deploy-failure.ts';

/** Where a deploy failure's run is shown, and how its report is attached to the thread. */
export interface DeployDisplay {
  threadSink(target: { channel: string; alertStartsAt?: string }): ProgressSink & {
    readonly parent?: Promise<{ ts: string; threadTs: string } | { error: string }>;
  };
  /** Uploads the Markdown report as a file into the thread (Slack `files.uploadV2`). */
  attachReport(input: {
    channel: string;
    threadTs: string;
    filename: string;
    markdown: string;
    title: string;
  }): Promise<void>;
}

export interface DeployDeps {
  runs: RunService;
  store: StateStore;
  audit: AuditLog;
  routing: readonly RoutingRuleDefinition[];
  defaultChannel: string | undefined;
  display: DeployDisplay | undefined;
  logger: AlertLogger;
  now: () => Date;
}

export type DeployOutcome =
  | { status: 'started'; key: string; runId: string; service: string; channel?: string }
  | { status: 'duplicate'; key: string };

const claimKey = (key: string) => `deploy:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

function alertOf(failure: DeployFailure, now: Date): AlertInfo {
  const labels: Record<string, string> = {
    service: failure.service,
    deploy_reporter: failure.reporter,
    ...(failure.namespace ? { namespace: failure.namespace } : {}),
    ...(failure.environment ? { environment: failure.environment } : {}),
    ...(failure.revision ? { revision: failure.revision } : {}),
  };
  const revision = failure.revision ? ` (${failure.revision})` : '';
  return {
    name: 'DeploymentFailed',
    source: 'generic',
    severity: 'critical',
    labels,
    summary: `Deployment of ${failure.service}${revision} failed${failure.message ? `: ${failure.message}` : ''}`,
    startsAt: failure.failedAt ?? now.toISOString(),
    fingerprint: failure.key,
  };
}

/**
 * One investigation of the workload per failed rollout (set-if-absent on its key, so GitHub's
 * `failure` then `error`, retries and replicas start nothing more), shown in the routed channel,
 * with the Markdown report attached to the thread as a file when it is done.
 */
export async function startDeployInvestigation(
  deps: DeployDeps,
  failure: DeployFailure,
): Promise<DeployOutcome> {
  const actor = `deploy:${failure.reporter}`;
  if (!(await deps.store.claim(claimKey(failure.key), ALERT_DEDUPE_TTL_MS))) {
    await deps.audit.append({ actor, type: 'deploy.duplicate', data: { key: failure.key } });
    return { status: 'duplicate', key: failure.key };
  }
  const alert = alertOf(failure, deps.now());
  const notification: AlertNotification = {
    source: 'generic',
    status: 'firing',
    key: failure.key,
    alerts: [alert],
  };
  const channel = routeChannel(notification, deps.routing, deps.defaultChannel);
  const thread =
    channel && deps.display
      ? deps.display.threadSink({ channel, ...(alert.startsAt ? { alertStartsAt: alert.startsAt } : {}) })
      : undefined;
  let handle: Awaited<ReturnType<RunService['startInvestigation']>>;
  try {
    handle = await deps.runs.startInvestigation(
      {
        trigger: {
          target: failure.service,
          alert,
          ...(failure.message ? { text: failure.message } : {}),
          params: {
            service: failure.service,
            ...(failure.namespace ? { namespace: failure.namespace } : {}),
          },
        },
        actor,
        origin: { source: 'alert', ...(channel ? { channel } : {}) },
      },
      thread ?? createLogSink(deps.logger),
    );
  } catch (error) {
    await deps.store.delete(claimKey(failure.key));
    throw error;
  }
  await deps.audit.append({
    actor,
    type: 'deploy.investigation_started',
    run_id: handle.runId,
    data: { ...failure, channel: channel ?? null },
  });
  const { runId } = handle;
  handle.done
    .then(async (record) => {
      const parent = await thread?.parent;
      if (!channel || !deps.display || !parent || !('ts' in parent) || !record.reportMarkdown) return;
      await deps.display.attachReport({
        channel,
        threadTs: parent.threadTs,
        filename: `${runId}-report.md`,
        markdown: record.reportMarkdown,
        title: `Investigation report: ${failure.service}`,
      });
    })
    .catch((error: unknown) =>
      deps.logger.warn({ runId, error: errorMessage(error) }, 'deploy report not attached'),
    );
  return {
    status: 'started',
    key: failure.key,
    runId,
    service: failure.service,
    ...(channel ? { channel } : {}),
  };
}
