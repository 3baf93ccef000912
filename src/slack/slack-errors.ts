import { webApi } from '@slack/bolt';

export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'transient'; detail: string }
  | { kind: 'permanent'; detail: string };

function field(error: object, name: string): unknown {
  return (error as Record<string, unknown>)[name];
}

/** Decides once how a failed Web API call should be handled: wait, retry, or give up. */
export function classifySlackError(error: unknown): SlackFailure {
  if (error === null || typeof error !== 'object') return { kind: 'permanent', detail: String(error) };
  const code = field(error, 'code');
  const message = error instanceof Error ? error.message : String(error);
  if (code === webApi.ErrorCode.RateLimitedError) {
    const retryAfter = Number(field(error, 'retryAfter'));
    return {
      kind: 'rate_limited',
      retryAfterMs: Number.isFinite(retryAfter) ? Math.max(retryAfter, 0) * 1000 : 1000,
    };
  }
  if (code === webApi.ErrorCode.RequestError) return { kind: 'transient', detail: message };
  if (code === webApi.ErrorCode.HTTPError) {
    const status = Number(field(error, 'statusCode'));
    return status >= 500 || status === 408
      ? { kind: 'transient', detail: message }
      : { kind: 'permanent', detail: message };
  }
  if (code === webApi.ErrorCode.PlatformError) {
    const data = field(error, 'data') as { error?: unknown } | undefined;
    const slackError = String(data?.error ?? message);
    if (slackError === 'ratelimited') return { kind: 'rate_limited', retryAfterMs: 1000 };
    if (['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'].includes(slackError)) {
      return { kind: 'transient', detail: slackError };
    }
    return { kind: 'permanent', detail: slackError };
  }
  return { kind: 'permanent', detail: message };
}

/** Slack's error string (`channel_not_found`, `not_in_channel`) when there is one. */
export function slackErrorCode(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const data = field(error, 'data') as { error?: unknown } | undefined;
  return typeof data?.error === 'string' ? data.error : undefined;
}
