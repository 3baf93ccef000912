import type { PeerCertificate } from 'node:tls';

const DAY_MS = 86_400_000;

/** Whole days until the certificate's `valid_to` (negative once expired); undefined without a certificate. */
export function certificateDaysLeft(
  certificate: PeerCertificate | undefined,
  nowMs: number,
): number | undefined {
  if (!certificate?.valid_to) return undefined;
  const expires = Date.parse(certificate.valid_to);
  if (Number.isNaN(expires)) return undefined;
  return Math.floor((expires - nowMs) / DAY_MS);
}
