import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { type AuthResult, secretsEqual } from '../authenticate.ts';
import type { DeployParse } from './deploy-failure.ts';

/** The fields of GitHub's `deployment_status` event that Runbook reads. */
export const GitHubDeploymentStatus = z.object({
  deployment_status: z.object({
    id: z.number().optional(),
    state: z.string(),
    description: z.string().nullish(),
    environment: z.string().nullish(),
    target_url: z.string().nullish(),
    log_url: z.string().nullish(),
    created_at: z.string().nullish(),
  }),
  deployment: z.object({
    id: z.number(),
    ref: z.string().nullish(),
    sha: z.string().nullish(),
    environment: z.string().nullish(),
    payload: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  }),
  repository: z.object({ name: z.string(), full_name: z.string().optional() }),
});
export type GitHubDeploymentStatus = z.infer<typeof GitHubDeploymentStatus>;

const FAILED_STATES = new Set(['failure', 'error']);

/**
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(GITHUB_WEBHOOK_SECRET, raw body)>`, compared in
 * constant time. No secret configured: the endpoint is off (503), never open.
 */
export function checkGitHubSignature(
  header: string | null,
  rawBody: Buffer,
  secret: string | undefined,
): AuthResult {
  if (secret === undefined) {
    return { ok: false, status: 503, reason: 'GITHUB_WEBHOOK_SECRET is not set: this endpoint is disabled' };
  }
  if (!header) return { ok: false, status: 401, reason: 'missing X-Hub-Signature-256' };
  const expected = `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
  return secretsEqual(header.trim(), expected)
    ? { ok: true }
    : { ok: false, status: 401, reason: 'bad signature' };
}

function payloadField(
  payload: GitHubDeploymentStatus['deployment']['payload'],
  name: string,
): string | undefined {
  if (!payload || typeof payload === 'string') return undefined;
  const value = payload[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * A failed (`failure` or `error`) deployment status → the workload to investigate: the
 * deployment payload's `service` (or `workload`, `app`), else the repository name; `namespace`
 * from the payload. Other states (pending, in_progress, success…) are ignored.
 */
export function githubDeployFailure(event: GitHubDeploymentStatus): DeployParse {
  const { deployment_status: status, deployment, repository } = event;
  if (!FAILED_STATES.has(status.state))
    return { ignored: `deployment state "${status.state}" is not a failure` };
  const service =
    payloadField(deployment.payload, 'service') ??
    payloadField(deployment.payload, 'workload') ??
    payloadField(deployment.payload, 'app') ??
    repository.name;
  const namespace = payloadField(deployment.payload, 'namespace');
  const environment = status.environment ?? deployment.environment ?? undefined;
  const revision = deployment.sha?.slice(0, 12) ?? deployment.ref ?? undefined;
  const url = status.log_url ?? status.target_url ?? undefined;
  return {
    failure: {
      reporter: 'github',
      key: `github:${repository.full_name ?? repository.name}:${deployment.id}`,
      service,
      ...(namespace ? { namespace } : {}),
      ...(environment ? { environment } : {}),
      ...(revision ? { revision } : {}),
      ...(status.description ? { message: status.description } : {}),
      ...(status.created_at ? { failedAt: status.created_at } : {}),
      ...(url ? { url } : {}),
    },
  };
}
