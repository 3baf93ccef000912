import { RunbookError } from '../../errors/index.ts';
import { type FetchLike, fetchWithPolicy } from '../../net/index.ts';

export interface PagerDutyOptions {
  /** The Events API v2 integration (routing) key of the service to page. */
  routingKey: string;
  /** Default `https://events.pagerduty.com` (EU: `https://events.eu.pagerduty.com`). */
  baseUrl?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export type PagerDutySeverity = 'critical' | 'error' | 'warning' | 'info';

/** An Events API v2 trigger, without the routing key (added when sending, never shown). */
export interface PagerDutyTrigger {
  event_action: 'trigger';
  /** The same key for the same incident: retries and repeated escalations do not page twice. */
  dedup_key: string;
  payload: {
    summary: string;
    source: string;
    severity: PagerDutySeverity;
    component?: string;
    custom_details?: Record<string, string>;
  };
  client: string;
}

export interface PagerDutySender {
  enqueue(event: PagerDutyTrigger, signal?: AbortSignal): Promise<{ dedupKey: string }>;
}

/** `POST /v2/enqueue`; retried on 429/5xx (safe: the dedup key makes a repeat a no-op). */
export function createPagerDutySender(options: PagerDutyOptions): PagerDutySender {
  const url = `${(options.baseUrl ?? 'https://events.pagerduty.com').replace(/\/+$/, '')}/v2/enqueue`;
  return {
    async enqueue(event, signal) {
      const response = await fetchWithPolicy(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ routing_key: options.routingKey, ...event }),
        },
        {
          timeoutMs: options.timeoutMs ?? 15_000,
          retries: 2,
          maxResponseBytes: 64 * 1024,
          service: 'pagerduty',
          ...(signal ? { signal } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        },
      );
      let body: { status?: string; message?: string; dedup_key?: string; errors?: string[] } = {};
      try {
        body = response.json() as typeof body;
      } catch (error) {
        if (response.status === 202)
          throw new RunbookError('action.failed', 'pagerduty: 202 without a JSON body', { cause: error });
      }
      if (response.status !== 202) {
        const detail = [body.message, ...(body.errors ?? [])].filter(Boolean).join(': ');
        throw new RunbookError(
          'action.failed',
          `pagerduty: HTTP ${response.status}${detail ? `: ${detail}` : ''}`,
        );
      }
      return { dedupKey: body.dedup_key ?? event.dedup_key };
    },
  };
}
