const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
const MAX_JITTER = 0.25;
/** A server asking for more than this is treated as "do not retry now". */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses worth another attempt: request timeout, rate limited, and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Milliseconds a `Retry-After` header asks us to wait (delta seconds or an HTTP date), or
 * undefined when absent or unparseable.
 */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Exponential backoff: 0.5 s doubling up to 8 s, minus up to 25 % jitter (`random` in [0, 1)). */
export function backoffDelayMs(retryIndex: number, random: () => number): number {
  const delay = Math.min(BASE_DELAY_MS * 2 ** retryIndex, MAX_DELAY_MS);
  return Math.round(delay * (1 - random() * MAX_JITTER));
}
