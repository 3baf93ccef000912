import type { App } from '@slack/bolt';
import type { ApprovalRequest } from '../approvals/types.ts';
import type { AuditLog } from '../audit/types.ts';
import type { Config } from '../config/index.ts';
import type { AlertInfo } from '../investigation/types.ts';
import type { RunbookDefinition } from '../runbooks/schema.ts';
import type { RunService } from '../runs/types.ts';
import type { SweepInfo, SweepReport, SweepRunResult } from '../scheduler/index.ts';
import type { StateStore } from '../state/types.ts';
import type { HealthHandlers, RequestHandler } from './health-routes.ts';
import type { SlackLogger } from './slack-logger.ts';
import type { ThreadSink } from './thread-sink.ts';
import type { FileUpload } from './upload-file.ts';

type MaybePromise<T> = T | Promise<T>;

/** What the Slack app needs from the runbook catalog (the runbook library's catalog fits as is). */
export interface SlackRunbookCatalog {
  list(): MaybePromise<ReadonlyArray<{ readonly definition: RunbookDefinition; readonly version: number }>>;
  /** Runbooks whose alert triggers fit: `/runbook investigate <alert name>` then investigates it as that alert. */
  matchAlert?(alert: AlertInfo): MaybePromise<readonly unknown[]>;
  /** Reads the library again (after a draft is saved or published from Slack). */
  reload?(): Promise<unknown>;
}

/** Look-ups of approval requests, to show the exact plan in the approval message. */
export interface SlackApprovalLookup {
  get(approvalId: string): Promise<ApprovalRequest | undefined>;
  /** Remembers where the approval message was posted (the approval service's recordMessage). */
  recordMessage?(approvalId: string, message: { channel: string; messageTs: string }): Promise<unknown>;
  /** Open requests, oldest first (for `/runbook handoff`). */
  listPending?(): Promise<ApprovalRequest[]>;
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

/** The scheduler's sweeps, for `/runbook sweeps` and `/runbook sweep <name>`. */
export interface SlackSweeps {
  list(): Promise<SweepInfo[]>;
  runNow(name: string, actor: string): Promise<SweepRunResult>;
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
  sweeps?: SlackSweeps;
  /** Proposes the inverse of an executed action as a new approval request (the Undo button). */
  undo?: (approvalId: string, actor: string) => Promise<ApprovalRequest>;
  /** With an API key: Claude's runbook YAML for a free-text "create a runbook" request. */
  authorRunbook?: (text: string) => Promise<string>;
}

export interface SlackApp {
  app: App;
  /** GET /healthz, /readyz, /metrics as plain node:http handlers (already mounted in HTTP mode). */
  health: HealthHandlers;
  /**
   * A sink that shows a run started elsewhere (an alert webhook, a sweep) as a Slack thread in
   * `channel`: parent message kept current, evidence as replies, Approve / Deny buttons.
   */
  threadSink(target: { channel: string; threadTs?: string; alertStartsAt?: string }): ThreadSink;
  /** An alert behind a run resolved: a line on its parent message and a reply in its thread. */
  markResolved(input: { runId: string; channel: string; ts: string; text: string }): Promise<void>;
  /** A sweep's one summary message in `channel`, with a thread reply per unhealthy runbook. */
  postSweepSummary(channel: string, report: SweepReport): Promise<void>;
  /** The on-call handoff (runs, conclusions, approvals, actions, unresolved) since `since`, posted in `channel`. */
  postHandoff(channel: string, since: Date): Promise<void>;
  /** Uploads a file (a report, a chart) into a thread, through the channel's post queue. */
  uploadFile(upload: FileUpload): Promise<void>;
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
  /**
   * HTTP mode: Slack's requests (`POST /slack/events`, signature verified) as a plain node:http
   * listener, for a server the app owns (src/server). Undefined in Socket Mode.
   */
  requestListener: RequestHandler | undefined;
  /** Like start, without a server of its own: checks the token, and in Socket Mode connects. */
  connect(): Promise<void>;
  /** The Slack app's counters in Prometheus exposition format (for a shared /metrics). */
  renderMetrics(): string;
  /** Stops taking requests, waits for queued Slack posts (bounded), closes the server. */
  stop(): Promise<void>;
}
