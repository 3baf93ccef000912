/** A failed deployment, whatever reported it: what the investigation and its thread need. */
export interface DeployFailure {
  /** github, argocd, generic: who reported it. */
  reporter: 'github' | 'argocd' | 'generic';
  /** Dedupe key: one investigation per failed rollout, however many times it is reported. */
  key: string;
  /** The workload (Deployment / service) that failed to roll out. */
  service: string;
  namespace?: string;
  environment?: string;
  /** Commit, tag or image that was being deployed. */
  revision?: string;
  /** What the deploy system said. */
  message?: string;
  /** ISO 8601: when the failure was reported. */
  failedAt?: string;
  /** A link to the deploy's logs. */
  url?: string;
}

export type DeployParse = { failure: DeployFailure } | { ignored: string } | { invalid: string };
