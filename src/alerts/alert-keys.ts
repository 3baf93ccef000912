import { createHash } from 'node:crypto';
import type { AlertSource } from './types.ts';

/** How long a firing group is remembered: longer than Alertmanager's default repeat_interval (4 h). */
export const ALERT_DEDUPE_TTL_MS = 24 * 3_600_000;

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** Set-if-absent key: the first delivery of a group, across replicas and retries, starts the run. */
export const claimKey = (source: AlertSource, key: string) => `alert:${source}:${digest(key)}`;

/** The run a firing group started, for its resolved notification. */
export const runKey = (source: AlertSource, key: string) => `alert-run:${source}:${digest(key)}`;

/** A resolved notification is shown once per run, even when two Alertmanagers send it. */
export const resolvedKey = (runId: string) => `alert-resolved:${runId}`;

export interface AlertRunRecord {
  runId: string;
  channel?: string;
  /** The parent message of the run's Slack thread, once posted. */
  ts?: string;
  alertName: string;
}
