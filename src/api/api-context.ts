import type { Context } from 'hono';
import type { z } from 'zod';
import type { ApprovalService } from '../approvals/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { RunbookCatalog } from '../runbooks/index.ts';
import type { RunService } from '../runs/index.ts';
import { ApiRequestError, invalidRequest } from './api-errors.ts';
import { IdParam } from './api-schemas.ts';
import type { ApiRole, ApiToken } from './api-tokens.ts';

export interface ApiDeps {
  runs: RunService;
  catalog: RunbookCatalog;
  approvals: ApprovalService;
  audit: AuditLog;
  /** From `RUNBOOK_API_TOKENS` (see parseApiTokens); none configured = every /api call is 401. */
  tokens: readonly ApiToken[];
  now: () => Date;
  /** Largest request body accepted (413 above). Default 64 KiB. */
  maxBodyBytes?: number;
}

export type ApiEnv = { Variables: { token: ApiToken; runId?: string } };
export type ApiContext = Context<ApiEnv>;

export function requireRole(c: ApiContext, role: ApiRole): ApiToken {
  const token = c.get('token');
  if (!token.roles.has(role)) {
    throw new ApiRequestError(403, {
      code: 'api.forbidden',
      message: `token "${token.name}" lacks the ${role} role; give it in RUNBOOK_API_TOKENS (name:read+${role}:sha256)`,
    });
  }
  return token;
}

/** The `:id` path parameter, validated. */
export function pathId(c: ApiContext): string {
  const parsed = IdParam.safeParse(c.req.param('id'));
  if (!parsed.success) throw invalidRequest('path', parsed.error);
  return parsed.data;
}

/** The JSON body validated by `schema`; an empty body counts as `{}`. */
export async function jsonBody<T extends z.ZodType>(c: ApiContext, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ApiRequestError(400, {
        code: 'request.invalid',
        message: `body: not JSON (${(error as Error).message})`,
        issues: [{ path: 'body', message: 'not JSON' }],
      });
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest('body', parsed.error);
  return parsed.data;
}
