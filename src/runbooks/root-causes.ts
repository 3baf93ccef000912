/** Root-cause categories, from shared/scenarios/ROOT_CAUSES.md. Every hypothesis and conclusion names one. */
export const ROOT_CAUSES = [
  'db-connection-exhaustion',
  'bad-deploy',
  'oom-killed',
  'memory-leak',
  'crashloop-config-error',
  'liveness-probe-failure',
  'image-pull-failure',
  'pending-unschedulable',
  'node-not-ready',
  'downstream-unavailable',
  'certificate-expiry',
  'disk-full',
  'cpu-throttling',
  'traffic-spike',
  'dns-failure',
  'upstream-rate-limited',
  'none',
] as const;

export type RootCause = (typeof ROOT_CAUSES)[number];

export function isRootCause(value: string): value is RootCause {
  return (ROOT_CAUSES as readonly string[]).includes(value);
}
