import type { Context } from 'hono';
import type { z } from 'zod';
import { errorMessage } from '../errors/index.ts';
import type { AuthResult } from './authenticate.ts';
import { describeIssues } from './describe-issues.ts';
import { handleNotification } from './handle-notification.ts';
import { readLimitedBody } from './read-limited-body.ts';
import type { AlertDeps, AlertNotification, AlertSource } from './types.ts';

export type Normalized = AlertNotification | { ignored: string } | { invalid: string };

/** One webhook: how its sender proves who it is, what its payload looks like, how it maps to a notification. */
export interface EndpointSpec<T> {
  source: AlertSource;
  authenticate(request: Request, rawBody: Buffer): AuthResult;
  schema: z.ZodType<T>;
  normalize(payload: T): Normalized;
}

export interface EndpointContext {
  deps: AlertDeps;
  maxBodyBytes: number;
  /** True once shutdown began: answer 503 so the sender retries (another replica, or this one later). */
  isDraining(): boolean;
}

type Status = 200 | 202 | 400 | 401 | 413 | 500 | 503;

/**
 * size limit → authentication → JSON → schema → one investigation per group. Every refusal is
 * audited with its reason (never the body: it may carry secrets), and answered with a 4xx saying why.
 */
export async function handleWebhook<T>(
  c: Context,
  spec: EndpointSpec<T>,
  context: EndpointContext,
): Promise<Response> {
  const { deps } = context;
  const { source } = spec;
  const reject = async (status: Status, reason: string, headers: Record<string, string> = {}) => {
    deps.count?.(`rejected_${status}`, source);
    deps.logger.warn({ source, status, reason }, 'alert webhook refused');
    await deps.audit
      .append({
        actor: source,
        type: 'alert.rejected',
        data: { source, status, reason, userAgent: c.req.header('user-agent') ?? null },
      })
      .catch((error: unknown) =>
        deps.logger.error({ error: errorMessage(error) }, 'could not audit a refused alert'),
      );
    return c.json({ error: reason }, status, headers);
  };

  if (context.isDraining()) return reject(503, 'shutting down; retry', { 'retry-after': '5' });
  const body = await readLimitedBody(c.req.raw, context.maxBodyBytes);
  if (!body.ok) return reject(413, body.reason);
  const auth = spec.authenticate(c.req.raw, body.body);
  if (!auth.ok) return reject(auth.status, auth.reason);
  let json: unknown;
  try {
    json = JSON.parse(body.body.toString('utf8'));
  } catch (error) {
    return reject(400, `body is not JSON (${errorMessage(error)})`);
  }
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) return reject(400, describeIssues(parsed.error.issues));
  const normalized = spec.normalize(parsed.data);
  if ('invalid' in normalized) return reject(400, normalized.invalid);
  if ('ignored' in normalized) {
    deps.count?.('ignored', source);
    await deps.audit.append({
      actor: source,
      type: 'alert.ignored',
      data: { source, reason: normalized.ignored },
    });
    return c.json({ status: 'ignored', reason: normalized.ignored }, 200);
  }
  try {
    const outcome = await handleNotification(deps, normalized);
    deps.count?.(outcome.status, source);
    return c.json(outcome, outcome.status === 'started' ? 202 : 200);
  } catch (error) {
    deps.count?.('failed', source);
    deps.logger.error({ source, error: errorMessage(error) }, 'alert could not be handled');
    return c.json({ error: `could not handle the alert: ${errorMessage(error)}` }, 500);
  }
}
