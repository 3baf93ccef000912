import { createHmac, timingSafeEqual } from 'node:crypto';

export type AuthResult = { ok: true } | { ok: false; status: 401 | 503; reason: string };

/**
 * Constant-time equality of two secrets: comparing byte by byte with `===` would let a caller learn
 * a token one character at a time from the response time.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  // timingSafeEqual needs equal lengths; compare against itself so the time does not depend on the length check.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
}

export function bearerToken(authorization: string | null): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return match?.[1]?.trim();
}

/** A token from a header against any of the configured tokens (none configured: the endpoint is off). */
export function checkToken(
  given: string | undefined,
  expected: ReadonlyArray<string | undefined>,
  variable: string,
): AuthResult {
  const tokens = expected.filter((token): token is string => token !== undefined);
  if (tokens.length === 0) {
    return { ok: false, status: 503, reason: `${variable} is not set: this endpoint is disabled` };
  }
  if (given === undefined) return { ok: false, status: 401, reason: 'missing token' };
  // Compare with every token, not just until the first hit, so the time says nothing about which matched.
  const matches = tokens.map((token) => secretsEqual(given, token));
  return matches.includes(true) ? { ok: true } : { ok: false, status: 401, reason: 'bad token' };
}

/**
 * PagerDuty V3: `X-PagerDuty-Signature: v1=<hex HMAC-SHA256(secret, raw body)>[,v1=…]` (several
 * while a secret is being rotated); any one matching is enough.
 */
export function checkPagerDutySignature(
  header: string | null,
  rawBody: Buffer,
  secret: string | undefined,
): AuthResult {
  if (secret === undefined) {
    return {
      ok: false,
      status: 503,
      reason: 'PAGERDUTY_WEBHOOK_SECRET is not set: this endpoint is disabled',
    };
  }
  if (!header) return { ok: false, status: 401, reason: 'missing X-PagerDuty-Signature' };
  const expected = `v1=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
  const signatures = header.split(',').map((part) => part.trim());
  const matches = signatures.map((signature) => secretsEqual(signature, expected));
  return matches.includes(true) ? { ok: true } : { ok: false, status: 401, reason: 'bad signature' };
}
