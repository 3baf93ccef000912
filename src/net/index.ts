export { describeUrl, safeUrl } from './describe-url.ts';
export {
  type BoundedResponse,
  type FetchLike,
  type FetchPolicy,
  fetchWithPolicy,
} from './fetch-with-policy.ts';
export { readBoundedBody } from './read-bounded-body.ts';
export { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry-delay.ts';
