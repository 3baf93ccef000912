import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../errors/index.ts';

export type ApiRole = 'read' | 'run' | 'approve';

/** One configured API token: who it is, what it may do, and the sha256 of the secret (never the secret). */
export interface ApiToken {
  name: string;
  roles: ReadonlySet<ApiRole>;
  sha256: Buffer;
}

const ROLES: readonly ApiRole[] = ['read', 'run', 'approve'];
const ENTRY = /^([A-Za-z0-9_.-]{1,64}):([a-z+]+):([0-9a-f]{64})$/;

/** The sha256 hex of a token secret: what goes into `RUNBOOK_API_TOKENS`. */
export function hashApiToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The approver id an API token decides approvals as (`RUNBOOK_APPROVERS` may also list it). */
export function apiActor(token: Pick<ApiToken, 'name'>): string {
  return `api:${token.name}`;
}

/**
 * Parses `RUNBOOK_API_TOKENS`: comma-separated `name:role1+role2:sha256hex` entries, roles from
 * read, run, approve (`run` and `approve` imply `read`). Throws ConfigError naming each bad entry.
 */
export function parseApiTokens(entries: readonly string[]): ApiToken[] {
  const problems: string[] = [];
  const tokens: ApiToken[] = [];
  const names = new Set<string>();
  entries.forEach((entry, index) => {
    const match = ENTRY.exec(entry.trim());
    if (!match) {
      problems.push(
        `RUNBOOK_API_TOKENS[${index}]: expected name:role1+role2:sha256hex (roles read, run, approve; hash = 64 hex characters of sha256(token))`,
      );
      return;
    }
    const [, name = '', roleList = '', hex = ''] = match;
    const roles = roleList.split('+');
    const unknown = roles.filter((role) => !ROLES.includes(role as ApiRole));
    if (unknown.length > 0) {
      problems.push(
        `RUNBOOK_API_TOKENS[${index}] (${name}): unknown role "${unknown.join('", "')}"; use read, run, approve`,
      );
      return;
    }
    if (names.has(name)) {
      problems.push(
        `RUNBOOK_API_TOKENS[${index}]: the name "${name}" is used twice; names identify callers in the audit log`,
      );
      return;
    }
    names.add(name);
    tokens.push({
      name,
      roles: new Set<ApiRole>(['read', ...(roles as ApiRole[])]),
      sha256: Buffer.from(hex, 'hex'),
    });
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return tokens;
}

/**
 * The token a bearer secret belongs to, or undefined. Every configured hash is compared, in
 * constant time, so the response time says nothing about which token (or how much of one) matched.
 */
export function authenticate(tokens: readonly ApiToken[], secret: string): ApiToken | undefined {
  const presented = createHash('sha256').update(secret, 'utf8').digest();
  let found: ApiToken | undefined;
  for (const token of tokens) {
    if (timingSafeEqual(presented, token.sha256)) found ??= token;
  }
  return found;
}
