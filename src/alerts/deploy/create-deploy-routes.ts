import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { errorMessage } from '../../errors/index.ts';
import { type AuthResult, bearerToken, checkToken } from '../authenticate.ts';
import { describeIssues } from '../describe-issues.ts';
import { MAX_ALERT_BODY_BYTES, readLimitedBody } from '../read-limited-body.ts';
import { ArgoCdNotification, argoCdDeployFailure } from './argocd-notification.ts';
import type { DeployParse } from './deploy-failure.ts';
import { GenericDeployFailure, genericDeployFailure } from './generic-deploy.ts';
import {
  checkGitHubSignature,
  GitHubDeploymentStatus,
  githubDeployFailure,
} from './github-deployment-status.ts';
import { type DeployDeps, startDeployInvestigation } from './start-deploy-investigation.ts';

export interface DeployRoutesInput {
  deps: DeployDeps;
  secrets: {
    /** GITHUB_WEBHOOK_SECRET: verifies X-Hub-Signature-256 on /alerts/github. */
    githubSecret: string | undefined;
    /** ARGOCD_WEBHOOK_TOKEN: bearer token on /alerts/argocd and /alerts/deploy. */
    argocdToken: string | undefined;
  };
  isDraining?: () => boolean;
  maxBodyBytes?: number;
}

interface Receiver<T> {
  name: 'github' | 'argocd' | 'generic';
  authenticate(request: Request, body: Buffer): AuthResult;
  schema: z.ZodType<T>;
  parse(payload: T, request: Request): DeployParse;
}

type Status = 200 | 202 | 400 | 401 | 413 | 500 | 503;

/**
 * POST /alerts/github (deployment_status), /alerts/argocd and /alerts/deploy (generic) as a Hono
 * app to mount at the server's root: size limit → authentication → JSON → schema → one
 * investigation of the failed workload. Refusals are audited with their reason, never the body.
 */
export function createDeployRoutes(input: DeployRoutesInput): Hono {
  const { deps, secrets } = input;
  const maxBodyBytes = input.maxBodyBytes ?? MAX_ALERT_BODY_BYTES;
  const isDraining = input.isDraining ?? (() => false);

  async function receive<T>(c: Context, receiver: Receiver<T>): Promise<Response> {
    const actor = `deploy:${receiver.name}`;
    const reject = async (status: Status, reason: string) => {
      deps.logger.warn({ receiver: receiver.name, status, reason }, 'deploy webhook refused');
      await deps.audit.append({ actor, type: 'deploy.rejected', data: { status, reason } });
      return c.json({ error: reason }, status, status === 503 ? { 'retry-after': '5' } : {});
    };
    if (isDraining()) return reject(503, 'shutting down; retry');
    const body = await readLimitedBody(c.req.raw, maxBodyBytes);
    if (!body.ok) return reject(413, body.reason);
    const auth = receiver.authenticate(c.req.raw, body.body);
    if (!auth.ok) return reject(auth.status, auth.reason);
    let json: unknown;
    try {
      json = JSON.parse(body.body.toString('utf8'));
    } catch (error) {
      return reject(400, `body is not JSON (${errorMessage(error)})`);
    }
    const parsed = receiver.schema.safeParse(json);
    if (!parsed.success) return reject(400, describeIssues(parsed.error.issues));
    const result = receiver.parse(parsed.data, c.req.raw);
    if ('invalid' in result) return reject(400, result.invalid);
    if ('ignored' in result) {
      await deps.audit.append({ actor, type: 'deploy.ignored', data: { reason: result.ignored } });
      return c.json({ status: 'ignored', reason: result.ignored }, 200);
    }
    try {
      const outcome = await startDeployInvestigation(deps, result.failure);
      return c.json(outcome, outcome.status === 'started' ? 202 : 200);
    } catch (error) {
      deps.logger.error(
        { receiver: receiver.name, error: errorMessage(error) },
        'deploy failure not handled',
      );
      return c.json({ error: `could not start the investigation: ${errorMessage(error)}` }, 500);
    }
  }

  const argoToken = (request: Request) =>
    checkToken(
      bearerToken(request.headers.get('authorization')),
      [secrets.argocdToken],
      'ARGOCD_WEBHOOK_TOKEN',
    );

  return new Hono()
    .post('/alerts/github', (c) =>
      receive(c, {
        name: 'github',
        authenticate: (request, body) =>
          checkGitHubSignature(request.headers.get('x-hub-signature-256'), body, secrets.githubSecret),
        // A ping (sent when the hook is created) or another event type has its own shape.
        schema: GitHubDeploymentStatus.or(GitHubDeploymentStatus.partial()) as z.ZodType<
          Partial<GitHubDeploymentStatus>
        >,
        parse: (payload, request) => {
          const event = request.headers.get('x-github-event') ?? '';
          if (event !== 'deployment_status')
            return { ignored: `GitHub event "${event}" is not deployment_status` };
          const strict = GitHubDeploymentStatus.safeParse(payload);
          return strict.success
            ? githubDeployFailure(strict.data)
            : { invalid: describeIssues(strict.error.issues) };
        },
      }),
    )
    .post('/alerts/argocd', (c) =>
      receive(c, {
        name: 'argocd',
        authenticate: argoToken,
        schema: ArgoCdNotification,
        parse: argoCdDeployFailure,
      }),
    )
    .post('/alerts/deploy', (c) =>
      receive(c, {
        name: 'generic',
        authenticate: argoToken,
        schema: GenericDeployFailure,
        parse: genericDeployFailure,
      }),
    );
}
