import type { App } from '@slack/bolt';
import type { ApprovalRequest } from '../approvals/types.ts';
import type { AuditLog } from '../audit/types.ts';
import type { Config } from '../config/index.ts';
import type { ProgressSink } from '../engine/events.ts';
import type { AlertInfo } from '../investigation/types.ts';
import type { RunbookDefinition } from '../runbooks/schema.ts';
import type { RunService } from '../runs/types.ts';
import type { StateStore } from '../state/types.ts';
import type { HealthHandlers } from './health-routes.ts';
import type { SlackLogger } from './slack-logger.ts';

type MaybePromise<T> = T | Promise<T>;

/** What the Slack app needs from the runbook catalog (the runbook library's catalog fits as is). */
export interface SlackRunbookCatalog {
  list(): MaybePromise<ReadonlyArray<{ readonly definition: RunbookDefinition; readonly version: number }>>;
  /** Runbooks whose alert triggers fit: `/runbook investigate <alert name>` then investigates it as that alert. */
  matchAlert?(alert: AlertInfo): MaybePromise<readonly unknown[]>;
}

/** Look-ups of approval requests, to show the exact plan in the approval message. */
export interface SlackApprovalLookup {
  get(approvalId: string): Promise<ApprovalRequest | undefined>;
  /** Remembers where the approval message was posted (the approval service's recordMessage). */
  recordMessage?(approvalId: string, message: { channel: string; messageTs: string }): Promise<unknown>;
}

/** Tuning; the defaults suit production, tests shorten them. */
export interface SlackAppOptions {
  /** Minimum gap between Slack calls in one channel (default 1000 ms: Slack's ~1 message/s). */
  postIntervalMs?: number;
  /** Minimum gap between updates of one parent message (default 1500 ms). */
  parentUpdateIntervalMs?: number;
  /** Retries of network errors / 5xx inside @slack/web-api (default 2; tests use 0). */
  webClientRetries?: number;
  /** Timeout of one Web API call (default 10 s). */
  requestTimeoutMs?: number;
  /** How long a user-group membership answer is reused (default 60 s). */
  userGroupCacheMs?: number;
  /** How long stop() waits for queued posts (default 5 s). */
  drainTimeoutMs?: number;
}

export interface SlackAppDeps {
  config: Config;
  runs: RunService;
  approvals?: SlackApprovalLookup;
  catalog: SlackRunbookCatalog;
  store: StateStore;
  audit: AuditLog;
  /** Applied to every string before it is posted (the audit folder's redactor). */
  redact?: (text: string) => string;
  logger?: SlackLogger;
  now: () => Date;
  options?: SlackAppOptions;
}

export interface SlackApp {
  app: App;
  /** GET /healthz, /readyz, /metrics as plain node:http handlers (already mounted in HTTP mode). */
  health: HealthHandlers;
  /**
   * A sink that shows a run started elsewhere (an alert webhook, a sweep) as a Slack thread in
   * `channel`: parent message kept current, evidence as replies, Approve / Deny buttons.
   */
  threadSink(target: { channel: string; threadTs?: string }): ProgressSink;
  /**
   * Shows an approval's current state on its Slack message (buttons gone once decided): for
   * decisions taken outside Slack (CLI, API) and expiries found by a sweep.
   */
  showApprovalState(approvalId: string): Promise<void>;
  /**
   * HTTP mode: listens on `port` (default config.slack.port; 0 for an ephemeral port) and returns the
   * bound port. Socket Mode: connects, and serves /healthz, /readyz and /metrics on `port`.
   */
  start(port?: number): Promise<{ port?: number }>;
  /** Stops taking requests, waits for queued Slack posts (bounded), closes the server. */
  stop(): Promise<void>;
}
