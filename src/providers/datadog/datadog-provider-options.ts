import type { FetchLike } from '../../net/index.ts';

export interface DatadogProviderOptions {
  fetch?: FetchLike;
  maxResponseBytes?: number;
  /** Default deadline when a step has no `timeout`. */
  timeoutMs?: number;
  /** Clock for the log source's window (checks use the run's `now`). */
  now?: () => number;
}

export const DATADOG_VARIABLES = 'DD_API_KEY and DD_APP_KEY (and DD_SITE when not datadoghq.com)';
