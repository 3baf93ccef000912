import { join, resolve } from 'node:path';
import { ConfigError } from '../errors/index.ts';
import { databaseUrls } from './database-urls.ts';
import { type Environment, EnvironmentSchema } from './schema.ts';

export interface Config {
  dataDir: string;
  auditLogPath: string;
  runbooksDir: string;
  defaultChannel: string | undefined;
  approvers: string[];
  logLevel: NonNullable<Environment['LOG_LEVEL']>;
  slack: {
    botToken: string | undefined;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string | undefined;
    port: number;
  };
  redisUrl: string | undefined;
  prometheus:
    | {
        url: string;
        bearerToken: string | undefined;
        username: string | undefined;
        password: string | undefined;
      }
    | undefined;
  kubernetes: { kubeconfig: string | undefined; context: string | undefined };
  datadog:
    | { apiKey: string; appKey: string; site: string | undefined; apiUrl: string | undefined }
    | undefined;
  anthropic: { apiKey: string; baseUrl: string | undefined; model: string } | undefined;
  webhooks: {
    alertmanagerToken: string | undefined;
    pagerdutySecret: string | undefined;
    datadogToken: string | undefined;
    githubSecret: string | undefined;
    argocdToken: string | undefined;
  };
  /** HTTP API tokens as configured (`name:roles:sha256hex`); parsed by the API. */
  api: { tokens: string[] };
  /** Whether MCP clients may define drafts and start runs. */
  mcp: { write: boolean };
  /** Host name → host:port for HTTP checks. */
  hostOverrides: Record<string, string>;
  /** PostgreSQL connection strings by name, from RUNBOOK_DATABASE_<NAME>_URL (secrets: redacted everywhere). */
  databases: Record<string, string>;
  /** Path of the optional YAML file with routing rules, sweeps and approver policy. */
  configFile: string | undefined;
}

export const DEFAULT_MODEL = 'claude-sonnet-4-5';

/**
 * Validates the environment once, at start-up. Throws ConfigError with one line per bad
 * variable (`PORT: expected a number`), before any port opens.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): Config {
  const parsed = EnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const dataDir = resolve(cwd, e.RUNBOOK_DATA_DIR ?? '.runbook');
  return {
    dataDir,
    auditLogPath: e.RUNBOOK_AUDIT_LOG ? resolve(cwd, e.RUNBOOK_AUDIT_LOG) : join(dataDir, 'audit.jsonl'),
    runbooksDir: resolve(cwd, e.RUNBOOK_RUNBOOKS_DIR ?? 'runbooks'),
    defaultChannel: e.RUNBOOK_DEFAULT_CHANNEL,
    approvers: e.RUNBOOK_APPROVERS,
    logLevel: e.LOG_LEVEL ?? 'info',
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT ?? 3000,
    },
    redisUrl: e.REDIS_URL,
    prometheus: e.PROMETHEUS_URL
      ? {
          url: e.PROMETHEUS_URL,
          bearerToken: e.PROMETHEUS_BEARER_TOKEN,
          username: e.PROMETHEUS_USERNAME,
          password: e.PROMETHEUS_PASSWORD,
        }
      : undefined,
    kubernetes: { kubeconfig: e.KUBECONFIG, context: e.KUBE_CONTEXT },
    datadog:
      e.DD_API_KEY && e.DD_APP_KEY
        ? { apiKey: e.DD_API_KEY, appKey: e.DD_APP_KEY, site: e.DD_SITE, apiUrl: e.DATADOG_API_URL }
        : undefined,
    anthropic: e.ANTHROPIC_API_KEY
      ? {
          apiKey: e.ANTHROPIC_API_KEY,
          baseUrl: e.ANTHROPIC_BASE_URL,
          model: e.RUNBOOK_MODEL ?? DEFAULT_MODEL,
        }
      : undefined,
    webhooks: {
      alertmanagerToken: e.ALERTMANAGER_WEBHOOK_TOKEN,
      pagerdutySecret: e.PAGERDUTY_WEBHOOK_SECRET,
      datadogToken: e.DATADOG_WEBHOOK_TOKEN,
      githubSecret: e.GITHUB_WEBHOOK_SECRET,
      argocdToken: e.ARGOCD_WEBHOOK_TOKEN,
    },
    api: { tokens: e.RUNBOOK_API_TOKENS },
    mcp: { write: e.RUNBOOK_MCP_WRITE === '1' || e.RUNBOOK_MCP_WRITE === 'true' },
    databases: databaseUrls(env),
    hostOverrides: Object.fromEntries(
      e.RUNBOOK_HOST_OVERRIDES.map((entry) => {
        const [name, address] = entry.split('=') as [string, string];
        return [name, address];
      }),
    ),
    configFile: e.RUNBOOK_CONFIG ? resolve(cwd, e.RUNBOOK_CONFIG) : undefined,
  };
}
