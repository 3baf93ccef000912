import type { AuditLog } from '../audit/types.ts';
import type { RoutingRuleDefinition } from '../config/index.ts';
import type { ProgressSink } from '../engine/events.ts';
import type { AlertInfo } from '../investigation/types.ts';
import type { RunService } from '../runs/types.ts';
import type { StateStore } from '../state/types.ts';

export type AlertSource = 'alertmanager' | 'pagerduty' | 'datadog' | 'generic';

/**
 * One notification, whatever sent it: a group of alerts that share one investigation. `key`
 * identifies the group across repeats (Alertmanager's groupKey, PagerDuty's incident id…).
 */
export interface AlertNotification {
  source: AlertSource;
  status: 'firing' | 'resolved';
  key: string;
  /** At least one; the first is the one the investigation is named after. */
  alerts: AlertInfo[];
  /** An incident channel the alert names itself (label or annotation `slack_channel`). */
  channel?: string;
  /** Where a person can see the alert at its source. */
  url?: string;
}

/** Where an alert's run is shown: a Slack thread when there is a Slack app. */
export interface AlertDisplay {
  threadSink(target: { channel: string }): ProgressSink & {
    readonly parent?: Promise<{ ts: string; threadTs: string } | { error: string }>;
  };
  /** Marks the run's parent message resolved and says so in its thread (`text` is plain, not mrkdwn). */
  markResolved(input: { runId: string; channel: string; ts: string; text: string }): Promise<void>;
}

export interface AlertLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface AlertCatalog {
  matchAlert(alert: AlertInfo): ReadonlyArray<{ readonly definition: { readonly id: string } }>;
}

export interface AlertDeps {
  runs: RunService;
  catalog: AlertCatalog;
  store: StateStore;
  audit: AuditLog;
  routing: readonly RoutingRuleDefinition[];
  defaultChannel: string | undefined;
  display: AlertDisplay | undefined;
  logger: AlertLogger;
  now: () => Date;
  /** Counts outcomes for /metrics. */
  count?: (outcome: string, source: AlertSource) => void;
}

export type AlertOutcome =
  | { status: 'started'; key: string; runId: string; channel?: string; runbooks: string[] }
  | { status: 'duplicate'; key: string }
  | { status: 'resolved'; key: string; runId?: string };
