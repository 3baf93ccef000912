import type { AuditLog } from '../audit/types.ts';
import type { HealthStatus } from '../engine/events.ts';
import type { ProviderRegistry } from '../providers/types.ts';
import type { DiagnosticDefinition } from '../runbooks/index.ts';
import type { RunService } from '../runs/types.ts';
import type { StateStore } from '../state/types.ts';

/** A sweep as scheduled: from the config file, or from a published runbook's `schedule` trigger. */
export interface SweepSpec {
  name: string;
  cron: string;
  timezone?: string;
  runbooks: string[];
  /** Inline diagnostics (config file `checks:`), run through the providers without a runbook. */
  checks: DiagnosticDefinition[];
  /** Set on a handoff sweep: it posts the on-call handoff covering this far back, and runs nothing. */
  handoff?: { sinceMs: number };
  channel?: string;
  mode: 'always' | 'on_change';
  params: Record<string, string>;
  /** Each runbook's own limit: a slow one is reported as timed out and never delays the others. */
  timeoutMs: number;
  from: 'config' | 'runbook';
}

/** green: healthy · yellow: warning, or no answer in time · red: critical or the check failed. */
export type SweepColor = 'green' | 'yellow' | 'red';

export interface SweepCheck {
  /** A runbook of the sweep, or an inline check run directly through its provider. */
  kind: 'runbook' | 'check';
  /** The runbook's id, or the inline check's id. */
  runbookId: string;
  name: string;
  health: HealthStatus;
  color: SweepColor;
  summary: string;
  runId?: string;
  durationMs: number;
  /** The checks that were not healthy, one line each, for the thread reply. */
  details: string[];
}

export interface SweepReport {
  sweep: string;
  startedAt: string;
  finishedAt: string;
  /** 'schedule' or the Slack user / actor who ran it now. */
  trigger: string;
  checks: SweepCheck[];
  overall: SweepColor;
  /** Different from the previous sweep (colors per runbook), or the first one. */
  changed: boolean;
}

/** Where a sweep's summary goes: one message in `channel`, a thread reply per unhealthy check. */
export interface SweepDisplay {
  postSummary(channel: string, report: SweepReport): Promise<void>;
  /** The on-call handoff since `since`, for a handoff sweep. */
  postHandoff?(channel: string, since: Date): Promise<void>;
}

export interface SweepInfo {
  name: string;
  cron: string;
  timezone?: string;
  runbooks: string[];
  /** Ids of the inline checks. */
  checks: string[];
  handoff: boolean;
  channel?: string;
  mode: SweepSpec['mode'];
  from: SweepSpec['from'];
  lastRun?: { at: string; overall: SweepColor };
  nextRun?: string;
}

export interface SchedulerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface SchedulerDeps {
  runs: RunService;
  /** For inline checks; without it they are reported as errors. */
  providers?: ProviderRegistry;
  store: StateStore;
  audit: AuditLog;
  sweeps: SweepSpec[];
  defaultChannel: string | undefined;
  display: SweepDisplay | undefined;
  logger: SchedulerLogger;
  now: () => Date;
  count?: (sweep: string, outcome: string) => void;
}

export type SweepRunResult =
  | { status: 'ran'; report: SweepReport; posted: boolean }
  | { status: 'handoff'; sweep: string; since: string; channel?: string; posted: boolean }
  | { status: 'skipped'; reason: 'lease' | 'overlap' };

export interface Scheduler {
  /** Schedules every sweep (node-cron). */
  start(): void;
  list(): Promise<SweepInfo[]>;
  /** Runs a sweep now (`/runbook sweep <name>`); throws RunbookError `sweep.not_found` for an unknown name. */
  runNow(name: string, actor: string): Promise<SweepRunResult>;
  /** Stops the schedules and waits for running sweeps (bounded by their timeouts). */
  stop(): Promise<void>;
}
