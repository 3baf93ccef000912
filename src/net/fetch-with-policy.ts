import { setTimeout as sleepFor } from 'node:timers/promises';
import { RunbookError } from '../errors/index.ts';
import { describeUrl } from './describe-url.ts';
import { readBoundedBody } from './read-bounded-body.ts';
import { backoffDelayMs, isRetryableStatus, MAX_RETRY_AFTER_MS, parseRetryAfterMs } from './retry-delay.ts';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchPolicy {
  /** Deadline for the whole exchange, retries and waits included. */
  timeoutMs: number;
  /** Extra attempts after the first, on network errors, 408, 429 and 5xx. */
  retries: number;
  maxResponseBytes: number;
  /** The caller's signal (the run's or the step's); combined with the deadline. */
  signal?: AbortSignal;
  /** What happens to a body over the limit: `error` (default) fails, `truncate` keeps the first bytes. */
  oversize?: 'error' | 'truncate';
  /** Who is calling, for error messages: `prometheus`, `pagerduty`. */
  service?: string;
  fetch?: FetchLike;
  /** Injectable for tests; must reject when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Injectable for tests: jitter source in [0, 1). */
  random?: () => number;
  /** Injectable clock in epoch ms (Retry-After dates, remaining time). */
  now?: () => number;
}

/** A response whose body has been read (bounded) before the deadline. */
export interface BoundedResponse {
  status: number;
  statusText: string;
  ok: boolean;
  headers: Headers;
  body: Uint8Array;
  truncated: boolean;
  attempts: number;
  text(): string;
  json(): unknown;
  /** A standard Response over the bounded body (for SDKs that take a `fetch`). */
  toResponse(): Response;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return sleepFor(ms, undefined, { signal });
}

function bounded(
  response: Response,
  bytes: Uint8Array,
  truncated: boolean,
  attempts: number,
): BoundedResponse {
  const decoded = () => new TextDecoder().decode(bytes);
  return {
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    headers: response.headers,
    body: bytes,
    truncated,
    attempts,
    text: decoded,
    json: () => JSON.parse(decoded()),
    toResponse: () =>
      new Response(NULL_BODY_STATUSES.has(response.status) ? null : bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      }),
  };
}

function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) return `${error.message}: ${cause.message}`;
  return error.message;
}

/**
 * The one outbound HTTP helper: deadline (combined with the caller's signal), retries with
 * Retry-After and jittered exponential backoff, bounded body. Returns the final response whatever
 * its status (callers decide what a 4xx means); throws RunbookError `provider.timeout` when the
 * deadline or the caller's signal ends it, `provider.failed` on network errors and oversized bodies.
 * Messages name host and path only, never the query string.
 */
export async function fetchWithPolicy(
  url: string,
  init: RequestInit,
  policy: FetchPolicy,
): Promise<BoundedResponse> {
  const doFetch: FetchLike = policy.fetch ?? ((target, options) => fetch(target, options));
  const sleep = policy.sleep ?? defaultSleep;
  const random = policy.random ?? Math.random;
  const now = policy.now ?? Date.now;
  const where = `${policy.service ? `${policy.service} ` : ''}request to ${describeUrl(url)}`;
  const deadline = AbortSignal.timeout(policy.timeoutMs);
  const signal = policy.signal ? AbortSignal.any([deadline, policy.signal]) : deadline;
  const startedAt = now();

  const aborted = (error: unknown): RunbookError => {
    if (deadline.aborted) {
      return new RunbookError('provider.timeout', `${where} timed out after ${policy.timeoutMs} ms`, {
        cause: error,
      });
    }
    const reason: unknown = policy.signal?.reason;
    const isTimeout = reason instanceof Error && reason.name === 'TimeoutError';
    return new RunbookError(
      isTimeout ? 'provider.timeout' : 'provider.failed',
      `${where} ${isTimeout ? 'timed out (the step deadline passed)' : 'was cancelled'}`,
      { cause: error },
    );
  };

  for (let attempt = 0; ; attempt += 1) {
    let response: Response;
    try {
      response = await doFetch(url, { ...init, signal });
    } catch (error) {
      if (signal.aborted) throw aborted(error);
      if (attempt < policy.retries) {
        await sleep(backoffDelayMs(attempt, random), signal).catch((sleepError: unknown) => {
          throw aborted(sleepError);
        });
        continue;
      }
      throw new RunbookError(
        'provider.failed',
        `${where} failed after ${attempt + 1} attempt(s): ${causeText(error)}`,
        {
          cause: error,
        },
      );
    }

    if (isRetryableStatus(response.status) && attempt < policy.retries) {
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), now());
      const delayMs = retryAfterMs ?? backoffDelayMs(attempt, random);
      const remainingMs = policy.timeoutMs - (now() - startedAt);
      if (delayMs <= MAX_RETRY_AFTER_MS && delayMs < remainingMs) {
        await response.body?.cancel('retrying');
        await sleep(delayMs, signal).catch((sleepError: unknown) => {
          throw aborted(sleepError);
        });
        continue;
      }
    }

    let read: { bytes: Uint8Array; truncated: boolean };
    try {
      read = await readBoundedBody(response.body, policy.maxResponseBytes);
    } catch (error) {
      if (signal.aborted) throw aborted(error);
      throw new RunbookError(
        'provider.failed',
        `${where}: reading the response failed: ${causeText(error)}`,
        {
          cause: error,
        },
      );
    }
    if (read.truncated && (policy.oversize ?? 'error') === 'error') {
      throw new RunbookError(
        'provider.failed',
        `${where}: response larger than ${policy.maxResponseBytes} bytes; narrow the query`,
      );
    }
    return bounded(response, read.bytes, read.truncated, attempt + 1);
  }
}
